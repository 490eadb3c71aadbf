import { describe, it, expect, beforeAll } from 'vitest';
import { runBacktest, SmaCross } from '../../../src/core/compat';
import { computeStats, COMPAT_STATS_KEYS, type CompatStats } from '../../../src/core/stats';
import type { StatsEngine } from '../../../src/engine/stats-engine';
import { loadSharedBars } from '../compat/load-csv';
import { loadStatsEngine, statsMismatches } from './harness';
import { GOOG_SMA_10_20_STATS as METRICS_MD } from '../../helpers/goog-golden';

describe('WASM statistics: GOOG sma-cross 10/20 (metrics.md visible case)', () => {
  const bars = loadSharedBars('GOOG.csv');
  const result = runBacktest(bars, new SmaCross({ fast: 10, slow: 20 }), {
    cash: 10_000,
    commission: 0.002,
    exclusiveOrders: true,
  });
  const input = {
    equity: result.equity,
    time: bars.time,
    close: bars.close,
    trades: result.trades,
    firstTradingBar: result.firstTradingBar,
  };
  let engine: StatsEngine;
  let wasm: CompatStats;
  beforeAll(async () => {
    engine = await loadStatsEngine();
    wasm = engine.computeStats(input);
  });

  it('reports every key, in the TypeScript module’s order', () => {
    expect(Object.keys(wasm)).toEqual([...COMPAT_STATS_KEYS]);
    expect(result.trades).toHaveLength(93);
  });

  it('matches metrics.md’s table (rtol 1e-6; timestamps, durations and the count exactly)', () => {
    expect(statsMismatches(wasm, METRICS_MD, 1e-6)).toEqual([]);
  });

  it('matches the TypeScript computeStats (rtol 1e-12; timestamps, durations and the count exactly)', () => {
    expect(statsMismatches(wasm, computeStats(input), 1e-12)).toEqual([]);
  });

  it('gives the same answer when the engine is reused (workspace and scratch are recycled)', () => {
    const other = runBacktest(bars, new SmaCross({ fast: 5, slow: 40 }), { commission: 0.001 });
    const otherInput = { ...input, equity: other.equity, trades: other.trades, firstTradingBar: other.firstTradingBar };
    const first = engine.computeVector(input);
    engine.computeStats(otherInput);
    const again = engine.computeVector(input);
    expect(Array.from(again)).toEqual(Array.from(first));
    expect(statsMismatches(engine.computeStats(otherInput), computeStats(otherInput), 1e-12)).toEqual([]);
  });
});
