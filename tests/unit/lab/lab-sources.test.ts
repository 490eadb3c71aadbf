import { describe, expect, it } from 'vitest';
import { OrderSource, OrderStatus, Reason, rebalanceDeltas, runLab } from '../../../src/core/lab';
import { T0, scripted, timelineOf, type Row } from './lab-fixtures';
import { MS_PER_DAY } from '../../../src/core/domain/time';

describe('lab engine: target weights (rebalancing)', () => {
  const A: Row[] = [
    [100, 100, 100, 100],
    [100, 101, 99, 100],
    [120, 121, 119, 120],
    [120, 121, 119, 120],
  ];
  const B: Row[] = [
    [50, 50, 50, 50],
    [50, 51, 49, 50],
    [40, 41, 39, 40],
    [40, 41, 39, 40],
  ];

  it('sizes whole units from NAV and closes, sells before buys', () => {
    const r = runLab(
      timelineOf({ A, B }),
      {},
      {
        rebalances: [
          { timestamp: T0, weights: { A: 0.5, B: 0.3 } },
          { timestamp: T0 + 2 * MS_PER_DAY, weights: { A: 0.2, B: 0.6 } },
        ],
      },
    );
    // Bar 0 close: NAV 10 000 → A: 0.5 × 10 000 / 100 = 50 units, B: 0.3 × 10 000 / 50 = 60 units.
    expect(r.orders.count).toBe(4);
    expect(Array.from(r.orders.source)).toEqual([OrderSource.Rebalance, OrderSource.Rebalance, OrderSource.Rebalance, OrderSource.Rebalance]);
    expect([r.orders.instrument[0], r.orders.side[0], r.orders.quantity[0]]).toEqual([0, 1, 50]);
    expect([r.orders.instrument[1], r.orders.side[1], r.orders.quantity[1]]).toEqual([1, 1, 60]);
    // Filled at bar 1's opens: cash 10 000 − 5 000 − 3 000 = 2 000.
    expect(r.cash[1]).toBe(2_000);
    // Bar 2 close: NAV = 2 000 + 50 × 120 + 60 × 40 = 10 400 → A 0.2 × 10 400 / 120 = 17.33 → 17 (sell 33),
    // B 0.6 × 10 400 / 40 = 156 (buy 96). The sell comes first.
    expect(r.nav[2]).toBe(10_400);
    expect([r.orders.instrument[2], r.orders.side[2], r.orders.quantity[2]]).toEqual([0, -1, 33]);
    expect([r.orders.instrument[3], r.orders.side[3], r.orders.quantity[3]]).toEqual([1, 1, 96]);
    expect(r.positions[3]).toBe(17);
    expect(r.positions[4 + 3]).toBe(156);
  });

  it('an instrument left out is targeted at zero; NaN prices are skipped', () => {
    const out = new Float64Array(3);
    rebalanceDeltas(
      1_000,
      new Float64Array([0.5, NaN, 0]),
      0,
      new Float64Array([10, 10, NaN]),
      new Float64Array([1, 1, 1]),
      new Float64Array([0, 5, 7]),
      out,
    );
    expect(Array.from(out)).toEqual([50, 0, 0]);
    const r = runLab(
      timelineOf({ A, B }),
      {},
      {
        rebalances: [
          { timestamp: T0, weights: { A: 0.5, B: 0.3 } },
          { timestamp: T0 + 2 * MS_PER_DAY, weights: { B: 0.3 } },
        ],
      },
    );
    expect(r.positions[3]).toBe(0);
  });

  it('respects lot sizes', () => {
    const r = runLab(timelineOf({ A, B }), { lotSize: [10, 0.5] }, { rebalances: [{ timestamp: T0, weights: { A: 0.37, B: 0.111 } }] });
    // A: 0.37 × 10 000 / 100 = 37 units → 3 lots of 10 = 30; B: 0.111 × 10 000 / 50 = 22.2 units → 44 half units = 22.
    expect(r.orders.quantity[0]).toBe(30);
    expect(r.orders.quantity[1]).toBe(22);
  });

  it('a new rebalance replaces the unfilled orders of the previous one', () => {
    const thin: Row[] = A.map((row) => (row === null ? null : ([row[0], row[1], row[2], row[3], 100] as const)));
    const r = runLab(
      timelineOf({ A: thin }),
      { volumeShare: 0.1 },
      {
        rebalances: [
          { timestamp: T0, weights: { A: 0.5 } },
          { timestamp: T0 + MS_PER_DAY, weights: { A: 0.5 } },
        ],
      },
    );
    expect(r.orders.status[0]).toBe(OrderStatus.Cancelled);
    expect(r.orders.filled[0]).toBe(10);
  });
});

describe('lab engine: scheduled entries', () => {
  const rows: Row[] = [
    [100, 100, 100, 100],
    [101, 102, 100, 101],
    [102, 103, 101, 102],
    [103, 104, 102, 103],
    [104, 105, 103, 104],
  ];

  it('fills at the open of the first bar at or after its time and exits by time stop', () => {
    const r = runLab(
      timelineOf({ A: rows }),
      {},
      {
        scheduled: [{ timestamp: T0 + MS_PER_DAY, instrument: 'A', side: 'buy', quantity: 10, exits: { timeStopBars: 2 } }],
      },
    );
    // Entry at bar 1's open (101); held bars 1 and 2; closed at bar 3's open (103).
    expect(r.trades.count).toBe(1);
    expect(r.trades.entryBar[0]).toBe(1);
    expect(r.trades.entryPrice[0]).toBe(101);
    expect(r.trades.exitBar[0]).toBe(3);
    expect(r.trades.exitPrice[0]).toBe(103);
    expect(r.trades.exitReason[0]).toBe(Reason.TimeStop);
    expect(r.orders.source[0]).toBe(OrderSource.Scheduled);
  });

  it('an alert between bars waits for the next bar; weight sizing uses the last NAV and the fill open', () => {
    const r = runLab(
      timelineOf({ A: rows }),
      {},
      {
        scheduled: [
          { timestamp: T0 + 1.5 * MS_PER_DAY, instrument: 'A', side: 'buy', weight: 0.5, exits: { stopLossFraction: 0.1, takeProfitFraction: 0.02 } },
        ],
      },
    );
    // Bar 2 open 102: floor(0.5 × 10 000 / 102) = 49 units. Target 102 × 1.02 = 104.04; bar 4's high 105 reaches it.
    expect(r.fills.bar[0]).toBe(2);
    expect(r.fills.quantity[0]).toBe(49);
    expect(r.trades.exitReason[0]).toBe(Reason.TakeProfit);
    expect(r.trades.exitPrice[0]).toBe(102 * (1 + 0.02));
  });

  it("time stops fill at the close with fillTiming 'close'", () => {
    const r = runLab(
      timelineOf({ A: rows }),
      { fillTiming: 'close' },
      {
        scheduled: [{ timestamp: T0 + MS_PER_DAY, instrument: 'A', side: 'buy', quantity: 10, exits: { timeStopBars: 2 } }],
      },
    );
    expect(r.trades.exitBar[0]).toBe(2);
    expect(r.trades.exitPrice[0]).toBe(102);
  });

  it('entries after the last bar never arrive and are counted', () => {
    const r = runLab(timelineOf({ A: rows }), {}, { scheduled: [{ timestamp: T0 + 10 * MS_PER_DAY, instrument: 'A', side: 'buy', quantity: 1 }] });
    expect(r.orders.count).toBe(0);
    expect(r.meta.unscheduledEntries).toBe(1);
  });
});

describe('lab engine: several instruments on one timeline', () => {
  it('an instrument without a bar cannot fill; it is marked at its last close', () => {
    const A: Row[] = [[100, 100, 100, 100], null, [110, 111, 109, 110]];
    const B: Row[] = [
      [50, 50, 50, 50],
      [51, 51, 51, 51],
      [52, 52, 52, 52],
    ];
    const r = runLab(
      timelineOf({ A, B }),
      {},
      {
        strategy: scripted({
          0: [
            { instrument: 'A', side: 'buy', quantity: 10 },
            { instrument: 'B', side: 'buy', quantity: 10 },
          ],
        }),
      },
    );
    expect(Array.from(r.fills.bar)).toEqual([1, 2]);
    expect(Array.from(r.fills.instrument)).toEqual([1, 0]);
    expect(r.nav[1]).toBe(10_000 - 510 + 510);
    expect(r.nav[2]).toBe(10_000 - 510 - 1100 + 10 * 52 + 10 * 110);
  });
});
