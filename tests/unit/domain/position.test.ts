import { describe, expect, it } from 'vitest';
import { applyFill, flatPosition, unrealizedPnl } from '../../../src/core/domain/position';

describe('Position', () => {
  it('averages the entry price while adding', () => {
    let p = applyFill(flatPosition('GOOG'), 10, 100);
    p = applyFill(p, 30, 120);
    expect(p).toEqual({ instrument: 'GOOG', quantity: 40, averagePrice: 115, realizedPnl: 0 });
    expect(unrealizedPnl(p, 110)).toBe(-200);
  });

  it('realizes profit at the average when reducing and closing', () => {
    let p = applyFill(flatPosition('GOOG'), 10, 100);
    p = applyFill(p, -4, 110);
    expect(p).toEqual({ instrument: 'GOOG', quantity: 6, averagePrice: 100, realizedPnl: 40 });
    p = applyFill(p, -6, 90);
    expect(p).toEqual({ instrument: 'GOOG', quantity: 0, averagePrice: 0, realizedPnl: -20 });
    expect(unrealizedPnl(p, 1000)).toBe(0);
  });

  it('reverses through zero: closes, then opens at the fill price', () => {
    let p = applyFill(flatPosition('EURUSD'), -5, 1.2);
    p = applyFill(p, 8, 1.1);
    expect(p.quantity).toBe(3);
    expect(p.averagePrice).toBe(1.1);
    expect(p.realizedPnl).toBeCloseTo(0.5, 12); // short 5 from 1.2 to 1.1
    expect(unrealizedPnl(p, 1.2)).toBeCloseTo(0.3, 12);
  });

  it('ignores an empty fill', () => {
    const p = flatPosition('X');
    expect(applyFill(p, 0, 5)).toBe(p);
  });
});
