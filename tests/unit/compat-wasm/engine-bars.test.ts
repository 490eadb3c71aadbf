import { beforeAll, describe, expect, it } from 'vitest';
import { runBacktest, SmaCross, type Bars } from '../../../src/core/compat';
import { createEngine, type Engine } from '../../../src/engine/engine-module';
import { compileNodeEngine } from '../../../src/adapters/node/engine-loader';
import { loadSharedBars } from '../compat/load-csv';
import { expectSameResult } from './same-result';

// Bars allocated in the engine's memory are read in place by its runs: the same results, bit for bit, as bars in
// JavaScript memory (which are copied into scratch), and the columns stay readable when memory grows.
const OPTIONS = { cash: 10_000, commission: 0.002, exclusiveOrders: true };
const COLUMNS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

function intoEngine(engine: Engine, bars: Bars) {
  const inEngine = engine.compat.allocateBars(bars.close.length);
  for (const c of COLUMNS) inEngine[c].set(bars[c]);
  return inEngine;
}

describe('EngineBars: bars in the engine memory, read in place', () => {
  const goog = loadSharedBars('GOOG.csv');
  let engine: Engine;
  let memory: WebAssembly.Memory;
  beforeAll(async () => {
    engine = await createEngine(await compileNodeEngine());
    memory = (engine.compat as unknown as { x: { memory: WebAssembly.Memory } }).x.memory;
  });

  it('a run on them equals the run on the same bars from JavaScript memory and the TS reference', () => {
    const bars = intoEngine(engine, goog);
    expect(bars.close.buffer).toBe(memory.buffer);
    const params = { fast: 10, slow: 20 };
    const inPlace = engine.compat.run(bars, { name: 'sma-cross', params }, OPTIONS);
    const copied = engine.compat.run(goog, { name: 'sma-cross', params }, OPTIONS);
    expectSameResult(inPlace, copied);
    expectSameResult(inPlace, runBacktest(bars, new SmaCross(params), OPTIONS));
    expect(inPlace.trades).toHaveLength(93);
  });

  it('columns are fresh views after memory grows; newer bars release the older ones', () => {
    const bars = intoEngine(engine, goog);
    const before = bars.close;
    memory.grow(16);
    expect(before.length).toBe(0); // growing detached the old view
    expect(Array.from(bars.close)).toEqual(Array.from(goog.close));
    const again = intoEngine(engine, goog);
    expect(() => bars.close).toThrow(/released/);
    expect(Array.from(again.time)).toEqual(Array.from(goog.time));
    expect(() => engine.compat.allocateBars(0)).toThrow(RangeError);
  });
});
