import { beforeAll, describe, expect, it } from 'vitest';
import { compileNodeEngine } from '../../../src/adapters/node/engine-loader';
import { BrowserSweepPool } from '../../../src/adapters/browser/sweep-pool';
import type { SweepBars, SweepProgress } from '../../../src/ports/sweep-runner';
import type { Bars } from '../../../src/core/compat';
import type { OhlcvTable } from '../../../src/core/domain/ohlcv-table';
import { generateSample } from '../../../src/core/sample';
import { combinationParams, planSweep, SWEEP_STATS_WIDTH, type SweepPlan, type SweepSpec } from '../../../src/core/sweeps';
import { createEngine, type Engine } from '../../../src/engine/engine-module';
import type { SweepParamsOf } from '../../../src/engine/sweep-engine';
import { InProcessCompatRunner } from '../../../src/engine/compat-runner';
import { runBacktestSpec } from '../../../src/handlers/run-backtest';
import { loadSharedBars } from '../compat/load-csv';
import { GOOG_SMA_10_20_STATS } from '../../helpers/goog-golden';
import { inProcessWorker, type FakeWorker, type FakeWorkerOptions } from './in-process-workers';

// The pool is a scheduler, not a second engine: whatever the number of workers, the chunk sizes or the order in
// which chunks finish, row c is what one SweepEngine.run gives for combination c, to the bit.

function table(b: Bars): OhlcvTable {
  return { timestamp: b.time, open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume };
}

function planOf(spec: SweepSpec): SweepPlan {
  const outcome = planSweep(spec);
  if (!outcome.plan) throw new Error(JSON.stringify(outcome.problems));
  return outcome.plan;
}

function hex(a: Float64Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');
}

const GRID_200: SweepSpec = {
  strategy: 'sma-cross',
  params: { fast: { from: 1, to: 10, step: 1 }, slow: { from: 20, to: 115, step: 5 } },
  search: { mode: 'grid' },
  options: { commission: 0.002, exclusiveOrders: true },
};

describe('BrowserSweepPool (in-process workers)', () => {
  let module: WebAssembly.Module;
  let engine: Engine;
  const goog: SweepBars = { key: 'goog', table: table(loadSharedBars('GOOG.csv')) };
  const fx: SweepBars = { key: 'fx', table: generateSample('synth-fx-hourly') };
  const workers: FakeWorker[] = [];

  beforeAll(async () => {
    module = await compileNodeEngine();
    engine = await createEngine(module);
  });

  function pool(
    size: number,
    options: { policy?: { initial: number; targetMs: number; max: number }; shareBars?: boolean; worker?: FakeWorkerOptions } = {},
  ): BrowserSweepPool {
    return new BrowserSweepPool({
      size,
      policy: options.policy,
      shareBars: options.shareBars,
      loadModule: async () => module,
      connect: () => {
        const w = inProcessWorker(options.worker);
        workers.push(w);
        return w;
      },
    });
  }

  /** SweepEngine.run of the plan in one thread. */
  function single(plan: SweepPlan, bars: SweepBars): Float64Array {
    const t = bars.table;
    engine.sweep.prepare({ time: t.timestamp, open: t.open, high: t.high, low: t.low, close: t.close, volume: t.volume });
    const sets = Array.from(
      { length: plan.runs },
      (_, c) => combinationParams(plan.paramNames, plan.values, c) as unknown as SweepParamsOf['sma-cross'],
    );
    return engine.sweep.run('sma-cross', sets, plan.options).stats;
  }

  it('gives SweepEngine.run bit for bit with 1, 2 or 3 workers, any chunk policy, copied or shared bars', async () => {
    const plan = planOf(GRID_200);
    expect(plan.runs).toBe(200);
    const expected = hex(single(plan, goog));
    for (const [size, policy, shareBars] of [
      [1, undefined, false],
      [2, undefined, false],
      [3, { initial: 1, targetMs: 0.001, max: 7 }, false],
      [2, { initial: 50, targetMs: 1000, max: 1000 }, true],
    ] as const) {
      const p = pool(size, { policy, shareBars });
      const progress: SweepProgress[] = [];
      const run = p.start(plan, goog, (e) => progress.push(e));
      const end = await run.finished;
      expect(end.status, `${size} workers`).toBe('done');
      expect(end.progress.done).toBe(200);
      expect(hex(run.results.stats), `${size} workers ${JSON.stringify(policy)}`).toBe(expected);
      expect(progress.some((e) => e.done > 0 && e.done < 200)).toBe(true);
      expect(progress.at(-1)!.workers).toBe(size);
      p.dispose();
    }
    // metrics.md's golden row is combination fast=10 slow=20.
    const c = Array.from({ length: plan.runs }, (_, k) => combinationParams(plan.paramNames, plan.values, k)).findIndex(
      (x) => x.fast === 10 && x.slow === 20,
    );
    const p = pool(2);
    const run = p.start(plan, goog);
    await run.finished;
    const s = run.results.statsOf(c);
    for (const key of ['sharpe_ratio', 'return_pct', 'trades'] as const) expect(s[key]).toBeCloseTo(GOOG_SMA_10_20_STATS[key] as number, 6);
    p.dispose();
  }, 60_000);

  it('keeps prepared bars across sweeps and sends them again only for other bars', async () => {
    const plan = planOf({ ...GRID_200, params: { fast: [5, 10], slow: [20, 40] } });
    const p = pool(2);
    await p.start(plan, goog).finished;
    const again = p.start(plan, goog);
    await again.finished;
    const other = p.start(plan, fx);
    await other.finished;
    expect(hex(other.results.stats)).toBe(hex(single(plan, fx)));
    expect(hex(again.results.stats)).toBe(hex(single(plan, goog)));
    p.dispose();
  });

  it('cancels: stops handing out chunks, terminates the workers, keeps the rows it finished', async () => {
    const plan = planOf({ ...GRID_200, params: { fast: { from: 2, to: 51, step: 1 }, slow: { from: 52, to: 151, step: 1 } }, options: {} });
    expect(plan.runs).toBe(5000);
    const before = workers.length;
    const p = pool(2, { policy: { initial: 4, targetMs: 5, max: 64 } });
    let run: ReturnType<BrowserSweepPool['start']> | null = null;
    run = p.start(plan, fx, (e) => {
      if (e.done >= 40) run?.cancel();
    });
    const end = await run.finished;
    expect(end.status).toBe('cancelled');
    const kept = run.results.completed;
    expect(kept).toBeGreaterThanOrEqual(40);
    expect(kept).toBeLessThan(5000);
    expect(workers.slice(before).every((w) => w.terminated)).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(run.results.completed).toBe(kept);
    // The kept rows are the single-threaded rows of the same combinations.
    const expected = single(plan, fx);
    for (const c of run.results.completedIndices()) {
      expect(hex(run.results.stats.subarray(c * SWEEP_STATS_WIDTH, (c + 1) * SWEEP_STATS_WIDTH))).toBe(
        hex(expected.subarray(c * SWEEP_STATS_WIDTH, (c + 1) * SWEEP_STATS_WIDTH)),
      );
    }
    // A fresh set of workers runs the next sweep.
    const next = p.start(planOf({ ...GRID_200, params: { fast: [5], slow: [20] } }), fx);
    expect((await next.finished).status).toBe('done');
    p.dispose();
  });

  it('cancels while the workers are still starting', async () => {
    const p = pool(2);
    const run = p.start(planOf(GRID_200), goog);
    run.cancel();
    expect((await run.finished).status).toBe('cancelled');
    expect(run.results.completed).toBe(0);
  });

  it('reports a chunk that throws with its combinations and goes on with the rest', async () => {
    const plan = planOf(GRID_200);
    const p = pool(2, {
      policy: { initial: 10, targetMs: 1e9, max: 10 },
      worker: {
        beforeChunk: (_, from) => {
          if (from === 30) throw new Error('engine aborted at 1:2');
        },
      },
    });
    const run = p.start(plan, goog);
    const end = await run.finished;
    expect(end.status).toBe('done');
    expect(run.results.completed).toBe(190);
    expect(run.results.sortedFailures().map((f) => f.combination)).toEqual([30, 31, 32, 33, 34, 35, 36, 37, 38, 39]);
    expect(run.results.failures[0].message).toBe('combinations 30–39: engine aborted at 1:2');
    p.dispose();
  });

  it('loses only the chunks a dying worker holds (the one it runs, the one queued behind); the others finish the sweep', async () => {
    const plan = planOf(GRID_200);
    let crashed = false;
    const p = pool(2, {
      policy: { initial: 10, targetMs: 1e9, max: 10 },
      worker: {
        beforeChunk: (w, from) => {
          if (from === 50 && !crashed) {
            crashed = true;
            w.crash('out of memory');
          }
        },
      },
    });
    const run = p.start(plan, goog);
    const end = await run.finished;
    expect(end.status).toBe('done');
    expect(run.results.completed).toBe(180);
    const failed = run.results.sortedFailures();
    expect(failed).toHaveLength(20);
    expect(failed.slice(0, 10)).toEqual(
      Array.from({ length: 10 }, (_, k) => ({ combination: 50 + k, message: 'combinations 50–59: out of memory' })),
    );
    expect(failed[10].message).toMatch(/^combinations \d+–\d+: out of memory$/);
    expect(end.progress.workers).toBe(2);
    p.dispose();
  });

  it('fails the sweep, with the reason, when the workers cannot take the bars', async () => {
    const bad: SweepBars = { key: 'bad', table: { ...goog.table, open: goog.table.open.map((v, i) => (i === 7 ? Number.NaN : v)) } };
    const p = pool(2);
    const end = await p.start(planOf(GRID_200), bad).finished;
    expect(end.status).toBe('failed');
    expect(end.error).toBe('row 7: open is NaN; drop or fill missing prices first');
    p.dispose();
  });

  it('runs strategies without an engine loop through the reference backtester, as quantlab backtest does', async () => {
    const plan = planOf({
      strategy: 'momentum',
      params: { lookback: [5, 20, 60], threshold: [0, 0.02] },
      search: { mode: 'grid' },
      options: { commission: 0.001 },
    });
    const p = pool(2);
    const run = p.start(plan, fx);
    expect((await run.finished).status).toBe('done');
    for (let c = 0; c < plan.runs; c++) {
      const params = combinationParams(plan.paramNames, plan.values, c);
      const ref = await runBacktestSpec(new InProcessCompatRunner(engine, ''), fx.table, {
        strategy: 'momentum',
        params,
        options: { commission: 0.001 },
      });
      expect(run.results.statsOf(c)).toEqual(ref.stats);
    }
    p.dispose();
  });

  it("gives a combination's equity curve, the one the facade gives", async () => {
    const plan = planOf(GRID_200);
    const p = pool(2);
    await p.start(plan, goog).finished;
    const equity = await p.equity(plan, 20, goog);
    const params = combinationParams(plan.paramNames, plan.values, 20);
    const ref = await runBacktestSpec(new InProcessCompatRunner(engine, ''), goog.table, { strategy: 'sma-cross', params, options: plan.options });
    expect(hex(equity)).toBe(hex(ref.result.equity));
    p.dispose();
  });

  it('sizes the pool from the cores, at least one, capped', () => {
    expect(BrowserSweepPool.workerCount(8)).toBe(8);
    expect(BrowserSweepPool.workerCount(undefined)).toBe(1);
    expect(BrowserSweepPool.workerCount(0)).toBe(1);
    expect(BrowserSweepPool.workerCount(128)).toBe(16);
    expect(() => pool(0)).toThrow(RangeError);
  });
});
