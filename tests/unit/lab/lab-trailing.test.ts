import { describe, expect, it } from 'vitest';
import { Reason, runLab } from '../../../src/core/lab';
import { scripted, timelineOf, type Row } from './lab-fixtures';

describe('lab engine: trailing stops', () => {
  // Bought at bar 1's open (100). The trailing exit starts from the entry price and ratchets on each bar's
  // high after that bar's fills: stop(t) = highest high up to t − 1 × (1 − 0.1).
  const rows: Row[] = [
    [100, 100, 100, 100],
    [100, 110, 99, 108], // stop 90 (from entry 100): low 99 holds; ref → 110
    [109, 120, 105, 118], // stop 99: low 105 holds; ref → 120
    [118, 119, 107, 108], // stop 108: low 107 reaches it → exit at 108
    [108, 108, 108, 108],
  ];

  it('a trailing exit (fraction) ratchets on highs and exits at the ratcheted level', () => {
    const r = runLab(
      timelineOf({ A: rows }),
      {},
      {
        strategy: scripted({ 0: [{ instrument: 'A', side: 'buy', quantity: 10, exits: { trailFraction: 0.1 } }] }),
      },
    );
    expect(r.trades.count).toBe(1);
    expect(r.trades.exitBar[0]).toBe(3);
    expect(r.trades.exitPrice[0]).toBe(120 * (1 - 0.1));
    expect(r.trades.exitReason[0]).toBe(Reason.TrailingStop);
    expect(r.trades.pnl[0]).toBe((120 * (1 - 0.1) - 100) * 10);
  });

  it('never loosens: a lower high does not move the stop down', () => {
    const lower: Row[] = [
      [100, 100, 100, 100],
      [100, 110, 99, 108], // ref → 110, stop 99 from bar 2
      [105, 106, 100, 101], // stop 99 holds (low 100); ref stays 110
      [100, 101, 98.5, 99], // stop still 99 → exit at 99
    ];
    const r = runLab(
      timelineOf({ A: lower }),
      {},
      {
        strategy: scripted({ 0: [{ instrument: 'A', side: 'buy', quantity: 1, exits: { trailAmount: 11 } }] }),
      },
    );
    expect(r.trades.exitBar[0]).toBe(3);
    expect(r.trades.exitPrice[0]).toBe(99);
  });

  it('a gap below the trailing level exits at the open', () => {
    const gap: Row[] = [
      [100, 100, 100, 100],
      [100, 110, 99, 108], // ref → 110, level 99
      [95, 96, 90, 91],
    ];
    const r = runLab(
      timelineOf({ A: gap }),
      {},
      {
        strategy: scripted({ 0: [{ instrument: 'A', side: 'buy', quantity: 1, exits: { trailAmount: 11 } }] }),
      },
    );
    expect(r.trades.exitPrice[0]).toBe(95);
  });

  it('a short trailing exit ratchets on lows', () => {
    const down: Row[] = [
      [100, 100, 100, 100],
      [100, 101, 90, 92], // entry 100; ref → 90
      [91, 95, 80, 82], // level 90 + 5 = 95 reached by the high → exit at 95
      [82, 82, 82, 82],
    ];
    const r = runLab(
      timelineOf({ A: down }),
      { allowShort: true },
      {
        strategy: scripted({ 0: [{ instrument: 'A', side: 'sell', quantity: 2, exits: { trailAmount: 5 } }] }),
      },
    );
    expect(r.trades.side[0]).toBe(-1);
    expect(r.trades.exitBar[0]).toBe(2);
    expect(r.trades.exitPrice[0]).toBe(95);
    expect(r.trades.pnl[0]).toBe(10);
  });

  it('a standalone trailing-stop order starts from the last close at submission and ratchets each bar', () => {
    const path: Row[] = [
      [100, 100, 100, 100],
      [100, 104, 99, 103], // submitted after this close: ref = 103
      [103, 106, 102, 105], // level 103 − 3 = 100: holds; ref → 106
      [105, 107, 103.5, 104], // level 103: low 103.5 holds; ref → 107
      [104, 105, 103.9, 104], // level 104: low 103.9 → exit at 104
    ];
    const r = runLab(
      timelineOf({ A: path }),
      {},
      {
        strategy: scripted({
          0: [{ instrument: 'A', side: 'buy', quantity: 1 }],
          1: [{ instrument: 'A', side: 'sell', type: 'trailing-stop', trailAmount: 3, quantity: 1 }],
        }),
      },
    );
    expect(r.fills.count).toBe(2);
    expect(r.fills.bar[1]).toBe(4);
    expect(r.fills.price[1]).toBe(104);
  });
});
