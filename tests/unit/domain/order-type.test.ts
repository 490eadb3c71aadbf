import { describe, expect, it } from 'vitest';
import { OrderType, formatOrderType, isOrderType, parseOrderType } from '../../../src/core/domain/order-type';

describe('OrderType', () => {
  it('has small integer codes 0..4', () => {
    expect([OrderType.Market, OrderType.Limit, OrderType.Stop, OrderType.StopLimit, OrderType.TrailingStop]).toEqual([0, 1, 2, 3, 4]);
  });

  it('formats and parses every type', () => {
    const names = Object.values(OrderType).map(formatOrderType);
    expect(names).toEqual(['market', 'limit', 'stop', 'stop-limit', 'trailing-stop']);
    for (const type of Object.values(OrderType)) expect(parseOrderType(formatOrderType(type))).toBe(type);
    expect(parseOrderType(' Stop-Limit ')).toBe(OrderType.StopLimit);
  });

  it('rejects unknown names and codes', () => {
    expect(() => parseOrderType('stoplimit')).toThrow(
      'unknown order type "stoplimit"; expected one of market, limit, stop, stop-limit, trailing-stop',
    );
    expect([0, 4, 5, -1, 1.5, '1'].map(isOrderType)).toEqual([true, true, false, false, false, false]);
  });
});
