import { describe, expect, it } from 'vitest';
import { runBacktest, type Bars } from '../../../src/core/compat';
import { Momentum, rateOfChange } from '../../../src/core/compat/strategies/momentum';
import { MeanReversion, rollingZScore } from '../../../src/core/compat/strategies/mean-reversion';
import { findStrategy, validateStrategyParams, strategyIds } from '../../../src/core/strategies/registry';
import { MS_PER_DAY } from '../../../src/core/domain/time';

/** Daily bars whose open equals the previous close, with a 1-unit range around open/close. */
function bars(closes: number[]): Bars {
  const n = closes.length;
  const close = Float64Array.from(closes);
  const open = Float64Array.from(closes, (c, i) => (i === 0 ? c : closes[i - 1]));
  return {
    time: Float64Array.from({ length: n }, (_, i) => Date.UTC(2020, 0, 1) + i * MS_PER_DAY),
    open,
    high: Float64Array.from(closes, (c, i) => Math.max(c, open[i]) + 1),
    low: Float64Array.from(closes, (c, i) => Math.min(c, open[i]) - 1),
    close,
    volume: new Float64Array(n).fill(1000),
  };
}

describe('indicators', () => {
  it('rate of change, by hand', () => {
    expect(Array.from(rateOfChange(Float64Array.from([100, 110, 121, 99]), 1))).toEqual([
      NaN,
      0.10000000000000009,
      0.10000000000000009,
      99 / 121 - 1,
    ]);
    expect(Array.from(rateOfChange(Float64Array.from([100, 110, 120]), 2))).toEqual([NaN, NaN, 0.19999999999999996]);
  });

  it('rolling z-score, by hand: [1,2,3] → mean 2, sample sd 1 → z 1', () => {
    const z = rollingZScore(Float64Array.from([1, 2, 3, 3, 3, 3]), 3);
    expect(z[0]).toBeNaN();
    expect(z[1]).toBeNaN();
    expect(z[2]).toBe(1);
    // [2,3,3]: mean 8/3, deviations −2/3, 1/3, 1/3 → ss 2/3, sd √(1/3); z = (1/3)/√(1/3) = √(1/3)
    expect(z[3]).toBeCloseTo(Math.sqrt(1 / 3), 15);
    expect(z[5]).toBeNaN(); // constant window
  });
});

describe('momentum', () => {
  it('goes long on a rise, flips short on a fall, fills at the next open', () => {
    const closes = [100, 100, 102, 104, 106, 104, 100, 96, 92];
    const r = runBacktest(bars(closes), new Momentum({ lookback: 2, threshold: 0.01 }), { cash: 10_000 });
    // ROC(2) is first defined on bar 2; as in backtesting.py, decisions start on the bar after the warm-up (3).
    // Bar 3: ROC = 104/100 − 1 > 0.01 → buy, filled at bar 4's open (104). Bar 6: 100/106 − 1 < −0.01 → flip at bar 7's open.
    expect(r.trades).toHaveLength(1);
    expect(r.trades[0].size).toBeGreaterThan(0);
    expect(r.trades[0].entryBar).toBe(4);
    expect(r.trades[0].entryPrice).toBe(104);
    expect(r.trades[0].exitBar).toBe(7);
    expect(r.trades[0].exitPrice).toBe(100);
    expect(r.openTrades).toHaveLength(1);
    expect(r.openTrades[0].size).toBeLessThan(0);
  });

  it('stays out inside the dead band', () => {
    const r = runBacktest(bars([100, 100.5, 100, 100.5, 100, 100.5]), new Momentum({ lookback: 1, threshold: 0.01 }));
    expect(r.trades).toHaveLength(0);
    expect(r.openTrades).toHaveLength(0);
  });
});

describe('mean reversion', () => {
  it('buys a dip beyond −entry_z and exits when the z-score recovers', () => {
    const closes = [100, 101, 100, 101, 100, 101, 90, 95, 100, 101, 100];
    const z = rollingZScore(Float64Array.from(closes), 5);
    expect(z[6]).toBeLessThan(-1.5);
    const r = runBacktest(bars(closes), new MeanReversion({ window: 5, entryZ: 1.5, exitZ: 0.2 }));
    expect(r.trades).toHaveLength(1);
    expect(r.trades[0].size).toBeGreaterThan(0);
    expect(r.trades[0].entryBar).toBe(7); // signal on bar 6's close, fill at bar 7's open (90)
    expect(r.trades[0].entryPrice).toBe(90);
    const exitSignal = closes.findIndex((_, i) => i > 6 && z[i] > -0.2);
    expect(r.trades[0].exitBar).toBe(exitSignal + 1);
    expect(r.trades[0].pnl).toBeGreaterThan(0);
  });

  it('rejects inconsistent thresholds', () => {
    expect(() => new MeanReversion({ window: 5, entryZ: 1, exitZ: 1 })).toThrow(/exit_z must be in \[0, entry_z\)/);
    expect(() => new MeanReversion({ window: 1, entryZ: 2, exitZ: 0 })).toThrow(/window/);
  });
});

describe('strategy registry', () => {
  it('lists the built-ins', () => {
    expect(strategyIds()).toEqual(['sma-cross', 'momentum', 'mean-reversion']);
  });

  it('fills defaults and checks kinds', () => {
    expect(validateStrategyParams(findStrategy('mean-reversion'), { window: 20 })).toEqual({ window: 20, entry_z: 2, exit_z: 0.5 });
    expect(() => validateStrategyParams(findStrategy('momentum'), { lookback: 2.5 })).toThrow(/lookback must be an integer, got 2.5/);
    expect(() => validateStrategyParams(findStrategy('sma-cross'), { fast: 1, slow: 2, sl: 1.5 })).toThrow(/sl must be a fraction in \(0, 1\)/);
  });

  it('suggests the nearest name for typos', () => {
    expect(() => findStrategy('momentun')).toThrow(/did you mean "momentum"\?/);
    expect(() => validateStrategyParams(findStrategy('mean-reversion'), { widnow: 5 })).toThrow(/no parameter "widnow"; did you mean "window"\?/);
    expect(() => validateStrategyParams(findStrategy('sma-cross'), { fats: 5, slow: 9 })).toThrow(/did you mean "fast"\?/);
  });
});
