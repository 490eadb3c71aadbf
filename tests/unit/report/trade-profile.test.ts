import { describe, expect, it } from 'vitest';
import { tradeProfile } from '../../../src/core/report';

describe('trade profile', () => {
  it('counts streaks (a flat trade breaks both) and the payoff ratio', () => {
    // wins 0.1, 0.2, 0.05 in a row → 3; -0.1 then a flat 0 then -0.05, -0.02 → longest losing run 2
    // mean win (0.1 + 0.2 + 0.05 + 0.3)/4 = 0.1625; mean loss (-0.1 - 0.05 - 0.02)/3 = -0.17/3 → 0.1625·3/0.17
    const p = tradeProfile(Float64Array.from([0.1, 0.2, 0.05, -0.1, 0, -0.05, -0.02, 0.3]));
    expect(p.max_consecutive_wins).toBe(3);
    expect(p.max_consecutive_losses).toBe(2);
    expect(p.payoff_ratio).toBeCloseTo((0.1625 * 3) / 0.17, 13);
  });

  it('has no payoff ratio without a win or without a loss', () => {
    expect(tradeProfile(Float64Array.from([0.1, 0.2]))).toEqual({ max_consecutive_wins: 2, max_consecutive_losses: 0, payoff_ratio: null });
    expect(tradeProfile(new Float64Array(0))).toEqual({ max_consecutive_wins: 0, max_consecutive_losses: 0, payoff_ratio: null });
    expect(() => tradeProfile(Float64Array.from([0.1, NaN]))).toThrow(/\[1\]/);
  });
});
