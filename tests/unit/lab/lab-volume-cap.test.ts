import { describe, expect, it } from 'vitest';
import { EndReason, OrderStatus, Reason, runLab } from '../../../src/core/lab';
import { scripted, timelineOf, type Row } from './lab-fixtures';

/** Flat bars at `price` with the given volumes. */
function bars(price: number, volumes: readonly number[]): Row[] {
  return volumes.map((v) => [price, price + 1, price - 1, price, v] as const);
}

describe('lab engine: partial fills capped by a share of bar volume', () => {
  it("splits one order over several bars with remainder 'keep'", () => {
    // 10 % of 1 000 = 100 units per bar: 250 units fill 100 + 100 + 50 at bars 1, 2 and 3.
    const tl = timelineOf({ A: bars(20, [1000, 1000, 1000, 1000, 1000]) });
    const r = runLab(tl, { volumeShare: 0.1 }, { strategy: scripted({ 0: [{ instrument: 'A', side: 'buy', quantity: 250 }] }) });
    expect(Array.from(r.fills.bar)).toEqual([1, 2, 3]);
    expect(Array.from(r.fills.quantity)).toEqual([100, 100, 50]);
    expect(r.orders.status[0]).toBe(OrderStatus.Filled);
    expect(r.orders.filled[0]).toBe(250);
    expect(Array.from(r.positions)).toEqual([0, 100, 200, 250, 250]);
  });

  it('the remainder of a split order extends one trade (one closed record when it closes)', () => {
    const tl = timelineOf({ A: bars(50, [1000, 1000, 1000, 1e9, 1e9]) });
    const r = runLab(
      tl,
      { volumeShare: 0.1, closeAtEnd: true },
      {
        strategy: scripted({ 0: [{ instrument: 'A', side: 'buy', quantity: 150 }] }),
      },
    );
    expect(r.trades.count).toBe(1);
    expect(r.trades.quantity[0]).toBe(150);
    expect(r.trades.entryBar[0]).toBe(1);
  });

  it("cancels what the first executable bar could not fill with remainder 'cancel'", () => {
    const tl = timelineOf({ A: bars(50, [1000, 1000, 1000]) });
    const r = runLab(
      tl,
      { volumeShare: 0.1, volumeRemainder: 'cancel' },
      {
        strategy: scripted({ 0: [{ instrument: 'A', side: 'buy', quantity: 250 }] }),
      },
    );
    expect(r.fills.count).toBe(1);
    expect(r.fills.quantity[0]).toBe(100);
    expect(r.orders.status[0]).toBe(OrderStatus.Cancelled);
    expect(r.orders.endReason[0]).toBe(EndReason.VolumeRemainder);
  });

  it('orders on one instrument share the bar cap in submission order', () => {
    const tl = timelineOf({ A: bars(50, [1000, 1000, 1000]) });
    const r = runLab(
      tl,
      { volumeShare: 0.1 },
      {
        strategy: scripted({
          0: [
            { instrument: 'A', side: 'buy', quantity: 80 },
            { instrument: 'A', side: 'buy', quantity: 80 },
          ],
        }),
      },
    );
    expect(Array.from(r.fills.orderId)).toEqual([0, 1, 1]);
    expect(Array.from(r.fills.quantity)).toEqual([80, 20, 60]);
    expect(Array.from(r.fills.bar)).toEqual([1, 1, 2]);
  });

  it('a capped stop-loss keeps exiting at market on the following opens', () => {
    const rows: Row[] = [
      [100, 100, 100, 100, 1e9],
      [100, 101, 99, 100, 1e9],
      [98, 99, 90, 92, 500], // stop 95 reached: 50 of 120 fill at 95
      [91, 92, 89, 90, 500], // 50 more at the open 91
      [89, 90, 88, 89, 500], // the last 20 at 89
    ];
    const r = runLab(
      timelineOf({ A: rows }),
      { cash: 100_000, volumeShare: 0.1 },
      {
        strategy: scripted({ 0: [{ instrument: 'A', side: 'buy', quantity: 120, exits: { stopLoss: 95 } }] }),
      },
    );
    expect(Array.from(r.trades.exitBar)).toEqual([2, 3, 4]);
    expect(Array.from(r.trades.exitPrice)).toEqual([95, 91, 89]);
    expect(Array.from(r.trades.quantity)).toEqual([50, 50, 20]);
    expect(Array.from(r.trades.exitReason)).toEqual([Reason.StopLoss, Reason.StopLoss, Reason.StopLoss]);
  });

  it('unknown (NaN) volume allows no fill under a cap', () => {
    const tl = timelineOf({ A: bars(50, [1000, 1000]) });
    tl.volume[1] = NaN;
    const r = runLab(tl, { volumeShare: 0.1 }, { strategy: scripted({ 0: [{ instrument: 'A', side: 'buy', quantity: 1 }] }) });
    expect(r.fills.count).toBe(0);
  });
});
