import { describe, it, expect } from 'vitest';
import { runBacktest, SmaCross } from '../../../src/core/compat';
import { computeStats, COMPAT_STATS_KEYS, type CompatStats } from '../../../src/core/stats';
import { loadSharedBars } from './load-csv';
import { GOOG_SMA_10_20_STATS as EXPECTED } from '../../helpers/goog-golden';

// The visible acceptance case of metrics.md: GOOG daily, sma-cross 10/20, cash 10,000, commission 0.002,
// exclusive orders, trades left open at the end. Values as backtesting.py reports them.

const EXACT = new Set<keyof CompatStats>([
  'start',
  'end',
  'duration_days',
  'trades',
  'max_drawdown_duration_days',
  'avg_drawdown_duration_days',
  'max_trade_duration_days',
  'avg_trade_duration_days',
]);

function expectClose(actual: number, expected: number, rtol: number, label: string): void {
  const err = Math.abs(actual - expected) / Math.abs(expected);
  expect(err, `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(rtol);
}

describe('GOOG sma-cross 10/20 (metrics.md visible case)', () => {
  const bars = loadSharedBars('GOOG.csv');
  const result = runBacktest(bars, new SmaCross({ fast: 10, slow: 20 }), {
    cash: 10_000,
    commission: 0.002,
    exclusiveOrders: true,
    finalizeTrades: false,
  });
  const stats = computeStats({
    equity: result.equity,
    time: bars.time,
    close: bars.close,
    trades: result.trades,
    firstTradingBar: result.firstTradingBar,
  });

  it('starts trading after the slow average warms up', () => {
    expect(bars.close.length).toBe(2148);
    expect(result.firstTradingBar).toBe(19);
    expect(result.startBar).toBe(20);
  });

  it('reports every key of the table', () => {
    expect(Object.keys(stats).sort()).toEqual([...COMPAT_STATS_KEYS].sort());
  });

  for (const key of COMPAT_STATS_KEYS) {
    it(`${key} matches backtesting.py`, () => {
      const actual = stats[key];
      const expected = EXPECTED[key];
      if (EXACT.has(key) || typeof expected === 'string') {
        expect(actual).toBe(expected);
      } else {
        expect(typeof actual).toBe('number');
        expectClose(actual as number, expected as number, 1e-6, key);
      }
    });
  }

  it('has the same first three trades', () => {
    const first = result.trades.slice(0, 3);
    const expected = [
      { size: -59, entryBar: 63, exitBar: 75, entryPrice: 169.02, exitPrice: 179.13, pnl: -637.5717 },
      { size: 52, entryBar: 75, exitBar: 85, entryPrice: 179.13, exitPrice: 182.0, pnl: 111.68248 },
      { size: -51, entryBar: 85, exitBar: 88, entryPrice: 182.0, exitPrice: 187.45, pnl: -315.6339 },
    ];
    expect(first).toHaveLength(3);
    first.forEach((t, k) => {
      const e = expected[k];
      expect(t.size).toBe(e.size);
      expect(t.entryBar).toBe(e.entryBar);
      expect(t.exitBar).toBe(e.exitBar);
      expectClose(t.entryPrice, e.entryPrice, 1e-12, `trade ${k} entry`);
      expectClose(t.exitPrice, e.exitPrice, 1e-12, `trade ${k} exit`);
      expectClose(t.pnl, e.pnl, 1e-9, `trade ${k} pnl`);
    });
  });

  it('ends with the same five equity values', () => {
    const expected = [55199.53934, 55155.37934, 55821.22934, 55919.20934, 56263.51934];
    const last = Array.from(result.equity.slice(-5));
    last.forEach((v, k) => expectClose(v, expected[k], 1e-9, `equity[-${5 - k}]`));
  });

  it('leaves the last trade open (no finalize), so it is not counted', () => {
    expect(result.openTrades).toHaveLength(1);
    expect(result.trades).toHaveLength(93);
  });
});
