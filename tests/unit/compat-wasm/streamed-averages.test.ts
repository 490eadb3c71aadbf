import { beforeAll, describe, expect, it } from 'vitest';
import { runBacktest, SmaCross, type Bars, type SmaCrossParams } from '../../../src/core/compat';
import { createEngine, type Engine } from '../../../src/engine/engine-module';
import { compileNodeEngine } from '../../../src/adapters/node/engine-loader';
import { MS_PER_DAY } from '../../../src/core/domain/time';
import { loadSharedBars, zeroBars } from '../compat/load-csv';
import { expectSameResult } from './same-result';

// A plain run streams its moving averages a block of 65,536 bars at a time (engine-wasm/assembly/compat/indicators.ts)
// instead of holding whole series: runs longer than a block must still equal the TS reference bit for bit — with a
// crossover on either side of the block boundary, a run of equal closes across it, and windows longer than the series.
const BLOCK = 65_536;
const OPTIONS = { cash: 10_000, commission: 0.002, exclusiveOrders: true };
const COLUMNS = ['open', 'high', 'low', 'close', 'volume'] as const;

/** GOOG's bars tiled (each copy scaled by 1 % more) from its bar `cut` on, until past two block boundaries. */
function tiledGoog(cut: number): Bars {
  const goog = loadSharedBars('GOOG.csv');
  const m = goog.close.length;
  const n = 2 * BLOCK + 5_000;
  const bars = zeroBars(n);
  for (let k = 0; k < n; k++) {
    const src = k + cut;
    const scale = 1 + Math.floor(src / m) * 0.01;
    bars.time[k] = k * MS_PER_DAY;
    for (const c of COLUMNS) bars[c][k] = goog[c][src % m] * scale;
  }
  return bars;
}

/** The bars of the signals the run acted on (an entry fills on the bar after its signal). */
const signalBars = (bars: Bars, params: SmaCrossParams) => runBacktest(bars, new SmaCross(params), OPTIONS).trades.map((t) => t.entryBar - 1);

describe('streamed moving averages: runs longer than a block equal the reference', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createEngine(await compileNodeEngine());
  });

  const same = (bars: Bars, params: SmaCrossParams, label: string) =>
    expectSameResult(engine.compat.run(bars, { name: 'sma-cross', params }, OPTIONS), runBacktest(bars, new SmaCross(params), OPTIONS), label);

  it('a crossover on the first bar of a block and on the last bar of the one before', () => {
    const params = { fast: 2, slow: 4 };
    // The shift of the tiled series that puts a signal on the block's first bar (it reads the bar before from the
    // previous block), and the one that puts it on the previous block's last bar.
    const shiftFor = (bar: number) => [...Array(40).keys()].find((cut) => signalBars(tiledGoog(cut), params).includes(bar));
    const first = shiftFor(BLOCK);
    const last = shiftFor(BLOCK - 1);
    expect(first).toBeDefined();
    expect(last).toBeDefined();
    same(tiledGoog(first!), params, 'signal on the block start');
    same(tiledGoog(last!), params, 'signal on the block end');
  });

  it('other windows, stops and targets, equal closes across the boundary, and windows longer than the series', () => {
    const bars = tiledGoog(0);
    for (const params of [
      { fast: 10, slow: 20 },
      { fast: 7, slow: 150 },
      { fast: 3, slow: BLOCK + 11, sl: 0.05, tp: 0.1 },
    ])
      same(bars, params, JSON.stringify(params));
    // A window of equal closes is that close exactly (the run count carries from one block into the next).
    const flat = tiledGoog(0);
    for (let k = BLOCK - 20; k < BLOCK + 20; k++) flat.close[k] = flat.close[BLOCK - 20];
    same(flat, { fast: 5, slow: 12 }, 'equal closes');
    const trades = engine.compat.run(bars, { name: 'sma-cross', params: { fast: 5, slow: bars.close.length + 1 } }, OPTIONS);
    same(bars, { fast: 5, slow: bars.close.length + 1 }, 'window longer than the series');
    expect(trades.trades).toHaveLength(0);
  });

  it('the same run on the engine after a sweep over other bars, and twice in a row', () => {
    const goog = loadSharedBars('GOOG.csv');
    engine.sweep.prepare(goog);
    engine.sweep.run('sma-cross', [{ fast: 10, slow: 20 }], OPTIONS);
    const bars = tiledGoog(3);
    same(bars, { fast: 10, slow: 30 }, 'after a sweep');
    same(bars, { fast: 10, slow: 30 }, 'again');
  });
});
