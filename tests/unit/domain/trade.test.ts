import { describe, expect, it } from 'vitest';
import { Side } from '../../../src/core/domain/side';
import { tradePnl, tradeReturn } from '../../../src/core/domain/trade';

describe('Trade sign convention', () => {
  it('long profits when price rises, short when it falls, fees always cost', () => {
    expect(tradePnl({ side: Side.Buy, quantity: 10, entryPrice: 100, exitPrice: 110, commission: 2 })).toBe(98);
    expect(tradePnl({ side: Side.Sell, quantity: 10, entryPrice: 100, exitPrice: 110, commission: 2 })).toBe(-102);
    expect(tradeReturn({ side: Side.Buy, entryPrice: 100, exitPrice: 110 })).toBeCloseTo(0.1, 15);
    expect(tradeReturn({ side: Side.Sell, entryPrice: 100, exitPrice: 90 })).toBeCloseTo(0.1, 15);
  });
});
