import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dailySeries, drawdownSeries, longestDrawdownDays, maxDrawdown, recoveryFactor, ulcerIndex } from '../../../src/core/report';
import { MS_PER_DAY } from '../../../src/core/domain/time';

const START = Date.UTC(2024, 0, 1);

function curve(equity: number[], days: number[]) {
  return dailySeries(Float64Array.from(equity), Float64Array.from(days.map((d) => START + d * MS_PER_DAY)));
}

// E = [100, 120, 90, 108, 120, 150, 135]; running peak [100, 120, 120, 120, 120, 150, 150]
// dd = [0, 0, -0.25, -0.1, 0, 0, -0.1]
const E = [100, 120, 90, 108, 120, 150, 135];

describe('drawdown measures', () => {
  it('drawdown series against the running peak', () => {
    const dd = drawdownSeries(Float64Array.from(E));
    expect(Array.from(dd).map((x) => Math.round(x * 1e12) / 1e12)).toEqual([0, 0, -0.25, -0.1, 0, 0, -0.1]);
  });

  it('longest drawdown counts calendar days from the first to the last underwater day', () => {
    // consecutive days: underwater runs are days 2–3 (2 days) and day 6 (open at the end, 1 day)
    expect(longestDrawdownDays(curve(E, [0, 1, 2, 3, 4, 5, 6]))).toBe(2);
    // a weekend inside the first run: days 2 and 5 → 5 - 2 + 1 = 4 calendar days
    expect(longestDrawdownDays(curve(E, [0, 1, 2, 5, 6, 7, 8]))).toBe(4);
  });

  it('max drawdown, recovery factor and ulcer index', () => {
    const s = curve(E, [0, 1, 2, 3, 4, 5, 6]);
    expect(maxDrawdown(s)).toBeCloseTo(-0.25, 15);
    // total return 135/100 - 1 = 0.35 over |−0.25| → 1.4
    expect(recoveryFactor(s)).toBeCloseTo(1.4, 14);
    // N = 6 returns; Σ dd² over marks 1..6 = 0.0625 + 0.01 + 0.01 = 0.0825; √(0.0825 / 5)
    expect(ulcerIndex(s)).toBeCloseTo(Math.sqrt(0.0165), 15);
  });

  it('a losing curve has a negative recovery factor', () => {
    // 100 → 80 → 90: total -10 %, max drawdown -20 % → -0.5
    expect(recoveryFactor(curve([100, 80, 90], [0, 1, 2]))).toBeCloseTo(-0.5, 14);
  });

  it('a curve that never falls has no drawdown: 0 days, ulcer 0, recovery factor null', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 0.1, noNaN: true }), { minLength: 2, maxLength: 80 }), (steps) => {
        const equity = [100];
        for (const g of steps) equity.push(equity[equity.length - 1] * (1 + g));
        const s = curve(
          equity,
          equity.map((_, k) => k),
        );
        expect(longestDrawdownDays(s)).toBe(0);
        expect(ulcerIndex(s)).toBe(0);
        expect(maxDrawdown(s)).toBe(0);
        expect(recoveryFactor(s)).toBeNull();
      }),
    );
  });

  it('is null on too short a curve', () => {
    expect(longestDrawdownDays(curve([100], [0]))).toBeNull();
    expect(ulcerIndex(curve([100, 90], [0, 1]))).toBeNull();
    expect(recoveryFactor(curve([100], [0]))).toBeNull();
  });
});
