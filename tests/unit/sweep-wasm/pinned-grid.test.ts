import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadSharedBars } from '../compat/load-csv';
import { loadEngine } from './harness';

// The sweep of the benchmark (bench/run.ts: 1,000 sma-cross pairs over GOOG, commission 0.2 %, exclusive orders)
// with every statistic of every run, hashed. The rows are compared with the facades elsewhere, but the facades
// share the engine's passes (drawdowns, logarithms, sums): this pins their bits, as computed by the scalar passes
// before the SIMD ones, so that a faster pass cannot change a value unnoticed.
const PINNED = '341fcd047ba1fdb2afd7ea80cc9a4898ca6d526f1d0ceefd27b9eec7ae113ef5';

/** fast from 2 up, slow from fast + 2 to fast + 41, the first 1,000 pairs: the benchmark's grid. */
function benchGrid(): { fast: number; slow: number }[] {
  const combos: { fast: number; slow: number }[] = [];
  for (let fast = 2; combos.length < 1000; fast++) {
    for (let slow = fast + 2; slow <= fast + 41 && combos.length < 1000; slow++) combos.push({ fast, slow });
  }
  return combos;
}

describe('the benchmark sweep’s statistics', () => {
  it('are the pinned bits (SHA-256 of the 1,000 × 32 values, NaN written as the canonical NaN)', async () => {
    const engine = await loadEngine();
    engine.sweep.prepare(loadSharedBars('GOOG.csv'));
    const { stats } = engine.sweep.run('sma-cross', benchGrid(), { cash: 10_000, commission: 0.002, exclusiveOrders: true });
    // A NaN's payload is not specified by WASM arithmetic; its being NaN is.
    const canonical = Float64Array.from(stats, (v) => (Number.isNaN(v) ? NaN : v));
    const trades = Array.from({ length: 1000 }, (_, r) => stats[r * 32 + 21]);
    expect(Math.min(...trades)).toBeGreaterThan(10);
    expect(createHash('sha256').update(new Uint8Array(canonical.buffer)).digest('hex')).toBe(PINNED);
  }, 60_000);
});
