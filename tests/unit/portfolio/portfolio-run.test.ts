/**
 * Portfolio runs on ../shared/data/universe12 (pure phases, no store): the strategy's raw targets recorded without
 * fills, the rebalance calendar, the optimized weights at a rebalance equal to the optimizer on the same window
 * (computed here independently from closes.csv), no look-ahead, rolling VaR/ES against a plain historical
 * computation written out in this file, the stress table by hand, and infeasible constraints naming optimizer,
 * constraint and date.
 */
import { describe, expect, it } from 'vitest';
import { LabSpecSchema, type LabSpec } from '../../../src/core/experiments/lab-spec';
import type { LabTimeline } from '../../../src/core/lab';
import { OPTIMIZERS } from '../../../src/core/portfolio/optimizers';
import { PortfolioConstructionError } from '../../../src/core/portfolio/construct-targets';
import { measurePortfolioRun, planPortfolioRun } from '../../../src/core/portfolio/portfolio-run';
import { recordRawTargets } from '../../../src/core/portfolio/raw-targets';
import { rebalanceBars } from '../../../src/core/portfolio/rebalance-schedule';
import { scaled } from '../../../src/core/portfolio/square-matrix';
import { LabXmom } from '../../../src/core/lab/strategies/xmom';
import { columnMeans, returnsFromCloses } from '../../../src/core/risk/returns-matrix';
import { ANNUALISATION, estimateCovariance } from '../../../src/core/risk/risk-model';
import { rollingVar } from '../../../src/core/risk/rolling-var';
import { findStrategy, validateStrategyParams } from '../../../src/core/strategies/registry';
import { universe12Closes } from '../../helpers/portfolio-universe';
import { UNIVERSE12 } from '../../helpers/universe12';
import { universe12Timeline } from '../../helpers/universe12-timeline';

const HASH = 'a'.repeat(63);
const tl = universe12Timeline();
const T = tl.time.length;
const K = tl.instruments.length;

function labSpec(extra: Record<string, unknown>, params: Record<string, number> = { top_k: 4, lookback: 126, skip: 21 }, strategy = 'xmom'): LabSpec {
  return LabSpecSchema.parse({
    specVersion: 2,
    profile: 'lab',
    strategy,
    params,
    inputs: UNIVERSE12.map((name, i) => ({ contentHash: `${HASH}${i.toString(16)}`, name })),
    ...extra,
  }) as LabSpec;
}

function plan(spec: LabSpec, timeline: LabTimeline = tl) {
  const entry = findStrategy(spec.strategy);
  return planPortfolioRun(spec, timeline, entry.lab.spec(validateStrategyParams(entry, spec.params, 'lab')));
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('phase 1: raw targets', () => {
  it("records xmom's monthly weights at the first bar of each month: flat until 127 closes exist, then top-4 at 0.95 / 4", () => {
    const raw = recordRawTargets(tl, new LabXmom({ lookback: 126, skip: 21, topK: 4 }), 10_000, new Float64Array(K).fill(1));
    expect(raw.bars.length).toBeGreaterThan(60);
    expect(raw.bars[0]).toBe(0);
    for (let j = 1; j < raw.bars.length; j++) {
      const row = raw.weights.subarray(j * K, j * K + K);
      const b = raw.bars[j];
      expect(row.filter((w) => w !== 0)).toEqual(b < 126 ? new Float64Array(0) : new Float64Array(4).fill(0.95 / 4));
      expect(new Date(tl.time[b]).getUTCMonth()).not.toBe(new Date(tl.time[b - 1]).getUTCMonth());
    }
  });
});

describe('a risk block alone', () => {
  it('keeps the strategy and its config; limits go to the engine config; the measures have no stress table', () => {
    const alone = plan(labSpec({ risk: { var: { window: 100 } } }));
    expect(alone.strategy.name).toBe('xmom');
    expect(alone.constructed).toBeUndefined();
    expect('limits' in alone.config).toBe(false);
    const limited = plan(labSpec({ risk: { limits: { maxPositionWeight: 0.1, killSwitch: { drawdown: 0.2, action: 'flatten' } } } }));
    expect(limited.config.limits).toEqual({ maxPositionWeight: 0.1, killSwitch: { drawdown: 0.2, action: 'flatten' } });
    const nav = Float64Array.from({ length: 300 }, (_, t) => 100 + Math.sin(t / 7) * 3 + t / 50);
    const m = measurePortfolioRun(labSpec({ risk: { var: { window: 100, levels: [0.9], horizons: [1] } } }), tl, nav, undefined);
    expect(m.stress).toBeUndefined();
    expect(m.risk.map((r) => r.bar)).toEqual(Array.from({ length: 200 }, (_, i) => 100 + i));
  });
});

describe('phase 2: rebalance calendar', () => {
  const raw = [130, 150, 170];
  it('quarterly = first bar of each quarter from the first target; never = the first; drift = the strategy’s bars', () => {
    const q = rebalanceBars({ rule: 'quarterly', every: 1 }, tl.time, raw);
    expect(q[0]).toBe(130);
    for (const b of q.slice(1)) {
      const m = new Date(tl.time[b]).getUTCMonth();
      expect(m % 3).toBe(0);
      expect(new Date(tl.time[b - 1]).getUTCMonth()).not.toBe(m);
    }
    expect(rebalanceBars({ rule: 'never' }, tl.time, raw)).toEqual([130]);
    expect(rebalanceBars({ rule: 'drift', threshold: 0.05 }, tl.time, raw)).toEqual(raw);
    const weekly = rebalanceBars({ rule: 'weekly', every: 2 }, tl.time, raw);
    expect(new Date(tl.time[weekly[1]]).getUTCDay()).toBe(1);
    expect(weekly[2] - weekly[1]).toBe(10); // weekdays only: two weeks later
  });
});

describe('phase 2: construction', () => {
  const spec = labSpec({
    portfolio: { optimizer: { name: 'min-variance' }, riskModel: { name: 'sample', lookback: 126 }, rebalance: { rule: 'monthly' } },
  });
  const p = plan(spec);
  const c = p.constructed!;
  /** The first rebalance with a selection (xmom is flat until it has lookback + 1 closes). */
  const first = c.diagnostics.findIndex((d) => d.selection.length > 0);

  it('runs scheduled-targets over the schedule, with the optimized rows', () => {
    expect(p.strategy.name).toBe('scheduled-targets');
    expect(c.bars.length).toBeGreaterThan(60);
    if (p.strategy.name === 'scheduled-targets') expect(Array.from(p.strategy.params.weights)).toEqual(Array.from(c.optimized));
  });

  it("equals OPTIMIZERS['min-variance'] on the selection's 126 returns ending at the rebalance bar, × the raw gross", () => {
    const { closes } = universe12Closes();
    for (const j of [first, first + 7, c.bars.length - 1]) {
      const b = c.bars[j];
      const raw = c.raw.subarray(j * K, j * K + K);
      const sel = [...raw.keys()].filter((k) => raw[k] !== 0);
      expect(sel).toHaveLength(4);
      const r = returnsFromCloses(
        sel.map((k) => closes[k]),
        b - 126,
        b + 1,
      );
      expect(r.rows).toBe(126);
      const w = OPTIMIZERS['min-variance'].optimize({
        cov: scaled(estimateCovariance(r, { kind: 'sample' }).daily, ANNUALISATION),
        expectedReturns: columnMeans(r).map((m) => m * ANNUALISATION),
        longOnly: true,
      }).weights;
      const row = c.optimized.subarray(j * K, j * K + K);
      sel.forEach((k, i) => expect(row[k]).toBe(w[i] * 0.95));
      expect(row.filter((_, k) => !sel.includes(k)).every((x) => x === 0)).toBe(true);
    }
  });

  it('does not look ahead: changing every close after a rebalance bar leaves that row and the earlier ones as they were', () => {
    const j = first + 10;
    const b = c.bars[j];
    const close = Float64Array.from(tl.close);
    for (let k = 0; k < K; k++) for (let t = b + 1; t < T; t++) close[k * T + t] *= 1 + 0.3 * Math.sin(k + t);
    const changed = plan(spec, { ...tl, close }).constructed!;
    expect(Array.from(changed.optimized.subarray(0, (j + 1) * K))).toEqual(Array.from(c.optimized.subarray(0, (j + 1) * K)));
    expect(Array.from(changed.optimized.subarray((j + 1) * K, (j + 2) * K))).not.toEqual(Array.from(c.optimized.subarray((j + 1) * K, (j + 2) * K)));
  });

  it('HRP rows carry the leaf order and linkage of the selection', () => {
    const h = plan(labSpec({ portfolio: { optimizer: { name: 'hrp' }, riskModel: { name: 'ledoit-wolf', lookback: 126 } } })).constructed!;
    const j = first + 3;
    const d = h.diagnostics[j];
    expect([...d.leafOrder!].sort()).toEqual([...d.selection].sort());
    expect(d.linkage).toHaveLength(3);
    expect(d.shrinkage).toBeGreaterThan(0);
    const row = h.optimized.subarray(j * K, (j + 1) * K);
    expect(row.reduce((s, x) => s + x, 0)).toBeCloseTo(0.95, 12);
  });

  it('an infeasible cap fails the plan naming the optimizer, the constraint and the date of the first rebalance', () => {
    const bad = labSpec({
      portfolio: { optimizer: { name: 'min-variance' }, constraints: { maxWeight: 0.2 }, riskModel: { name: 'sample', lookback: 126 } },
    });
    let error: unknown;
    try {
      plan(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PortfolioConstructionError);
    const e = error as PortfolioConstructionError;
    expect(e.date).toBe(iso(tl.time[c.bars[first]]));
    expect(e.message).toContain(`portfolio construction at ${e.date}: min-variance:`);
    expect(e.message).toMatch(/\(constraint max-weight\)$/);
  });

  it('a short raw target is refused for a long-only optimizer, naming the shorts and the date', () => {
    const shorts = labSpec({ portfolio: { optimizer: { name: 'erc' } } }, { top_k: 3, bottom_k: 3, lookback: 126, skip: 21 });
    expect(() => plan(shorts)).toThrow(
      /portfolio construction at \d{4}-\d{2}-\d{2}: erc: the raw targets hold shorts \(.+\).*\(constraint long-only selection\)/,
    );
  });

  it('pairs through pass-through keeps its signed, dollar-neutral legs; the drift rule becomes the execution’s threshold', () => {
    const pairs = labSpec(
      { portfolio: { optimizer: { name: 'pass-through' }, rebalance: { rule: 'drift', threshold: 0.02 } } },
      { y: 4, x: 5, window: 60, entry_z: 1.5 },
      'pairs',
    );
    const p = plan(pairs);
    const c = p.constructed!;
    expect(Array.from(c.optimized)).toEqual(Array.from(c.raw));
    const legs = [...c.bars.keys()].filter((j) => c.raw[j * K + 4] !== 0);
    expect(legs.length).toBeGreaterThan(0);
    for (const j of legs) expect(c.raw[j * K + 4]).toBe(-c.raw[j * K + 5]);
    if (p.strategy.name === 'scheduled-targets') expect(p.strategy.params.drift).toBe(0.02);
  });

  it('pass-through keeps the raw targets as they are', () => {
    const pt = plan(labSpec({ portfolio: { optimizer: { name: 'pass-through' } } })).constructed!;
    expect(Array.from(pt.optimized)).toEqual(Array.from(pt.raw));
  });
});

/** Historical VaR/ES written out plainly: sort, R type-7 quantile at 1 − p, mean of the returns strictly below it. */
function plainHistorical(r: number[], p: number): { v: number; es: number } {
  const s = [...r].sort((a, b) => a - b);
  const h = (s.length - 1) * (1 - p);
  const lo = Math.floor(h);
  const q = s[lo] + (h - lo) * (s[Math.min(lo + 1, s.length - 1)] - s[lo]);
  const tail = s.filter((x) => x < q);
  return { v: -q, es: -(tail.reduce((a, b) => a + b, 0) / tail.length) };
}

describe('risk measures of a run', () => {
  // An equal-weight daily-rebalanced NAV of universe12: a real return series.
  const nav = new Float64Array(T);
  nav[0] = 1;
  for (let t = 1; t < T; t++) {
    let r = 0;
    for (let k = 0; k < K; k++) r += (tl.close[k * T + t] / tl.close[k * T + t - 1] - 1) / K;
    nav[t] = nav[t - 1] * (1 + r);
  }

  it('rolling historical VaR/ES 95/99 %, 1 and 10 days, equal a plain computation over the window ending at each bar', () => {
    const rows = rollingVar({ nav, window: 250, levels: [0.95, 0.99], horizons: [1, 10], method: 'historical' });
    expect(rows).toHaveLength((T - 250) * 4);
    for (const t of [250, 700, T - 1]) {
      const window = Array.from({ length: 250 }, (_, i) => nav[t - 249 + i] / nav[t - 250 + i] - 1);
      for (const level of [0.95, 0.99]) {
        const plain = plainHistorical(window, level);
        for (const h of [1, 10]) {
          const row = rows.find((x) => x.bar === t && x.level === level && x.horizon === h)!;
          expect(Math.abs(row.var - plain.v * Math.sqrt(h))).toBeLessThanOrEqual(1e-12 * plain.v);
          expect(Math.abs(row.es! - plain.es * Math.sqrt(h))).toBeLessThanOrEqual(1e-12 * plain.es);
        }
      }
    }
  });

  it('the stress table prices the last rebalance: shock vector, date range and worst window, optimized and raw books', () => {
    const spec = labSpec({
      portfolio: { optimizer: { name: 'inverse-vol' }, riskModel: { name: 'sample', lookback: 126 } },
      risk: {
        scenarios: [
          { name: 'tech crash', shocks: { TEC1: -0.3, TEC2: -0.3, TEC3: -0.3, TEC4: -0.3 } },
          { name: 'first quarter 2019', from: '2019-01-01', to: '2019-03-31' },
          { name: 'worst week', worstWindow: 5 },
        ],
      },
    });
    const c = plan(spec).constructed!;
    const m = measurePortfolioRun(spec, tl, nav, c);
    const J = c.bars.length;
    const opt = c.optimized.subarray((J - 1) * K);
    const raw = c.raw.subarray((J - 1) * K);
    const V = nav[T - 1];
    const book = (name: string) => m.stress!.find((r) => r.scenario === name && r.instrument === null)!;
    const techShock = (w: ArrayLike<number>) => V * [0, 1, 2, 3].reduce((s, k) => s + w[k] * -0.3, 0);
    expect(book('tech crash').optimizedPnl).toBeCloseTo(techShock(opt), 9);
    expect(book('tech crash').rawPnl).toBeCloseTo(techShock(raw), 9);
    const a = tl.time.findIndex((t) => iso(t) >= '2019-01-01');
    const b = Array.from(tl.time).filter((t) => iso(t) <= '2019-03-31').length - 1;
    const range = [...opt.keys()].reduce((s, k) => s + V * opt[k] * (tl.close[k * T + b] / tl.close[k * T + a] - 1), 0);
    expect(book('first quarter 2019').optimizedPnl).toBeCloseTo(range, 9);
    expect(book('first quarter 2019').start).toBe(tl.time[a]);
    const worst = book('worst week');
    expect(worst.optimizedPnl).toBeLessThan(0);
    const perInstrument = m.stress!.filter((r) => r.scenario === 'worst week' && r.instrument !== null);
    expect(perInstrument.reduce((s, r) => s + r.optimizedPnl, 0)).toBeCloseTo(worst.optimizedPnl, 9);
  });
});
