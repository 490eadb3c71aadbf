import { describe, expect, it } from 'vitest';
import { OHLCV_COLUMNS, barAt, ohlcvLength, type OhlcvTable } from '../../../src/core/domain/ohlcv-table';
import { OrderType } from '../../../src/core/domain/order-type';
import { Side } from '../../../src/core/domain/side';
import type { Order } from '../../../src/core/domain/order';

const table: OhlcvTable = {
  timestamp: Float64Array.of(0, 86_400_000),
  open: Float64Array.of(1, 2),
  high: Float64Array.of(3, 4),
  low: Float64Array.of(0.5, 1.5),
  close: Float64Array.of(2, 3),
  volume: Float64Array.of(10, 20),
};

describe('OhlcvTable', () => {
  it('lists its columns and reads a row as a Bar', () => {
    expect(OHLCV_COLUMNS).toEqual(['timestamp', 'open', 'high', 'low', 'close', 'volume']);
    expect(ohlcvLength(table)).toBe(2);
    expect(barAt(table, 1)).toEqual({ timestamp: 86_400_000, open: 2, high: 4, low: 1.5, close: 3, volume: 20 });
    expect(() => barAt(table, 2)).toThrow('bar index 2 out of range [0, 2)');
    expect(() => barAt(table, -1)).toThrow(RangeError);
  });
});

describe('Order', () => {
  it('is discriminated by type so price fields follow from it', () => {
    const orders: Order[] = [
      { id: 1, instrument: 'GOOG', side: Side.Buy, quantity: 1, barIndex: 0, createdAt: 0, type: OrderType.Market },
      {
        id: 2,
        instrument: 'GOOG',
        side: Side.Sell,
        quantity: 1,
        barIndex: 0,
        createdAt: 0,
        type: OrderType.StopLimit,
        stopPrice: 99,
        limitPrice: 98,
      },
      { id: 3, instrument: 'GOOG', side: Side.Sell, quantity: 1, barIndex: 0, createdAt: 0, type: OrderType.TrailingStop, trailPercent: 0.02 },
    ];
    const limits = orders.map((o) => (o.type === OrderType.StopLimit || o.type === OrderType.Limit ? o.limitPrice : undefined));
    expect(limits).toEqual([undefined, 98, undefined]);
  });
});
