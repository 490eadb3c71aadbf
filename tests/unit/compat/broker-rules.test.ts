import { describe, it, expect } from 'vitest';
import { runBacktest, type BacktestOptionsInput, type BarContext } from '../../../src/core/compat';
import { barsOf, Scripted, type Ohlc } from './scripted';

// Every expected value below is worked out by hand from backtesting.py's broker rules (comments show the
// arithmetic). Cash is 10,000 unless stated. Orders placed in `next` at bar i are processed at bar i+1.

const FLAT: Ohlc = [100, 100, 100, 100];

function run(rows: Ohlc[], actions: Record<number, (ctx: BarContext) => void>, options: BacktestOptionsInput = {}) {
  return runBacktest(barsOf(rows), new Scripted(actions), options);
}

describe('market orders and sizing', () => {
  it('fill at the next open with all available cash in whole units', () => {
    const r = run([FLAT, [100, 101, 99, 100], [104, 106, 103, 105], [105, 107, 104, 106]], { 1: (c) => c.buy() });
    // size = floor(10000 * (1 - eps) / 104) = 96 units at 104; cash unchanged without commission.
    expect(r.openTrades).toHaveLength(1);
    expect(r.openTrades[0]).toMatchObject({ size: 96, entryBar: 2, entryPrice: 104 });
    // equity = 10000 + 96 * (close - 104); bar 0 repeats the first recorded value.
    expect(Array.from(r.equity)).toEqual([10000, 10000, 10096, 10192]);
    expect(r.trades).toHaveLength(0);
  });

  it('size "all" is 1 - eps of margin, so an exact multiple buys one unit less', () => {
    const r = run([FLAT, FLAT, [100, 101, 99, 100]], { 1: (c) => c.buy() });
    // 10000 * (1 - 2^-52) = 9999.999999999998, // 100 = 99
    expect(r.openTrades[0].size).toBe(99);
  });

  it('cancels an order the account cannot afford', () => {
    const r = run([FLAT, FLAT, FLAT, FLAT], { 1: (c) => c.buy({ size: 200 }) });
    // 200 units * 100 = 20000 > 10000 of margin
    expect(r.openTrades).toHaveLength(0);
    expect(r.trades).toHaveLength(0);
    expect(r.notes).toHaveLength(1);
  });
});

describe('limit, stop and stop-limit orders', () => {
  it('a buy limit fills at the limit once the low reaches it', () => {
    const r = run([FLAT, [100, 101, 99, 100], [100, 101, 98.5, 100], [99, 99.5, 97, 98]], {
      1: (c) => c.buy({ limit: 98, size: 10 }),
    });
    // bar 2: low 98.5 > 98, no fill; bar 3: low 97 <= 98, price min(open 99, 98) = 98
    expect(r.openTrades[0]).toMatchObject({ size: 10, entryBar: 3, entryPrice: 98 });
  });

  it('a buy limit fills at the open when the bar gaps below the limit', () => {
    const r = run([FLAT, [100, 101, 99, 100], [96, 97, 95, 96]], { 1: (c) => c.buy({ limit: 98, size: 10 }) });
    // min(open 96, limit 98) = 96
    expect(r.openTrades[0]).toMatchObject({ entryBar: 2, entryPrice: 96 });
  });

  it('a sell limit fills when the high reaches it', () => {
    const r = run([FLAT, [100, 101, 99, 100], [101, 103, 100, 102]], { 1: (c) => c.sell({ limit: 102, size: 10 }) });
    // high 103 >= 102: max(open 101, 102) = 102, short 10
    expect(r.openTrades[0]).toMatchObject({ size: -10, entryBar: 2, entryPrice: 102 });
  });

  it('a buy stop triggers when the high reaches the stop and fills at the stop', () => {
    const r = run([FLAT, [100, 101, 99, 100], [100, 102, 99, 101], [101, 104, 100, 103.5]], {
      1: (c) => c.buy({ stop: 103, size: 10 }),
    });
    // bar 2: high 102 < 103; bar 3: triggered, max(open 101, stop 103) = 103
    expect(r.openTrades[0]).toMatchObject({ entryBar: 3, entryPrice: 103 });
  });

  it('a buy stop fills at the open when the bar gaps above the stop', () => {
    const r = run([FLAT, [100, 101, 99, 100], [105, 106, 104, 105]], { 1: (c) => c.buy({ stop: 103, size: 10 }) });
    expect(r.openTrades[0]).toMatchObject({ entryBar: 2, entryPrice: 105 });
  });

  it('a sell stop triggers on the low and fills at the stop or the gap open', () => {
    const touch = run([FLAT, [100, 101, 99, 100], [99, 99, 94, 95]], { 1: (c) => c.sell({ stop: 97, size: 10 }) });
    // min(open 99, stop 97) = 97
    expect(touch.openTrades[0]).toMatchObject({ size: -10, entryPrice: 97 });
    const gap = run([FLAT, [100, 101, 99, 100], [95, 96, 94, 95]], { 1: (c) => c.sell({ stop: 97, size: 10 }) });
    expect(gap.openTrades[0]).toMatchObject({ size: -10, entryPrice: 95 });
  });

  it('a stop-limit fills at the stop when the limit lies beyond it', () => {
    const r = run([FLAT, [100, 101, 99, 100], [100, 103.5, 99, 103]], { 1: (c) => c.buy({ stop: 103, limit: 104, size: 10 }) });
    // stop hit (103.5 >= 103), limit hit (99 <= 104) and 104 > 103: min(stop 103, limit 104) = 103
    expect(r.openTrades[0]).toMatchObject({ entryBar: 2, entryPrice: 103 });
  });

  it('a stop-limit whose limit is touched in the stop bar waits: the limit is assumed to come first', () => {
    const r = run([FLAT, [100, 101, 99, 100], [100, 103.5, 101, 103], [102.5, 103, 101.5, 102]], {
      1: (c) => c.buy({ stop: 103, limit: 102, size: 10 }),
    });
    // bar 2: stop hit and consumed, limit 102 <= stop 103 -> pessimistically not filled;
    // bar 3: now a plain limit, low 101.5 <= 102 -> min(open 102.5, 102) = 102
    expect(r.openTrades[0]).toMatchObject({ entryBar: 3, entryPrice: 102 });
  });
});

describe('stop-loss and take-profit', () => {
  const entry = (c: BarContext): void => {
    c.buy({ size: 10, sl: 95, tp: 110 });
  };

  it('when both are inside one bar, the stop-loss wins', () => {
    const r = run([FLAT, [100, 101, 99, 100], [100, 101, 99, 100], [100, 112, 94, 100]], { 1: entry });
    // SL orders are queued first; price min(open 100, stop 95) = 95
    expect(r.trades).toHaveLength(1);
    expect(r.trades[0]).toMatchObject({ size: 10, entryBar: 2, exitBar: 3, entryPrice: 100, exitPrice: 95, sl: 95, tp: 110 });
    expect(r.trades[0].pnl).toBe(-50);
    expect(r.openTrades).toHaveLength(0);
  });

  it('a stop-loss gapped through fills at the open', () => {
    const r = run([FLAT, [100, 101, 99, 100], [100, 101, 99, 100], [90, 92, 89, 91]], { 1: entry });
    expect(r.trades[0]).toMatchObject({ exitBar: 3, exitPrice: 90, sl: 95 });
    expect(r.trades[0].pnl).toBe(-100);
  });

  it('a take-profit gapped through fills at the open', () => {
    const r = run([FLAT, [100, 101, 99, 100], [100, 101, 99, 100], [115, 116, 114, 115]], { 1: entry });
    // max(open 115, limit 110) = 115
    expect(r.trades[0]).toMatchObject({ exitBar: 3, exitPrice: 115 });
    expect(r.trades[0].pnl).toBe(150);
  });

  it('a market entry can be stopped out on its own entry bar', () => {
    const r = run([FLAT, [100, 101, 99, 100], [100, 101, 94, 96]], { 1: entry });
    expect(r.trades[0]).toMatchObject({ entryBar: 2, exitBar: 2, entryPrice: 100, exitPrice: 95 });
  });

  it('short brackets mirror long ones', () => {
    const r = run([FLAT, [100, 101, 99, 100], [100, 101, 99, 100], [100, 106, 89, 100]], {
      1: (c) => c.sell({ size: 10, sl: 105, tp: 90 }),
    });
    // stop-loss first: max(open 100, stop 105) = 105; pnl = -10 * (105 - 100)
    expect(r.trades[0]).toMatchObject({ size: -10, exitPrice: 105 });
    expect(r.trades[0].pnl).toBe(-50);
  });
});

describe('trade on close', () => {
  it('market orders fill at the close of the bar they were placed on', () => {
    const rows: Ohlc[] = [FLAT, [100, 101, 99, 100], [101, 103, 100, 102], [102, 104, 101, 103], [104, 105, 103, 104]];
    const r = run(rows, { 1: (c) => c.buy(), 3: (c) => c.close() }, { tradeOnClose: true });
    // buy: close[1] = 100 booked on bar 1, 99 units; close: close[3] = 103 booked on bar 3
    expect(r.trades[0]).toMatchObject({ size: 99, entryBar: 1, exitBar: 3, entryPrice: 100, exitPrice: 103 });
    expect(r.trades[0].pnl).toBe(297);
    // bar 1's equity was recorded before the order existed
    expect(Array.from(r.equity)).toEqual([10000, 10000, 10198, 10297, 10297]);
  });
});

describe('finalize trades', () => {
  const rows: Ohlc[] = [FLAT, [100, 101, 99, 100], [104, 106, 103, 105], [105, 107, 104, 106]];

  it('leaves trades open by default', () => {
    const r = run(rows, { 1: (c) => c.buy() });
    expect(r.trades).toHaveLength(0);
    expect(r.equity[3]).toBe(10192);
  });

  it('closes them by re-running the broker on the last bar, i.e. at its open', () => {
    const r = run(rows, { 1: (c) => c.buy() }, { finalizeTrades: true });
    // 96 units bought at 104, closed at the last bar's open 105
    expect(r.trades).toHaveLength(1);
    expect(r.trades[0]).toMatchObject({ size: 96, entryBar: 2, exitBar: 3, entryPrice: 104, exitPrice: 105 });
    expect(r.trades[0].pnl).toBe(96);
    expect(r.equity[3]).toBe(10096);
  });

  it('with trade-on-close, closes at the previous close, booked on the previous bar', () => {
    const r = run(rows, { 1: (c) => c.buy() }, { finalizeTrades: true, tradeOnClose: true });
    // 99 units at close[1] = 100; the final close order fills at close[2] = 105 on bar 2
    expect(r.trades[0]).toMatchObject({ size: 99, entryBar: 1, exitBar: 2, entryPrice: 100, exitPrice: 105 });
    expect(r.equity[3]).toBe(10495);
  });
});

describe('costs', () => {
  it('spread raises a long entry price; the exit is at the raw price', () => {
    const rows: Ohlc[] = [FLAT, FLAT, [100, 101, 99, 100], [102, 103, 101, 102]];
    const r = run(rows, { 1: (c) => c.buy(), 2: (c) => c.close() }, { spread: 0.01 });
    // entry 100 * 1.01 = 101, floor(9999.999999999998 / 101) = 99 units; exit at open 102
    expect(r.trades[0]).toMatchObject({ size: 99, entryPrice: 101, exitPrice: 102 });
    expect(r.trades[0].pnl).toBe(99);
    expect(r.equity[2]).toBe(10000 + 99 * (100 - 101));
  });

  it('spread lowers a short entry price', () => {
    const r = run([FLAT, FLAT, [100, 101, 99, 100]], { 1: (c) => c.sell() }, { spread: 0.01 });
    // 100 * 0.99 = 99, floor(9999.999999999998 / 99) = 101 units short
    expect(r.openTrades[0]).toMatchObject({ size: -101, entryPrice: 99 });
  });

  it('fixed plus relative commission is charged at entry and exit and included in sizing', () => {
    const rows: Ohlc[] = [FLAT, FLAT, [100, 101, 99, 100], [110, 111, 109, 110]];
    const r = run(rows, { 1: (c) => c.buy(), 2: (c) => c.close() }, { commission: { fixed: 5, relative: 0.001 } });
    // per unit 100 + (5 + 0.1) = 105.1 -> floor(9999.999999999998 / 105.1) = 95 units
    // entry commission 5 + 95 * 100 * 0.001 = 14.5; exit commission 5 + 95 * 110 * 0.001 = 15.45
    const t = r.trades[0];
    expect(t).toMatchObject({ size: 95, entryPrice: 100, exitPrice: 110 });
    expect(t.commissions).toBeCloseTo(29.95, 10);
    expect(t.pnl).toBeCloseTo(950 - 29.95, 10);
    expect(t.returnPct).toBeCloseTo(0.1 - 29.95 / 9500, 12);
    expect(r.equity[2]).toBeCloseTo(10000 - 14.5, 10);
    expect(r.equity[3]).toBeCloseTo(10000 - 14.5 + 950 - 15.45, 10);
  });
});

describe('margin', () => {
  it('margin 0.5 doubles buying power', () => {
    const rows: Ohlc[] = [FLAT, FLAT, [100, 101, 99, 100], [110, 111, 109, 110]];
    const r = run(rows, { 1: (c) => c.buy() }, { margin: 0.5 });
    // 10000 * 2 * (1 - eps) = 19999.999999999996, // 100 = 199
    expect(r.openTrades[0]).toMatchObject({ size: 199, entryPrice: 100 });
    expect(r.equity[3]).toBe(10000 + 199 * 10);
  });

  it('available margin marks open trades at the current close', () => {
    const rows: Ohlc[] = [FLAT, FLAT, [100, 101, 99, 100], [110, 111, 109, 110]];
    const r = run(rows, { 1: (c) => c.buy(), 2: (c) => c.buy({ size: 0.5 }) }, { margin: 0.5 });
    // bar 3: equity 10000 + 199 * 10 = 11990, used 199 * 110 / 2 = 10945, free 1045;
    // floor(1045 * 2 * 0.5 / 110) = 9 units at the open 110
    expect(r.openTrades.map((t) => t.size)).toEqual([199, 9]);
  });

  it('a wiped-out account is liquidated at the close and stays at zero', () => {
    const rows: Ohlc[] = [FLAT, FLAT, FLAT, [99, 99, 97, 97], [97, 97, 97, 97]];
    const r = run(rows, { 1: (c) => c.buy() }, { margin: 0.02 });
    // 50:1 -> 4999 units at 100; bar 3 equity 10000 - 4999 * 3 < 0
    expect(r.outOfMoney).toBe(true);
    expect(r.trades[0]).toMatchObject({ size: 4999, exitBar: 3, exitPrice: 97 });
    expect(r.trades[0].pnl).toBe(-14997);
    expect(Array.from(r.equity)).toEqual([10000, 10000, 10000, 0, 0]);
  });
});

describe('order interaction', () => {
  const rows: Ohlc[] = [FLAT, FLAT, [100, 101, 99, 100], [102, 103, 101, 102]];

  it('exclusive orders close the open trade before the new one fills', () => {
    const r = run(rows, { 1: (c) => c.buy({ size: 10 }), 2: (c) => c.sell({ size: 5 }) }, { exclusiveOrders: true });
    expect(r.trades[0]).toMatchObject({ size: 10, exitBar: 3, exitPrice: 102 });
    expect(r.openTrades[0]).toMatchObject({ size: -5, entryBar: 3, entryPrice: 102 });
  });

  it('without hedging an opposite order reduces the open trade first', () => {
    const r = run(rows, { 1: (c) => c.buy({ size: 10 }), 2: (c) => c.sell({ size: 5 }) });
    // 5 of the 10 units are closed (booked as their own trade); no short is opened
    expect(r.trades[0]).toMatchObject({ size: 5, entryPrice: 100, exitPrice: 102 });
    expect(r.trades[0].pnl).toBe(10);
    expect(r.openTrades.map((t) => t.size)).toEqual([5]);
  });

  it('with hedging both directions stay open', () => {
    const r = run(rows, { 1: (c) => c.buy({ size: 10 }), 2: (c) => c.sell({ size: 5 }) }, { hedging: true });
    expect(r.trades).toHaveLength(0);
    expect(r.openTrades.map((t) => t.size)).toEqual([10, -5]);
  });

  it('partial close rounds half to even, like Python', () => {
    const r = run(rows, { 1: (c) => c.buy({ size: 5 }), 2: (c) => c.close(0.5) });
    // round(2.5) = 2 units closed, 3 left
    expect(r.trades[0].size).toBe(2);
    expect(r.openTrades[0].size).toBe(3);
  });
});

describe('strategy context', () => {
  it('reveals no bar beyond the current one', () => {
    const seen: number[] = [];
    const r = run([FLAT, [100, 101, 99, 101], [102, 103, 101, 102]], {
      1: (c) => {
        seen.push(c.data.length, c.data.close(), c.data.close(1));
        expect(() => c.data.close(-1)).toThrow(RangeError);
        expect(() => c.data.open(2)).toThrow(RangeError);
      },
    });
    expect(seen).toEqual([2, 101, 100]);
    expect(r.startBar).toBe(1);
  });

  it('rejects orders backtesting.py rejects', () => {
    expect(() => run([FLAT, FLAT], { 1: (c) => c.buy({ sl: 101 }) })).toThrow(/SL/);
    expect(() => run([FLAT, FLAT], { 1: (c) => c.sell({ tp: 101 }) })).toThrow(/TP/);
    expect(() => run([FLAT, FLAT], { 1: (c) => c.buy({ size: 1.5 }) })).toThrow(/size/);
  });
});
