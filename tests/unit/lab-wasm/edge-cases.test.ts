import { beforeAll, describe, expect, it } from 'vitest';
import {
  EndReason,
  OrderStatus,
  Reason,
  runLab,
  type LabConfigInput,
  type LabResult,
  type LabSources,
  type LabTimeline,
} from '../../../src/core/lab';
import type { LabWasmEngine } from '../../../src/engine/lab';
import { T0, flat, scripted, timelineOf, type Row } from '../lab/lab-fixtures';
import { loadLabEngine } from './load-lab-engine';
import { expectSameLabResult } from './same-result';
import { MS_PER_DAY, MS_PER_HOUR } from '../../../src/core/domain/time';

// Hand-made scenarios for paths that random inputs reach rarely or never: exact ties, NaN volume, sizes that round
// to nothing, ToInt32 of huge integers, ids that name no order, halting. Each runs both engines (sources are
// built twice: strategies keep state) and compares every column; a few facts show the path was really taken.

let lab: LabWasmEngine;
beforeAll(async () => {
  lab = await loadLabEngine();
});

function both(tl: LabTimeline, config: LabConfigInput, sources: () => LabSources): LabResult {
  const ref = runLab(tl, config, sources());
  expectSameLabResult(lab.runLabWasm(tl, config, sources()), ref);
  return ref;
}

const ramp: Row[] = [
  [100, 100, 100, 100],
  [100, 101, 99, 100],
  [100, 104, 96, 100],
  [100, 103, 90, 95],
  [95, 96, 80, 85],
  [85, 90, 84, 88],
];

describe('lab engine in WASM: edge cases, same bits as the reference', () => {
  it('a trailing exit level equal to the stop-loss: the stop-loss reason wins the tie', () => {
    // A buy limit at 99 touched inside bar 1 fills at exactly 99 (passive) and is armed from bar 2, where the
    // trailing level 99 − 5 = 94 equals the stop-loss and the low reaches it.
    const rows: Row[] = [
      [100, 100, 100, 100],
      [100, 101, 98, 100],
      [100, 100, 93, 95],
    ];
    const r = both(timelineOf({ A: rows }), {}, () => ({
      strategy: scripted({ 0: [{ instrument: 0, side: 'buy', type: 'limit', limit: 99, quantity: 1, exits: { stopLoss: 94, trailAmount: 5 } }] }),
    }));
    expect(r.fills.price[0]).toBe(99);
    expect(r.trades.exitReason[0]).toBe(Reason.StopLoss);
  });

  it('nearest-to-open with the high and the low equally far from the open: the stop comes first', () => {
    const r = both(timelineOf({ A: ramp }), { bracketRule: 'nearest-to-open' }, () => ({
      strategy: scripted({ 0: [{ instrument: 0, side: 'buy', quantity: 1, exits: { stopLoss: 97, takeProfit: 103 } }] }),
    }));
    expect(r.trades.exitReason[0]).toBe(Reason.StopLoss);
  });

  it('NaN and zero volume under a volume cap, with the remainder kept and then cancelled', () => {
    const rows: Row[] = [
      [100, 100, 100, 100, 1000],
      [100, 101, 99, 100, NaN],
      [100, 101, 99, 100, 0],
      [100, 101, 99, 100, 30],
      [100, 101, 99, 100, 1000],
    ];
    for (const volumeRemainder of ['keep', 'cancel'] as const) {
      const r = both(timelineOf({ A: rows }), { volumeShare: 0.5, volumeRemainder }, () => ({
        strategy: scripted({ 0: [{ instrument: 0, side: 'buy', quantity: 40 }] }),
      }));
      expect(r.orders.status[0]).toBe(volumeRemainder === 'keep' ? OrderStatus.Filled : OrderStatus.Cancelled);
    }
  });

  it('weight orders that size to zero lots, lot sizes that do not divide the units, and a rebalance before any close', () => {
    const tl = timelineOf({ A: flat(100, 4), B: [null, [50, 50, 50, 50], [50, 50, 50, 50], [50, 50, 50, 50]] });
    const r = both(tl, { lotSize: [0.1, 7] }, () => ({
      strategy: scripted({
        0: [
          { instrument: 0, side: 'buy', weight: 0.0000001 },
          { instrument: 0, side: 'buy', quantity: 0.3 },
          { instrument: 1, side: 'buy', quantity: 20 },
        ],
      }),
      rebalances: [{ timestamp: T0, weights: { A: 0.2, B: 0.3 } }],
    }));
    expect(r.orders.endReason[0]).toBe(EndReason.ZeroQuantity);
    expect(r.orders.quantity[1]).toBe(0.30000000000000004);
  });

  it('cancel ids that name no order (−1, a fraction, NaN, too large), and cancelling twice', () => {
    const r = both(timelineOf({ A: ramp }), {}, () => ({
      strategy: scripted(
        {
          0: [
            { instrument: 0, side: 'buy', type: 'limit', limit: 50, quantity: 1 },
            { instrument: 0, side: 'buy', type: 'limit', limit: 51, quantity: 1 },
          ],
        },
        (ctx) => {
          if (ctx.bar !== 1) return;
          for (const id of [-1, 0.5, NaN, 2 ** 40, 1e300, 1, 1]) ctx.cancel(id);
        },
      ),
    }));
    expect(Array.from(r.orders.status)).toEqual([OrderStatus.Working, OrderStatus.Cancelled]);
  });

  it('huge integers in time in force and time stops go through ToInt32 as the reference stores them', () => {
    const r = both(timelineOf({ A: ramp }), {}, () => ({
      strategy: scripted({
        0: [
          { instrument: 0, side: 'buy', type: 'limit', limit: 10, quantity: 1, tif: { bars: 2 ** 32 + 2 } },
          { instrument: 0, side: 'buy', quantity: 1, exits: { timeStopBars: 2 ** 32 + 3 } },
        ],
      }),
    }));
    expect(r.orders.status[0]).toBe(OrderStatus.Expired);
    expect(r.trades.exitReason[0]).toBe(Reason.TimeStop);
  });

  it('day orders on intraday bars expire at the first bar of the next UTC day', () => {
    const tl = timelineOf({ A: flat(100, 6) });
    const hours = [0, 5, 10, 23, 24, 30].map((h) => T0 + h * MS_PER_HOUR);
    const intraday = { ...tl, time: Float64Array.from(hours) };
    const r = both(intraday, {}, () => ({
      scheduled: [{ timestamp: T0, instrument: 'A', side: 'buy', quantity: 1, limit: 90, tif: 'day' }],
    }));
    expect(r.orders.endBar[0]).toBe(4);
  });

  it('bankruptcy: everything closed at the marks, working orders cancelled, later arrivals refused', () => {
    const crash: Row[] = [
      [100, 100, 100, 100],
      [100, 100, 100, 100],
      [100, 100, 20, 20],
      [20, 20, 20, 20],
      [20, 20, 20, 20],
    ];
    const r = both(timelineOf({ A: crash, B: flat(10, 5) }), { marginRatio: 0.1, slippage: { model: 'random', bps: 10 }, seed: 7 }, () => ({
      strategy: scripted({
        0: [
          { instrument: 0, side: 'buy', weight: 9 },
          { instrument: 1, side: 'buy', type: 'limit', limit: 5, quantity: 1 },
        ],
      }),
      scheduled: [{ timestamp: T0 + 3 * MS_PER_DAY, instrument: 'B', side: 'buy', quantity: 1 }],
    }));
    expect(r.meta.bankruptBar).toBe(2);
    expect(r.fills.reason[1]).toBe(Reason.Bankrupt);
    expect(r.orders.endReason[1]).toBe(EndReason.Bankrupt);
    expect(r.orders.status[2]).toBe(OrderStatus.Refused);
  });

  it('a stop-limit gapped past its limit works as a limit and fills when the bar comes back', () => {
    const rows: Row[] = [
      [100, 100, 100, 100],
      [110, 112, 109, 111],
      [108, 109, 104, 105],
      [105, 106, 104, 105],
    ];
    const r = both(timelineOf({ A: rows }), { spread: 0.002 }, () => ({
      strategy: scripted({ 0: [{ instrument: 0, side: 'buy', type: 'stop-limit', stop: 105, limit: 106, quantity: 1 }] }),
    }));
    expect(r.fills.bar[0]).toBe(2);
  });

  it('a run of one bar, with closeAtEnd and every cost', () => {
    both(timelineOf({ A: [[100, 101, 99, 100]] }), { closeAtEnd: true, commission: { fixed: 1, relative: 0.01 }, spread: 0.01 }, () => ({
      scheduled: [{ timestamp: T0 - MS_PER_DAY, instrument: 0, side: 'buy', quantity: 3, exits: { stopLossFraction: 0.5 } }],
    }));
  });
});
