import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/rng';
import { NodeSweepPool } from '../../../src/adapters/node/sweep-pool';
import { compileNodeEngine } from '../../../src/adapters/node/engine-loader';
import type { Engine } from '../../../src/engine/engine-module';
import type { SweepParamsOf } from '../../../src/engine/sweep-engine';
import { loadSharedBars } from '../compat/load-csv';
import { loadEngine, rowBits, smaGrid, vectorBits } from './harness';
import { METRICS_MD_OPTIONS } from './metrics-md';

// Each combination's row depends on nothing but the bars, the options and its parameters: not on the order of the
// combinations, not on how they are split into engine calls or over workers.

/** Workers start by loading the engine facades through tsx: seconds on a busy machine. */
const POOL_TIMEOUT = 120_000;

function shuffled(items: readonly unknown[], seed: number): number[] {
  const rng = new Rng(seed);
  const order = items.map((_, k) => k);
  for (let k = order.length - 1; k > 0; k--) {
    const j = Math.floor(rng.nextFloat() * (k + 1));
    [order[k], order[j]] = [order[j], order[k]];
  }
  return order;
}

describe('sweep results are independent of combination order and worker count', () => {
  const goog = loadSharedBars('GOOG.csv');
  const eurusd = loadSharedBars('EURUSD.csv');
  // 1,070 combinations: more than one engine call (1,024 per call) and many pool chunks.
  const grid: SweepParamsOf['sma-cross'][] = [...smaGrid(range(2, 40), range(5, 60, 2)), ...smaGrid([3, 8, 12], [15, 33], true)];
  let engine: Engine;
  let module: WebAssembly.Module;
  const pools: NodeSweepPool[] = [];
  beforeAll(async () => {
    engine = await loadEngine();
    module = await compileNodeEngine();
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
  });

  it('gives every combination the same row in any order', () => {
    expect(grid.length).toBeGreaterThan(1024);
    engine.sweep.prepare(goog);
    const base = engine.sweep.run('sma-cross', grid, METRICS_MD_OPTIONS);
    for (const seed of [1, 2]) {
      const order = shuffled(grid, seed);
      const result = engine.sweep.run(
        'sma-cross',
        order.map((k) => grid[k]),
        METRICS_MD_OPTIONS,
      );
      order.forEach((k, c) => expect(rowBits(result.stats, c)).toBe(rowBits(base.stats, k)));
    }
    // Single combinations, one engine call each.
    for (const k of [0, 17, 500, grid.length - 1]) {
      expect(rowBits(engine.sweep.run('sma-cross', [grid[k]], METRICS_MD_OPTIONS).stats, 0)).toBe(rowBits(base.stats, k));
    }
  });

  it(
    'gives the single-threaded result with 1, 2 or 3 workers and any chunk size',
    async () => {
      for (const bars of [goog, eurusd]) {
        engine.sweep.prepare(bars);
        const single = vectorBits(engine.sweep.run('sma-cross', grid, METRICS_MD_OPTIONS).stats);
        for (const [workers, chunk] of [
          [1, undefined],
          [2, undefined],
          [3, 7],
          [2, 1000],
        ] as const) {
          const pool = await NodeSweepPool.create({ workers, chunk, module });
          pools.push(pool);
          expect(pool.size).toBe(workers);
          await pool.prepare(bars);
          const result = await pool.run('sma-cross', grid, METRICS_MD_OPTIONS);
          expect(result.count).toBe(grid.length);
          expect(vectorBits(result.stats), `${workers} workers, chunk ${chunk}`).toBe(single);
          await pool.close();
        }
      }
    },
    POOL_TIMEOUT,
  );

  it(
    'keeps a pool usable across prepares and runs',
    async () => {
      const pool = await NodeSweepPool.create({ workers: 2, module });
      pools.push(pool);
      await expect(pool.run('sma-cross', grid.slice(0, 10))).rejects.toThrow(/call prepare\(bars\) first/);
      for (const bars of [eurusd, goog]) {
        await pool.prepare(bars);
        engine.sweep.prepare(bars);
        for (const options of [METRICS_MD_OPTIONS, { finalizeTrades: true, riskFreeRate: 0.01 }]) {
          const part = grid.slice(100, 260);
          expect(vectorBits((await pool.run('sma-cross', part, options)).stats)).toBe(vectorBits(engine.sweep.run('sma-cross', part, options).stats));
        }
      }
      expect((await pool.run('sma-cross', [])).count).toBe(0);
    },
    POOL_TIMEOUT,
  );
});

function range(from: number, to: number, step = 1): number[] {
  const out: number[] = [];
  for (let v = from; v < to; v += step) out.push(v);
  return out;
}
