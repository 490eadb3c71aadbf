import { beforeAll, describe, expect, it } from 'vitest';
import { runBacktest, SmaCross, type Bars, type BacktestOptionsInput, type SmaCrossParams } from '../../../src/core/compat';
import { CompatEngine } from '../../../src/engine/compat';
import { loadSharedBars } from '../compat/load-csv';
import { barsOf } from '../compat/scripted';
import { loadCompatEngine } from './load-compat-engine';
import { attempt, expectSameOutcome } from './same-result';

// The facade's contract beyond equal numbers: same validation, same errors, engines interchangeable.

describe('CompatEngine facade', () => {
  let engine: CompatEngine;
  const goog = loadSharedBars('GOOG.csv');
  beforeAll(async () => {
    engine = await loadCompatEngine();
  });

  /** Runs both engines, expects the same outcome, and returns whether the reference succeeded. */
  const both = (bars: Bars, params: SmaCrossParams, options?: BacktestOptionsInput): boolean => {
    const ref = attempt(() => runBacktest(bars, new SmaCross(params), options));
    expectSameOutcome(
      attempt(() => engine.run(bars, { name: 'sma-cross', params }, options)),
      ref,
    );
    return ref.ok;
  };
  const bothThrow = (bars: Bars, params: SmaCrossParams, options?: BacktestOptionsInput): void => {
    expect(both(bars, params, options), 'the reference should throw').toBe(false);
  };

  it('rejects invalid parameters, options and bars with the reference errors', () => {
    bothThrow(goog, { fast: 0, slow: 20 });
    bothThrow(goog, { fast: 10, slow: 20.5 });
    bothThrow(goog, { fast: 10, slow: 20, sl: 1 });
    bothThrow(goog, { fast: 10, slow: 20, tp: Number.NaN });
    bothThrow(goog, { fast: 10, slow: 20 }, { cash: 0 });
    bothThrow(goog, { fast: 10, slow: 20 }, { margin: 1.5 });
    bothThrow(goog, { fast: 10, slow: 20 }, { commission: { relative: 0.2 } });
    bothThrow(barsOf([]), { fast: 1, slow: 2 });
    const nanBars = barsOf([
      [1, 1, 1, 1],
      [1, 1, 1, Number.NaN],
    ]);
    bothThrow(nanBars, { fast: 1, slow: 2 });
  });

  it('reports an order the reference rejects with its exact message', () => {
    // tp = 1e-17 of the close is the close itself, so "SL < LIMIT < TP" fails on the first entry.
    const params = { fast: 10, slow: 20, tp: 1e-17 };
    expect(() => engine.run(goog, { name: 'sma-cross', params })).toThrow(RangeError);
    bothThrow(goog, params);
    // A spread wider than the take-profit does the same.
    bothThrow(goog, { fast: 10, slow: 20, tp: 0.001 }, { spread: 0.002 });
  });

  it('handles runs too short to trade, and single bars', () => {
    for (const n of [1, 2, 19, 20, 21]) {
      const bars: Bars = {
        time: goog.time.slice(0, n),
        open: goog.open.slice(0, n),
        high: goog.high.slice(0, n),
        low: goog.low.slice(0, n),
        close: goog.close.slice(0, n),
        volume: goog.volume.slice(0, n),
      };
      both(bars, { fast: 10, slow: 20 }, { finalizeTrades: true });
      both(bars, { fast: 10, slow: 20 }, { finalizeTrades: true, tradeOnClose: true });
    }
  });

  it('runs the engines interchangeably, in any order, on one instance', () => {
    const a = engine.run(goog, { name: 'sma-cross', params: { fast: 5, slow: 30, sl: 0.02 } }, { hedging: true, commission: 0.001 });
    engine.run(
      barsOf([
        [1, 2, 0.5, 1.5],
        [1.5, 2, 1, 1.8],
        [1.8, 1.9, 1.7, 1.75],
      ]),
      { name: 'broker-probe' },
    );
    const b = engine.run(goog, { name: 'sma-cross', params: { fast: 5, slow: 30, sl: 0.02 } }, { hedging: true, commission: 0.001 });
    expect(b).toStrictEqual(a);
  });

  it('refuses a module built without the backtester', () => {
    const fake = { memory: new WebAssembly.Memory({ initial: 1 }), scratch: () => 0 } as unknown as ConstructorParameters<typeof CompatEngine>[0];
    expect(() => new CompatEngine(fake)).toThrow(/lacks the backtester exports runCompat/);
  });
});
