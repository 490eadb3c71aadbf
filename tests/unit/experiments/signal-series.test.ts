/**
 * SignalSeries: the reference backtester trading toward a target position per bar (what a SQL signal drives).
 * Small hand-made series, so each expected trade can be worked out: bar i's target is acted on at bar i and the
 * order fills at bar i + 1's open (backtesting.py's rule), with the run's commission.
 */
import { describe, expect, it } from 'vitest';
import { runBacktest, type Bars } from '../../../src/core/compat';
import { SignalSeries } from '../../../src/core/compat/strategies/signal-series';
import { MS_PER_DAY } from '../../../src/core/domain/time';

/** Opens 100, 101, …; closes half a point higher; a point of range either side. */
function bars(n: number): Bars {
  const open = Float64Array.from({ length: n }, (_, i) => 100 + i);
  return {
    time: Float64Array.from({ length: n }, (_, i) => Date.UTC(2024, 0, 1) + i * MS_PER_DAY),
    open,
    high: open.map((o) => o + 1),
    low: open.map((o) => o - 1),
    close: open.map((o) => o + 0.5),
    volume: new Float64Array(n).fill(1000),
  };
}

const run = (positions: number[], options: Parameters<typeof runBacktest>[2] = {}) =>
  runBacktest(bars(positions.length), new SignalSeries(Float64Array.from(positions), { exclusiveOrders: options.exclusiveOrders }), {
    cash: 10_000,
    ...options,
  });

describe('SignalSeries', () => {
  it('goes long, reverses, goes flat and half long; fills at the next open', () => {
    const r = run([0, 1, 1, -1, -1, 0, 0, 0.5, 0.5]);
    expect(r.trades.map((t) => [Math.sign(t.size), t.entryBar, t.exitBar])).toEqual([
      [1, 2, 4],
      [-1, 4, 6],
    ]);
    // All of the cash at 102: 98 units (98 × 102 = 9,996).
    expect(r.trades[0].size).toBe(98);
    expect(r.trades[0].entryPrice).toBe(102);
    expect(r.trades[0].exitPrice).toBe(104);
    expect(r.openTrades).toHaveLength(1);
    expect(r.openTrades[0].entryBar).toBe(8);
    // Half of the equity at the entry (cash after two round trips), in whole units at 108.
    const equityBefore = r.equity[7];
    expect(r.openTrades[0].size).toBe(Math.floor((0.5 * equityBefore) / 108));
  });

  it('shrinks a position by closing part of it, and grows it with what margin is left', () => {
    const shrink = run([0, 1, 1, 0.25, 0.25, 0.25]);
    expect(shrink.trades).toHaveLength(1);
    expect(shrink.trades[0].exitBar).toBe(4);
    expect(shrink.trades[0].size).toBe(Math.round(98 * 0.75));
    expect(shrink.openTrades[0].size).toBe(98 - Math.round(98 * 0.75));

    const grow = run([0, 0.5, 0.5, 1, 1, 1]);
    expect(grow.trades).toHaveLength(0);
    expect(grow.openTrades.map((t) => t.entryBar)).toEqual([2, 4]);
    expect(grow.openTrades[0].size).toBe(Math.floor(5000 / 102));
  });

  it('with exclusive orders, growing re-enters at the new fraction', () => {
    const r = run([0, 0.5, 0.5, 1, 1, 1], { exclusiveOrders: true });
    expect(r.trades.map((t) => [t.entryBar, t.exitBar])).toEqual([[2, 4]]);
    expect(r.openTrades).toHaveLength(1);
    expect(r.openTrades[0].entryBar).toBe(4);
  });

  it('pays the run’s commission on every fill', () => {
    const free = run([0, 1, 1, 0, 0]);
    const paid = run([0, 1, 1, 0, 0], { commission: 0.01 });
    expect(free.trades[0].commissions).toBe(0);
    expect(paid.trades[0].commissions).toBeGreaterThan(0);
    expect(paid.equity[4]).toBeLessThan(free.equity[4]);
  });

  it('does nothing while the target does not change, and nothing at all for an all-flat signal', () => {
    expect(run([0, 0, 0, 0]).trades).toHaveLength(0);
    expect(run([0, 0, 0, 0]).equity.every((e) => e === 10_000)).toBe(true);
    expect(run([0, -1, -1, -1, -1]).trades).toHaveLength(0);
    expect(run([0, -1, -1, -1, -1]).openTrades).toHaveLength(1);
  });

  it('refuses positions outside [-1, 1] and a series of the wrong length', () => {
    expect(() => new SignalSeries(Float64Array.from([0, 1.5]))).toThrow(/position at bar 1 must be a finite number in \[-1, 1\], got 1.5/);
    expect(() => new SignalSeries(Float64Array.from([0, Number.NaN]))).toThrow(/got NaN/);
    expect(() => runBacktest(bars(3), new SignalSeries(Float64Array.from([0, 1])))).toThrow(/2 positions for 3 bars/);
  });
});
