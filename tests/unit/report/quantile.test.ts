import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { quantile } from '../../../src/core/report';

/** Hyndman & Fan type 7 written as the textbook weighted average (1 - g)·x[j] + g·x[j+1]. */
function naiveType7(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * q;
  const j = Math.floor(h);
  const g = h - j;
  return j + 1 < s.length ? (1 - g) * s[j] + g * s[j + 1] : s[j];
}

describe('quantile (numpy linear)', () => {
  it('interpolates between order statistics', () => {
    // sorted [1, 1, 3, 4, 5], n = 5, virtual index h = 4q
    const x = [3, 1, 4, 1, 5];
    expect(quantile(x, 0)).toBe(1);
    expect(quantile(x, 0.05)).toBe(1); // h = 0.2: 1 + (1 - 1)·0.2
    expect(quantile(x, 0.3)).toBeCloseTo(1.4, 15); // h = 1.2: 1 + (3 - 1)·0.2
    expect(quantile(x, 0.5)).toBe(3); // h = 2
    expect(quantile(x, 0.95)).toBeCloseTo(4.8, 15); // h = 3.8: 5 - (5 - 4)·0.2
    expect(quantile(x, 1)).toBe(5);
    expect(quantile([7], 0.3)).toBe(7);
    expect(Number.isNaN(quantile([], 0.5))).toBe(true);
    expect(() => quantile(x, 1.5)).toThrow(RangeError);
  });

  it('equals the textbook weighted average and stays within its neighbours', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 1, maxLength: 60 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, q) => {
          const got = quantile(values, q);
          const want = naiveType7(values, q);
          expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-15);
          expect(got).toBeGreaterThanOrEqual(Math.min(...values));
          expect(got).toBeLessThanOrEqual(Math.max(...values));
        },
      ),
    );
  });
});
