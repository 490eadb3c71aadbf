import { describe, expect, it } from 'vitest';
import { Side, formatSide, isSide, oppositeSide, sideOf } from '../../../src/core/domain/side';

describe('Side', () => {
  it('is ±1 so it multiplies quantities', () => {
    expect(Side.Buy).toBe(1);
    expect(Side.Sell).toBe(-1);
    expect(Side.Sell * 3).toBe(-3);
  });

  it('flips, names and recognises sides', () => {
    expect(oppositeSide(Side.Buy)).toBe(Side.Sell);
    expect(oppositeSide(Side.Sell)).toBe(Side.Buy);
    expect(formatSide(Side.Buy)).toBe('buy');
    expect(formatSide(Side.Sell)).toBe('sell');
    expect([1, -1, 0, 2, '1', null].map(isSide)).toEqual([true, true, false, false, false, false]);
  });

  it('gives the side of a signed quantity, none for zero', () => {
    expect(sideOf(2.5)).toBe(Side.Buy);
    expect(sideOf(-0.1)).toBe(Side.Sell);
    expect(sideOf(0)).toBeUndefined();
    expect(sideOf(-0)).toBeUndefined();
  });
});
