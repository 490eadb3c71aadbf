import { describe, expect, it } from 'vitest';
import { combinationParams, parseValueList, planSweep, rangeValues, SWEEP_LIMITS, type SweepPlan, type SweepSpec } from '../../../src/core/sweeps';

const SMA_200: SweepSpec = {
  strategy: 'sma-cross',
  params: { fast: { from: 5, to: 50, step: 5 }, slow: { from: 10, to: 200, step: 10 } },
  search: { mode: 'grid' },
  options: { commission: 0.002, exclusiveOrders: true },
};

function plan(spec: SweepSpec): SweepPlan {
  const outcome = planSweep(spec);
  if (!outcome.plan) throw new Error(JSON.stringify(outcome.problems));
  return outcome.plan;
}

function rows(p: SweepPlan): Record<string, number>[] {
  return Array.from({ length: p.runs }, (_, c) => combinationParams(p.paramNames, p.values, c));
}

describe('parameter values', () => {
  it('expands a range with both ends, rounded to the digits typed', () => {
    expect(rangeValues({ from: 5, to: 50, step: 5 })).toEqual({ values: [5, 10, 15, 20, 25, 30, 35, 40, 45, 50] });
    expect(rangeValues({ from: 0.1, to: 0.5, step: 0.1 })).toEqual({ values: [0.1, 0.2, 0.3, 0.4, 0.5] });
    expect(rangeValues({ from: 1, to: 10, step: 4 })).toEqual({ values: [1, 5, 9] });
    expect(rangeValues({ from: 0, to: 0.0003, step: 1e-4 })).toEqual({ values: [0, 0.0001, 0.0002, 0.0003] });
    expect(rangeValues({ from: 7, to: 7, step: 1 })).toEqual({ values: [7] });
  });

  it('refuses empty, reversed, non-finite and oversized ranges and lists with repeats', () => {
    expect(rangeValues({ from: 10, to: 5, step: 1 })).toEqual({ problem: 'to (5) is below from (10)' });
    expect(rangeValues({ from: 1, to: 5, step: 0 })).toEqual({ problem: 'step must be > 0, got 0' });
    expect(rangeValues({ from: Number.NaN, to: 5, step: 1 })).toEqual({ problem: 'from must be a finite number, got NaN' });
    expect(rangeValues({ from: 0, to: SWEEP_LIMITS.valuesPerParam, step: 1 })).toHaveProperty('problem');
    expect(rangeValues([])).toEqual({ problem: 'no values' });
    expect(rangeValues([3, 5, 3])).toEqual({ problem: '3 is listed twice' });
    expect(rangeValues([20, 5, 10])).toEqual({ values: [20, 5, 10] });
  });

  it('reads a typed list', () => {
    expect(parseValueList('5, 10 20;40')).toEqual({ values: [5, 10, 20, 40] });
    expect(parseValueList('5, x')).toEqual({ problem: '"x" is not a number' });
  });
});

describe('grid', () => {
  it('runs every combination that keeps fast < slow, first parameter slowest, and counts the skips', () => {
    const p = plan(SMA_200);
    expect(p.space).toBe(200);
    // fast ≥ slow: slow 10 → 9 fasts, 20 → 7, 30 → 5, 40 → 3, 50 → 1.
    expect(p.skipped).toBe(25);
    expect(p.runs).toBe(175);
    expect(p.rules).toEqual(['fast < slow']);
    expect(p.paramNames).toEqual(['fast', 'slow']);
    expect(p.varied).toEqual(['fast', 'slow']);
    const r = rows(p);
    expect(r.slice(0, 3)).toEqual([
      { fast: 5, slow: 10 },
      { fast: 5, slow: 20 },
      { fast: 5, slow: 30 },
    ]);
    expect(r.at(-1)).toEqual({ fast: 50, slow: 200 });
    expect(r.every((x) => x.fast < x.slow)).toBe(true);
    expect(r.findIndex((x) => x.fast === 10 && x.slow === 20)).toBe(20);
    expect(new Set(r.map((x) => `${x.fast}/${x.slow}`)).size).toBe(175);
  });

  it('orders parameters as the registry does, whatever the spec order, and keeps fixed ones', () => {
    const p = plan({ ...SMA_200, params: { sl: [0.05], slow: [30, 60], fast: [10, 20] } });
    expect(p.paramNames).toEqual(['fast', 'slow', 'sl']);
    expect(p.varied).toEqual(['fast', 'slow']);
    expect(rows(p)).toEqual([
      { fast: 10, slow: 30, sl: 0.05 },
      { fast: 10, slow: 60, sl: 0.05 },
      { fast: 20, slow: 30, sl: 0.05 },
      { fast: 20, slow: 60, sl: 0.05 },
    ]);
    expect(p.loop).toBe('wasm');
  });

  it('applies a rule with the registry default of a parameter the sweep does not set', () => {
    // mean-reversion: exit_z < entry_z, entry_z defaults to 2.
    const p = plan({
      strategy: 'mean-reversion',
      params: { window: [10, 20], exit_z: { from: 0, to: 3, step: 0.5 } },
      search: { mode: 'grid' },
      options: {},
    });
    expect(p.space).toBe(14);
    expect(p.skipped).toBe(6);
    expect(rows(p).every((x) => x.exit_z < 2)).toBe(true);
    expect(p.loop).toBe('reference');
    expect(plan({ strategy: 'momentum', params: { lookback: [5, 10, 20] }, search: { mode: 'grid' }, options: {} }).skipped).toBe(0);
  });

  it('checks every value with the registry and reports all problems at once', () => {
    const outcome = planSweep({
      strategy: 'sma-cross',
      params: { fats: [1], fast: [0, 2], slow: { from: 0.1, to: 0.3, step: 0.1 }, tp: [1.5] },
      search: { mode: 'random', count: 0, seed: -1 },
      options: { margin: 2 },
    });
    expect(outcome.plan).toBeNull();
    expect(outcome.problems.map((p) => p.field)).toEqual([
      'params.fats',
      'params.fast',
      'params.slow',
      'params.tp',
      'search.count',
      'search.seed',
      'options',
    ]);
    expect(outcome.problems[0].message).toContain('did you mean "fast"');
    expect(outcome.problems[1].message).toBe('sma-cross: fast must be ≥ 1, got 0');
    expect(outcome.problems[2].message).toBe('sma-cross: slow must be an integer, got 0.1');
  });

  it('names unknown strategies and missing required parameters', () => {
    expect(planSweep({ ...SMA_200, strategy: 'sma-crss' }).problems[0].message).toContain('did you mean "sma-cross"');
    expect(planSweep({ ...SMA_200, params: { fast: [10] } }).problems).toEqual([
      { field: 'params.slow', message: 'slow needs a value (slow SMA window, bars)' },
    ]);
  });

  it('refuses a grid beyond the limits and one where every combination breaks a rule', () => {
    const huge = planSweep({ ...SMA_200, params: { fast: { from: 1, to: 2000, step: 1 }, slow: { from: 1, to: 1000, step: 1 } } });
    expect(huge.problems[0].message).toContain('2,000,000 combinations');
    const tooMany = planSweep({ ...SMA_200, params: { fast: { from: 1, to: 1000, step: 1 }, slow: { from: 1001, to: 1200, step: 1 } } });
    expect(tooMany.problems[0].message).toContain('200,000 runs');
    expect(planSweep({ ...SMA_200, params: { fast: [50], slow: [10, 20] } }).problems[0].message).toBe('every combination breaks fast < slow');
  });
});

describe('random search', () => {
  const random = (count: number, seed: number): SweepPlan => plan({ ...SMA_200, search: { mode: 'random', count, seed } });

  it('draws distinct valid combinations of the grid, the same ones for the same seed', () => {
    const a = random(50, 7);
    expect(a.runs).toBe(50);
    expect(a.requested).toBe(50);
    expect(a.seed).toBe(7);
    const r = rows(a);
    expect(new Set(r.map((x) => `${x.fast}/${x.slow}`)).size).toBe(50);
    expect(r.every((x) => x.fast < x.slow && x.fast % 5 === 0 && x.slow % 10 === 0)).toBe(true);
    expect(Array.from(random(50, 7).values)).toEqual(Array.from(a.values));
    expect(Array.from(random(50, 8).values)).not.toEqual(Array.from(a.values));
    // Counted skips are those of the grid drawn from.
    expect(a.skipped).toBe(25);
  });

  it('is prefix-stable: the first k draws of a seed do not depend on the count', () => {
    expect(Array.from(random(10, 3).values)).toEqual(Array.from(random(40, 3).values.subarray(0, 20)));
  });

  it('runs every valid combination once when asked for more than there are', () => {
    const all = random(1000, 1);
    expect(all.runs).toBe(175);
    expect(all.requested).toBe(1000);
    const grid = rows(plan(SMA_200))
      .map((x) => `${x.fast}/${x.slow}`)
      .sort();
    expect(
      rows(all)
        .map((x) => `${x.fast}/${x.slow}`)
        .sort(),
    ).toEqual(grid);
  });
});
