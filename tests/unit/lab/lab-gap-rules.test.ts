import { describe, expect, it } from 'vitest';
import { EndReason, OrderStatus, runLab, type OrderRequest } from '../../../src/core/lab';
import { scripted, timelineOf, type Row } from './lab-fixtures';

/** Runs one order submitted at bar 0 (after the bar-0 close) over the given rows of instrument A. */
function one(rows: readonly Row[], order: Omit<OrderRequest, 'instrument'>, extra: Record<number, OrderRequest[]> = {}) {
  return runLab(timelineOf({ A: rows }), { allowShort: true }, { strategy: scripted({ 0: [{ instrument: 'A', ...order }], ...extra }) });
}

describe('lab engine: market orders', () => {
  const rows: Row[] = [
    [100, 101, 99, 100],
    [102, 103, 101, 102.5],
    [104, 105, 103, 104],
  ];

  it('fill at the next bar open by default', () => {
    const r = one(rows, { side: 'buy', quantity: 10 });
    expect(r.fills.count).toBe(1);
    expect(r.fills.bar[0]).toBe(1);
    expect(r.fills.price[0]).toBe(102);
    expect(Array.from(r.cash)).toEqual([10_000, 8_980, 8_980]);
    expect(Array.from(r.nav)).toEqual([10_000, 8_980 + 10 * 102.5, 8_980 + 10 * 104]);
  });

  it("fill at the deciding bar's close with fillTiming 'close'", () => {
    const r = runLab(
      timelineOf({ A: rows }),
      { fillTiming: 'close' },
      { strategy: scripted({ 0: [{ instrument: 'A', side: 'buy', quantity: 10 }] }) },
    );
    expect(r.fills.bar[0]).toBe(0);
    expect(r.fills.price[0]).toBe(100);
    expect(r.cash[0]).toBe(9_000);
    expect(r.nav[0]).toBe(10_000);
  });
});

describe('lab engine: stop orders (gap through = fill at the open, worse)', () => {
  it('a sell stop gapped through fills at the open, below the stop', () => {
    const r = one(
      [
        [100, 100, 100, 100],
        [100, 101, 99, 100],
        [90, 92, 88, 91],
      ],
      { side: 'buy', quantity: 10 },
      { 1: [{ instrument: 'A', side: 'sell', type: 'stop', stop: 95, quantity: 10 }] },
    );
    expect(r.fills.count).toBe(2);
    expect(r.fills.bar[1]).toBe(2);
    expect(r.fills.price[1]).toBe(90);
    expect(r.trades.pnl[0]).toBe(-100);
  });

  it('a sell stop reached inside the bar fills at the stop', () => {
    const r = one(
      [
        [100, 100, 100, 100],
        [100, 101, 99, 100],
        [98, 99, 94, 96],
      ],
      { side: 'buy', quantity: 10 },
      { 1: [{ instrument: 'A', side: 'sell', type: 'stop', stop: 95, quantity: 10 }] },
    );
    expect(r.fills.price[1]).toBe(95);
  });

  it('a buy stop gapped through fills at the open, above the stop', () => {
    const r = one(
      [
        [100, 100, 100, 100],
        [108, 110, 107, 109],
      ],
      { side: 'buy', type: 'stop', stop: 105, quantity: 1 },
    );
    expect(r.fills.price[0]).toBe(108);
  });

  it('a stop not reached does not fill and keeps working', () => {
    const r = one(
      [
        [100, 100, 100, 100],
        [101, 104.99, 100, 104],
      ],
      { side: 'buy', type: 'stop', stop: 105, quantity: 1 },
    );
    expect(r.fills.count).toBe(0);
    expect(r.orders.status[0]).toBe(OrderStatus.Working);
  });
});

describe('lab engine: limit orders (gap through = fill at the open, better)', () => {
  it('a buy limit gapped through fills at the open, below the limit', () => {
    const r = one(
      [
        [100, 100, 100, 100],
        [92, 93, 91, 92],
      ],
      { side: 'buy', type: 'limit', limit: 95, quantity: 1 },
    );
    expect(r.fills.price[0]).toBe(92);
  });

  it('a buy limit touched inside the bar fills at the limit', () => {
    const r = one(
      [
        [100, 100, 100, 100],
        [98, 99, 94, 97],
      ],
      { side: 'buy', type: 'limit', limit: 95, quantity: 1 },
    );
    expect(r.fills.price[0]).toBe(95);
  });

  it('a sell limit gapped through fills at the open, above the limit', () => {
    const r = one(
      [
        [100, 100, 100, 100],
        [110, 112, 109, 111],
      ],
      { side: 'sell', type: 'limit', limit: 105, quantity: 1 },
    );
    expect(r.fills.price[0]).toBe(110);
  });

  it('a limit never touched does not fill', () => {
    const r = one(
      [
        [100, 100, 100, 100],
        [98, 99, 95.01, 97],
      ],
      { side: 'buy', type: 'limit', limit: 95, quantity: 1 },
    );
    expect(r.fills.count).toBe(0);
  });
});

describe('lab engine: stop-limit orders', () => {
  it('gapped past its limit: triggers but does not fill while the bar stays beyond the limit, then works as a limit', () => {
    const r = one(
      [
        [100, 100, 100, 100],
        [110, 112, 107, 111], // opens above stop 105 and limit 106, low 107 never comes back to 106
        [108, 109, 105.5, 106], // a plain limit now: ask low 105.5 ≤ 106 → fills at the limit
      ],
      { side: 'buy', type: 'stop-limit', stop: 105, limit: 106, quantity: 1 },
    );
    expect(r.fills.count).toBe(1);
    expect(r.fills.bar[0]).toBe(2);
    expect(r.fills.price[0]).toBe(106);
  });

  it('gapped past its limit but the same bar comes back to the limit: fills at the limit', () => {
    const r = one(
      [
        [100, 100, 100, 100],
        [110, 112, 105.8, 107],
      ],
      { side: 'buy', type: 'stop-limit', stop: 105, limit: 106, quantity: 1 },
    );
    expect(r.fills.bar[0]).toBe(1);
    expect(r.fills.price[0]).toBe(106);
  });

  it('triggered inside the bar with the stop within the limit: fills at the stop', () => {
    const r = one(
      [
        [100, 100, 100, 100],
        [101, 107, 100, 106],
      ],
      { side: 'buy', type: 'stop-limit', stop: 105, limit: 106, quantity: 1 },
    );
    expect(r.fills.price[0]).toBe(105);
  });

  it('triggered inside the bar with a limit below the stop: no fill on that bar (path unknown)', () => {
    const r = one(
      [
        [100, 100, 100, 100],
        [101, 107, 100, 106],
        [106, 106, 103, 104],
      ],
      { side: 'buy', type: 'stop-limit', stop: 105, limit: 104, quantity: 1 },
    );
    expect(r.fills.count).toBe(1);
    expect(r.fills.bar[0]).toBe(2);
    expect(r.fills.price[0]).toBe(104);
  });
});

describe('lab engine: time in force', () => {
  it("a 'day' order on daily bars lives for one bar", () => {
    const r = one(
      [
        [100, 100, 100, 100],
        [100, 101, 99, 100],
        [90, 91, 89, 90],
      ],
      { side: 'buy', type: 'limit', limit: 95, quantity: 1, tif: 'day' },
    );
    expect(r.fills.count).toBe(0);
    expect(r.orders.status[0]).toBe(OrderStatus.Expired);
    expect(r.orders.endReason[0]).toBe(EndReason.TimeInForce);
    expect(r.orders.endBar[0]).toBe(2);
  });

  it('a { bars: 2 } order expires after two evaluated bars', () => {
    const r = one(
      [
        [100, 100, 100, 100],
        [100, 101, 99, 100],
        [100, 101, 99, 100],
        [90, 91, 89, 90],
      ],
      { side: 'buy', type: 'limit', limit: 95, quantity: 1, tif: { bars: 2 } },
    );
    expect(r.fills.count).toBe(0);
    expect(r.orders.status[0]).toBe(OrderStatus.Expired);
    expect(r.orders.endBar[0]).toBe(2);
  });
});
