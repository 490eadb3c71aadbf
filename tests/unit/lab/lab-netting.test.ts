import { describe, expect, it } from 'vitest';
import { Reason, runLab } from '../../../src/core/lab';
import { scripted, timelineOf, type Row } from './lab-fixtures';

const rows: Row[] = [
  [100, 100, 100, 100],
  [100, 101, 99, 100],
  [110, 111, 109, 110],
  [90, 91, 89, 90],
  [90, 91, 89, 90],
];

describe('lab engine: FIFO netting of trades', () => {
  it('an opposite order closes the oldest trades first, then opens the other side; commission split by lots', () => {
    const r = runLab(
      timelineOf({ A: rows }),
      { allowShort: true, commission: { fixed: 3 } },
      {
        strategy: scripted({
          0: [
            { instrument: 'A', side: 'buy', quantity: 4 },
            { instrument: 'A', side: 'buy', quantity: 6 },
          ],
          1: [{ instrument: 'A', side: 'sell', quantity: 15 }],
          2: [{ instrument: 'A', side: 'buy', quantity: 5 }],
        }),
      },
    );
    // Bar 2: the sell of 15 at 110 closes trade 0 (4 lots), trade 1 (6 lots) and opens a short of 5.
    expect(Array.from(r.trades.trade)).toEqual([0, 1, 2]);
    expect(Array.from(r.trades.quantity)).toEqual([4, 6, 5]);
    expect(Array.from(r.trades.exitBar)).toEqual([2, 2, 3]);
    expect(Array.from(r.trades.side)).toEqual([1, 1, -1]);
    // Commissions: each entry 3; the 15-lot sell's 3 splits 4/15, 6/15, 5/15.
    expect(r.trades.commission[0]).toBe(3 + 3 * (4 / 15));
    expect(r.trades.commission[1]).toBe(3 + 3 * (6 / 15));
    expect(r.trades.commission[2]).toBe(3 * (5 / 15) + 3);
    expect(r.trades.pnl[2]).toBe(-1 * (90 - 110) * 5 - r.trades.commission[2]);
    expect(r.trades.exitReason[0]).toBe(Reason.Order);
    expect(Array.from(r.positions)).toEqual([0, 10, -5, 0, 0]);
  });

  it('a trade exit closes only its own trade', () => {
    const r = runLab(
      timelineOf({ A: rows }),
      {},
      {
        strategy: scripted({
          0: [
            { instrument: 'A', side: 'buy', quantity: 3, exits: { takeProfit: 105 } },
            { instrument: 'A', side: 'buy', quantity: 2 },
          ],
        }),
      },
    );
    expect(r.trades.count).toBe(1);
    expect(r.trades.quantity[0]).toBe(3);
    expect(r.trades.exitPrice[0]).toBe(110);
    expect(r.openTrades.count).toBe(1);
    expect(r.openTrades.quantity[0]).toBe(2);
    expect(r.positions[4]).toBe(2);
  });
});

describe('lab engine: several exits on one bar', () => {
  it('every trade whose stop is reached exits on that bar (none is skipped when another closes)', () => {
    const r = runLab(
      timelineOf({ A: rows, B: rows }),
      {},
      {
        strategy: scripted({
          0: [
            { instrument: 'A', side: 'buy', quantity: 1, exits: { stopLoss: 95 } },
            { instrument: 'A', side: 'buy', quantity: 1, exits: { stopLoss: 94 } },
            { instrument: 'B', side: 'buy', quantity: 1, exits: { stopLoss: 93 } },
            { instrument: 'A', side: 'buy', quantity: 1, exits: { stopLoss: 92 } },
          ],
        }),
      },
    );
    expect(r.trades.count).toBe(4);
    expect(Array.from(r.trades.exitBar)).toEqual([3, 3, 3, 3]);
    expect(Array.from(r.trades.trade)).toEqual([0, 1, 2, 3]);
    expect(Array.from(r.trades.exitPrice)).toEqual([90, 90, 90, 90]);
  });
});
