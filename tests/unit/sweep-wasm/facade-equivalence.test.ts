import { beforeAll, describe, expect, it } from 'vitest';
import { COMPAT_STATS_KEYS } from '../../../src/core/stats';
import type { Engine } from '../../../src/engine/engine-module';
import { compileNodeEngine } from '../../../src/adapters/node/engine-loader';
import { instantiateEngineModule } from '../../../src/engine/engine-imports';
import { compatStatsOfRow, SweepEngine, type SweepOptions } from '../../../src/engine/sweep-engine';
import { loadSharedBars } from '../compat/load-csv';
import { statsMismatches } from '../stats-wasm/harness';
import { facadeStats, facadeVector, loadEngine, rowBits, smaGrid, vectorBits } from './harness';
import { METRICS_MD_OPTIONS, METRICS_MD_STATS } from './metrics-md';

// The sweep is a fast path, not a second implementation: every row must be what the facades give for that
// combination on its own (CompatEngine.run, then StatsEngine on its result), to the bit.

const OPTION_SETS: SweepOptions[] = [
  METRICS_MD_OPTIONS,
  {},
  { cash: 25_000, commission: { fixed: 3, relative: 0.001 }, spread: 0.0005, finalizeTrades: true, riskFreeRate: 0.02 },
  { margin: 0.1, hedging: true, tradeOnClose: true, commission: -0.0002 },
];

describe('sweep ≡ facades, row by row, bit for bit', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await loadEngine();
  });

  for (const dataset of ['GOOG.csv', 'EURUSD.csv']) {
    const bars = loadSharedBars(dataset);
    const grid = [
      ...smaGrid([1, 2, 5, 10, 13], [1, 3, 20, 50]),
      ...smaGrid([4, 7, 30], [9, 21, 60], true),
      { fast: 10, slow: 20 },
      { fast: 20, slow: 10 },
      { fast: 3000, slow: 5 },
    ];

    it(`${dataset}: ${grid.length} combinations × ${OPTION_SETS.length} option sets`, () => {
      engine.sweep.prepare(bars);
      let withTrades = 0;
      for (const options of OPTION_SETS) {
        const result = engine.sweep.run('sma-cross', grid, options);
        expect(result.count).toBe(grid.length);
        expect(result.keys).toEqual(COMPAT_STATS_KEYS);
        expect(result.stats).toHaveLength(grid.length * COMPAT_STATS_KEYS.length);
        grid.forEach((params, c) => {
          const label = `${dataset} ${JSON.stringify(params)} ${JSON.stringify(options)}`;
          expect(rowBits(result.stats, c), label).toBe(vectorBits(facadeVector(engine, bars, 'sma-cross', params, options)));
          if (result.stats[c * 32 + COMPAT_STATS_KEYS.indexOf('trades')] > 0) withTrades++;
        });
      }
      // The grid must exercise trading runs, not only idle ones.
      expect(withTrades).toBeGreaterThan(grid.length * 2);
    }, 60_000);
  }

  it('turns a row into the keyed table StatsEngine.computeStats returns', () => {
    const bars = loadSharedBars('GOOG.csv');
    engine.sweep.prepare(bars);
    const grid = smaGrid([3, 10], [20, 40]);
    const result = engine.sweep.run('sma-cross', grid, METRICS_MD_OPTIONS);
    grid.forEach((params, c) => {
      expect(compatStatsOfRow(result, c)).toStrictEqual(facadeStats(engine, bars, 'sma-cross', params, METRICS_MD_OPTIONS));
    });
    expect(() => compatStatsOfRow(result, grid.length)).toThrow(RangeError);
  });

  it('reports metrics.md’s table for GOOG 10/20 (rtol 1e-6; timestamps, durations and the count exactly)', () => {
    engine.sweep.prepare(loadSharedBars('GOOG.csv'));
    const grid = smaGrid([5, 10, 15], [20, 30]);
    const result = engine.sweep.run('sma-cross', grid, METRICS_MD_OPTIONS);
    const row = grid.findIndex((p) => p.fast === 10 && p.slow === 20);
    expect(statsMismatches(compatStatsOfRow(result, row), METRICS_MD_STATS, 1e-6)).toEqual([]);
  });

  it('runs broker-probe combinations (every order type) like the facades', () => {
    for (const dataset of ['GOOG.csv', 'EURUSD.csv']) {
      const bars = loadSharedBars(dataset);
      engine.sweep.prepare(bars);
      for (const options of OPTION_SETS) {
        const result = engine.sweep.run('broker-probe', [{}, {}, {}], options);
        const expected = vectorBits(facadeVector(engine, bars, 'broker-probe', {}, options));
        for (let c = 0; c < 3; c++) expect(rowBits(result.stats, c), `${dataset} ${JSON.stringify(options)}`).toBe(expected);
      }
    }
  });

  it('keeps its bars and cache across one-off runs on the same instance, and stops growing memory', () => {
    const goog = loadSharedBars('GOOG.csv');
    const eurusd = loadSharedBars('EURUSD.csv');
    const grid = smaGrid([2, 6, 11, 25], [8, 19, 40]);
    engine.sweep.prepare(goog);
    const first = engine.sweep.run('sma-cross', grid, METRICS_MD_OPTIONS);
    // One-off runs and statistics over other bars reuse the scratch buffer and replace the backtester's bars.
    facadeVector(engine, eurusd, 'sma-cross', { fast: 7, slow: 31 }, {});
    const memory = engine.sweep['x'].memory;
    const again = engine.sweep.run('sma-cross', grid, METRICS_MD_OPTIONS);
    expect(vectorBits(again.stats)).toBe(vectorBits(first.stats));
    const size = memory.buffer.byteLength;
    for (let k = 0; k < 20; k++) engine.sweep.run('sma-cross', grid, METRICS_MD_OPTIONS);
    expect(memory.buffer.byteLength).toBe(size);
    // A new prepare gives the new bars' results, and going back gives the first ones again.
    engine.sweep.prepare(eurusd);
    const other = engine.sweep.run('sma-cross', grid, METRICS_MD_OPTIONS);
    grid.forEach((params, c) =>
      expect(rowBits(other.stats, c)).toBe(vectorBits(facadeVector(engine, eurusd, 'sma-cross', params, METRICS_MD_OPTIONS))),
    );
    engine.sweep.prepare(goog);
    expect(vectorBits(engine.sweep.run('sma-cross', grid, METRICS_MD_OPTIONS).stats)).toBe(vectorBits(first.stats));
  });

  it('notices when another SweepEngine on the same instance prepared other bars', async () => {
    const instance = await instantiateEngineModule(await compileNodeEngine());
    const a = SweepEngine.fromInstance(instance);
    const b = SweepEngine.fromInstance(instance);
    a.prepare(loadSharedBars('GOOG.csv'));
    b.prepare(loadSharedBars('EURUSD.csv'));
    expect(() => a.run('sma-cross', [{ fast: 5, slow: 9 }])).toThrow(/call prepare\(bars\) again/);
    expect(b.run('sma-cross', [{ fast: 5, slow: 9 }]).count).toBe(1);
  });

  it('runs an empty sweep and refuses to run before prepare', async () => {
    const fresh = await loadEngine();
    expect(() => fresh.sweep.run('sma-cross', [{ fast: 1, slow: 2 }])).toThrow(/call prepare\(bars\) first/);
    fresh.sweep.prepare(loadSharedBars('GOOG.csv'));
    const empty = fresh.sweep.run('sma-cross', []);
    expect(empty.count).toBe(0);
    expect(empty.stats).toHaveLength(0);
  });
});
