import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { erfc, normalCdf, normalQuantile } from '../../../src/core/report';

/** Φ by composite Simpson integration of the density from 0 (an independent path to the same function). */
function simpsonCdf(x: number, intervals = 4000): number {
  const pdf = (t: number): number => Math.exp(-0.5 * t * t) / Math.sqrt(2 * Math.PI);
  const h = x / intervals;
  let s = pdf(0) + pdf(x);
  for (let i = 1; i < intervals; i++) s += (i % 2 === 1 ? 4 : 2) * pdf(i * h);
  return 0.5 + (s * h) / 3;
}

describe('normal distribution', () => {
  it('agrees with Simpson integration of the density over [-8, 8]', () => {
    for (let x = -8; x <= 8; x += 0.125) {
      expect(Math.abs(normalCdf(x) - simpsonCdf(x))).toBeLessThan(1e-13);
    }
  });

  it('matches table values, deep tails included (C libm erfc, via Python 3 math.erfc)', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 15);
    expect(normalCdf(3)).toBeCloseTo(0.9986501019683699, 15);
    expect(Math.abs(normalCdf(-6) / 9.865876450377012e-10 - 1)).toBeLessThan(1e-12);
    expect(Math.abs(normalCdf(-10) / 7.619853024160593e-24 - 1)).toBeLessThan(1e-12);
    expect(erfc(0)).toBe(1);
    expect(erfc(40)).toBe(0);
    expect(erfc(-40)).toBe(2);
  });

  it('is continuous where erfc switches from the series to the continued fraction (|z| = 2)', () => {
    const below = erfc(2 - 1e-12);
    const at = erfc(2);
    expect(Math.abs(below - at) / at).toBeLessThan(1e-10);
    expect(Math.abs(normalCdf(-2 * Math.SQRT2) - simpsonCdf(-2 * Math.SQRT2))).toBeLessThan(1e-13);
  });

  it('inverts to known quantiles (Python 3 statistics.NormalDist.inv_cdf)', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.9599639845400536, 13);
    expect(normalQuantile(0.99)).toBeCloseTo(2.3263478740408408, 13);
    expect(normalQuantile(0.9)).toBeCloseTo(1.2815515655446008, 13);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.9599639845400536, 13);
    expect(normalQuantile(0.5)).toBe(0);
    expect(() => normalQuantile(0)).toThrow(RangeError);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });

  it('round-trips Φ(Φ⁻¹(p)) = p across the range, tails included', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }), (p) => {
        // compare in the tail p lies in, where 1 - p is exact (Sterbenz) and relative error is meaningful
        const x = normalQuantile(p);
        const tail = Math.min(p, 1 - p);
        const back = p < 0.5 ? normalCdf(x) : normalCdf(-x);
        expect(Math.abs(back - tail) / tail).toBeLessThan(1e-9);
      }),
    );
  });
});
