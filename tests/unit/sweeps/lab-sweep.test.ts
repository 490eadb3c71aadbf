import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BrowserSweepPool } from '../../../src/adapters/browser/sweep-pool';
import { compileNodeEngine } from '../../../src/adapters/node/engine-loader';
import { ohlcvContentHash } from '../../../src/core/artifacts/content-hash';
import { loadOhlcvCsv } from '../../../src/core/csv/load-ohlcv-csv';
import type { OhlcvTable } from '../../../src/core/domain/ohlcv-table';
import { alignTables } from '../../../src/core/lab/align';
import {
  labExperimentSpec,
  packTimeline,
  planLabSweep,
  SWEEP_STATS_WIDTH,
  sweepCsv,
  unpackTimeline,
  type LabSweepPlan,
  type LabSweepSpec,
} from '../../../src/core/sweeps';
import { attribution } from '../../../src/core/universe/attribution';
import { createEngine } from '../../../src/engine/engine-module';
import { InProcessLabRunner } from '../../../src/engine/lab-runner';
import { statsRow } from '../../../src/engine/lab-sweep';
import { runLabUniverseBacktest } from '../../../src/handlers/run-lab-backtest';
import type { SweepUniverse } from '../../../src/ports/lab-sweep-runner';
import type { SweepProgress } from '../../../src/ports/sweep-runner';
import { sharedDataPath } from '../../helpers/shared-data';
import { UNIVERSE12 } from '../../helpers/universe12';
import { inProcessWorker, type FakeWorker } from './in-process-workers';

// A lab sweep runs each combination as a version-2 experiment of it runs alone: row c of the sweep is, to the bit,
// the statistics of runLabUniverseBacktest on the combination's spec (labExperimentSpec), whatever the workers.

const named: { name: string; table: OhlcvTable }[] = UNIVERSE12.map((name) => ({
  name,
  table: loadOhlcvCsv(readFileSync(sharedDataPath(`universe12/${name}.csv`), 'utf8'), { source: `${name}.csv` }).table,
}));

function hex(a: Float64Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');
}

describe('lab sweeps over universe12', () => {
  let module: WebAssembly.Module;
  let inputs: { contentHash: string; name: string }[];
  const workers: FakeWorker[] = [];
  const universe: SweepUniverse = { key: 'universe12', timeline: alignTables(named) };

  beforeAll(async () => {
    module = await compileNodeEngine();
    inputs = await Promise.all(named.map(async (n) => ({ contentHash: await ohlcvContentHash(n.table), name: n.name })));
  });

  function spec(over: Partial<LabSweepSpec> = {}): LabSweepSpec {
    return {
      strategy: 'xmom',
      params: { lookback: [63, 126, 252], top_k: { from: 2, to: 4, step: 1 } },
      search: { mode: 'grid' },
      inputs,
      config: { cash: 100_000, commission: { relative: 0.001 }, spread: 0.0005 },
      ...over,
    };
  }

  function planOf(s: LabSweepSpec): LabSweepPlan {
    const outcome = planLabSweep(s);
    if (!outcome.plan) throw new Error(JSON.stringify(outcome.problems));
    return outcome.plan;
  }

  function pool(size: number): BrowserSweepPool {
    return new BrowserSweepPool({
      size,
      loadModule: async () => module,
      connect: () => {
        const w = inProcessWorker();
        workers.push(w);
        return w;
      },
    });
  }

  it('plans xmom lookback × top_k in grid order with the normalized config, and skips skip ≥ lookback', () => {
    const plan = planOf(spec());
    expect(plan.runs).toBe(9);
    expect(plan.paramNames).toEqual(['lookback', 'top_k']);
    expect(Array.from(plan.values.subarray(0, 6))).toEqual([63, 2, 63, 3, 63, 4]);
    expect(plan.config.cash).toBe(100_000);
    expect(plan.config.fillTiming).toBe('next-open');
    const skipping = planOf(spec({ params: { lookback: [21, 63], skip: [21], top_k: [3] } }));
    expect(skipping.runs).toBe(1);
    expect(skipping.skipped).toBe(1);
    expect(skipping.rules).toEqual(['skip < lookback']);
  });

  it('names every problem by its path: config, inputs, parameter values, search', () => {
    const outcome = planLabSweep(
      spec({
        params: { lookback: [63, 0], topk: [2] },
        inputs: [inputs[0], { ...inputs[1], name: inputs[0].name }],
        config: { cash: -5 },
        search: { mode: 'random', count: 0, seed: 1 },
      }),
    );
    expect(outcome.plan).toBeNull();
    const fields = outcome.problems.map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['params.topk', 'params.lookback', 'search.count', 'config.cash', 'inputs[1].name']));
    expect(outcome.problems.find((p) => p.field === 'params.topk')!.message).toMatch(/did you mean "top_k"/);
    expect(outcome.problems.find((p) => p.field === 'config.cash')!.message).toMatch(/got -5/);
    expect(planLabSweep(spec({ strategy: 'xmon' })).problems[0]).toMatchObject({
      field: 'strategy',
      message: expect.stringMatching(/did you mean "xmom"/),
    });
  });

  it('packs a timeline for the workers and unpacks the same numbers', () => {
    const tl = universe.timeline;
    const back = unpackTimeline(tl.instruments, packTimeline(tl, true), tl.time.length);
    for (const c of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) expect(hex(back[c])).toBe(hex(tl[c]));
    expect(() => unpackTimeline(tl.instruments.slice(1), packTimeline(tl, false), tl.time.length)).toThrow(/11 instruments/);
  });

  it('row c equals the single experiment of combination c, bit for bit, with 1 or 2 workers', async () => {
    const plan = planOf(spec());
    const engine = await createEngine(module);
    const runner = new InProcessLabRunner(engine, 'test');
    const expected = new Float64Array(plan.runs * SWEEP_STATS_WIDTH);
    const turnover = new Float64Array(plan.runs);
    for (let c = 0; c < plan.runs; c++) {
      const one = labExperimentSpec(plan, c);
      const run = await runLabUniverseBacktest(runner, named, { strategy: one.strategy, params: one.params, config: one.config });
      statsRow(run.stats, expected, c * SWEEP_STATS_WIDTH);
      // The experiment's attribution table, summed over the instruments.
      const r = run.result;
      const a = attribution({
        instruments: named.length,
        positions: r.positions,
        close: run.timeline.close,
        nav: r.nav,
        cash: 100_000,
        fills: r.fills,
      });
      turnover[c] = a.turnover.reduce((s, t) => s + t, 0);
    }
    expect(turnover.every((t) => t > 0)).toBe(true);
    // The sweep is not a constant: the combinations differ.
    expect(new Set(Array.from({ length: plan.runs }, (_, c) => expected[c * SWEEP_STATS_WIDTH + 12])).size).toBeGreaterThan(1);
    for (const size of [1, 2]) {
      const p = pool(size);
      const progress: SweepProgress[] = [];
      const run = p.startLab(plan, universe, (e) => progress.push(e));
      const end = await run.finished;
      expect(end.status).toBe('done');
      expect(end.progress.done).toBe(plan.runs);
      expect(hex(run.results.stats), `${size} workers`).toBe(hex(expected));
      expect(hex(run.results.extras)).toBe(hex(turnover));
      const csv = sweepCsv(plan.paramNames, plan.values, run.results).trim().split('\n');
      expect(csv[0].split(',').at(-1)).toBe('turnover');
      expect(Number(csv[1].split(',').at(-1))).toBe(turnover[0]);
      expect(progress.some((e) => e.done > 0 && e.done < plan.runs)).toBe(true);
      // The best Sharpe's NAV for the deflated Sharpe ratio: the single run's NAV.
      const best = run.results.best('sharpe_ratio')!;
      const one = labExperimentSpec(plan, best.combination);
      const single = await runLabUniverseBacktest(runner, named, { strategy: one.strategy, params: one.params, config: one.config });
      expect(hex(await p.labNav(plan, best.combination, universe))).toBe(hex(single.result.nav));
      p.dispose();
    }
  }, 120_000);

  it('cancel stops the workers within a combination and keeps the finished rows', async () => {
    const plan = planOf(spec({ params: { lookback: { from: 40, to: 260, step: 5 }, top_k: [2, 3, 4, 5] } }));
    expect(plan.runs).toBe(180);
    const before = workers.length;
    const p = pool(2);
    let run: ReturnType<BrowserSweepPool['startLab']> | null = null;
    run = p.startLab(plan, universe, (e) => {
      if (e.done >= 6) run?.cancel();
    });
    const end = await run.finished;
    expect(end.status).toBe('cancelled');
    const kept = run.results.completed;
    expect(kept).toBeGreaterThanOrEqual(6);
    expect(kept).toBeLessThan(plan.runs);
    expect(workers.slice(before).every((w) => w.terminated)).toBe(true);
    const engine = await createEngine(module);
    const runner = new InProcessLabRunner(engine, 'test');
    const c = run.results.completedIndices().at(-1)!;
    const one = labExperimentSpec(plan, c);
    const single = await runLabUniverseBacktest(runner, named, { strategy: one.strategy, params: one.params, config: one.config });
    const row = new Float64Array(SWEEP_STATS_WIDTH);
    statsRow(single.stats, row, 0);
    expect(hex(run.results.stats.subarray(c * SWEEP_STATS_WIDTH, (c + 1) * SWEEP_STATS_WIDTH))).toBe(hex(row));
    p.dispose();
  }, 120_000);
});
