import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  conditionalValueAtRisk,
  excessKurtosis,
  omegaRatio,
  periodSharpe,
  sampleStd,
  skewness,
  tailRatio,
  valueAtRisk,
} from '../../../src/core/report';

// r = [0.02, -0.01, 0.03, -0.02, 0.01], n = 5, sorted [-0.02, -0.01, 0.01, 0.02, 0.03], mean = 0.03 / 5 = 0.006
// deviations d = [0.014, -0.016, 0.024, -0.026, 0.004]
// M2 = Σd² = 0.000196 + 0.000256 + 0.000576 + 0.000676 + 0.000016 = 0.00172
// M3 = Σd³ = (2.744 - 4.096 + 13.824 - 17.576 + 0.064)e-6 = -5.04e-6
// M4 = Σd⁴ = (0.38416 + 0.65536 + 3.31776 + 4.56976 + 0.00256)e-7 = 8.9296e-7
const R = [0.02, -0.01, 0.03, -0.02, 0.01];

describe('omega ratio', () => {
  it('divides gains above the threshold by losses below it', () => {
    // gains 0.02 + 0.03 + 0.01 = 0.06, losses 0.01 + 0.02 = 0.03 → 2
    expect(omegaRatio(R)).toBeCloseTo(2, 14);
  });

  it('converts an annual required return to the period: τ = (1 + R)^(1/A) - 1', () => {
    const tau = 1.1 ** (1 / 252) - 1; // ≈ 0.000378
    // above τ: (0.02 - τ) + (0.03 - τ) + (0.01 - τ); below: (τ + 0.01) + (τ + 0.02)
    const want = (0.06 - 3 * tau) / (0.03 + 2 * tau);
    expect(omegaRatio(R, 0.1, 252)).toBeCloseTo(want, 14);
    expect(omegaRatio(R, 0.1, null)).toBeNull();
    expect(() => omegaRatio(R, -1)).toThrow(RangeError);
  });

  it('is null (not +∞) when nothing falls below the threshold, and for fewer than two returns', () => {
    expect(omegaRatio([0.01, 0.02, 0])).toBeNull();
    expect(omegaRatio([-0.01])).toBeNull();
    expect(omegaRatio([-0.01, -0.02])).toBe(0);
  });
});

describe('VaR, CVaR and tail ratio (historical)', () => {
  it('hand-computed on five returns', () => {
    // 5 % quantile: h = 4·0.05 = 0.2 → -0.02 + (−0.01 − (−0.02))·0.2 = -0.018
    expect(valueAtRisk(R)).toBeCloseTo(-0.018, 15);
    // CVaR: k = floor(4·0.05) + 1 = 1 smallest → -0.02
    expect(conditionalValueAtRisk(R)).toBeCloseTo(-0.02, 15);
    // 95 %: h = 3.8 → 0.03 - (0.03 - 0.02)·0.2 = 0.028; tail ratio = 0.028 / 0.018
    expect(tailRatio(R)).toBeCloseTo(0.028 / 0.018, 13);
  });

  it('on 21 evenly spaced returns −10 %…+10 %', () => {
    const r = Array.from({ length: 21 }, (_, k) => (k - 10) / 100);
    // h = 20·0.05 = 1 → x[1] = -0.09; CVaR: k = 2 → (-0.10 - 0.09)/2 = -0.095; symmetric tails → ratio 1
    expect(valueAtRisk(r)).toBeCloseTo(-0.09, 15);
    expect(conditionalValueAtRisk(r)).toBeCloseTo(-0.095, 15);
    expect(tailRatio(r)).toBeCloseTo(1, 14);
    // 1 % tail: h = 0.2 → -0.10 + 0.01·0.2 = -0.098; CVaR of the single worst = -0.10
    expect(valueAtRisk(r, 0.01)).toBeCloseTo(-0.098, 15);
    expect(conditionalValueAtRisk(r, 0.01)).toBeCloseTo(-0.1, 15);
  });

  it('is null with fewer than two returns; tail ratio null when the 5th percentile is 0', () => {
    expect(valueAtRisk([0.01])).toBeNull();
    expect(conditionalValueAtRisk([])).toBeNull();
    expect(tailRatio([0, 0, 0.05])).toBeNull();
    expect(() => valueAtRisk(R, 0.95)).toThrow(RangeError);
  });

  it('CVaR ≤ VaR (as losses: CVaR ≥ VaR) and VaR lies in the return range, for any sample', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -0.5, max: 0.5, noNaN: true }), { minLength: 2, maxLength: 300 }), (r) => {
        const v = valueAtRisk(r);
        const c = conditionalValueAtRisk(r);
        expect(v).not.toBeNull();
        expect(c).not.toBeNull();
        expect(c as number).toBeLessThanOrEqual((v as number) + 1e-15);
        expect(v as number).toBeGreaterThanOrEqual(Math.min(...r));
        expect(c as number).toBeGreaterThanOrEqual(Math.min(...r) - 1e-15);
      }),
    );
  });
});

describe('moments (pandas estimators)', () => {
  it('hand-computed on five returns', () => {
    // skew G1 = n·√(n-1)/(n-2) · M3 / M2^1.5 = (5·2/3)·(-5.04e-6 / 0.00172^1.5) ≈ -0.2355139
    expect(skewness(R)).toBeCloseTo((10 / 3) * (-5.04e-6 / 0.00172 ** 1.5), 12);
    expect(skewness(R)).toBeCloseTo(-0.23551393640880622, 12); // numpy, same formula
    // kurtosis G2 = n(n+1)(n-1)·M4 / ((n-2)(n-3)·M2²) - 3(n-1)²/((n-2)(n-3)) = 120·8.9296e-7/(6·0.00172²) - 48/6
    expect(excessKurtosis(R)).toBeCloseTo((120 * 8.9296e-7) / (6 * 0.00172 ** 2) - 8, 11);
    // std (ddof 1) = √(0.00172 / 4) = √0.00043; daily Sharpe = 0.006 / √0.00043 ≈ 0.2893457
    expect(sampleStd(R)).toBeCloseTo(Math.sqrt(0.00043), 15);
    expect(periodSharpe(R)).toBeCloseTo(0.006 / Math.sqrt(0.00043), 13);
  });

  it('a symmetric sample has zero skew; a two-point sample has strongly negative excess kurtosis', () => {
    expect(skewness([-2, -1, 0, 1, 2])).toBeCloseTo(0, 15);
    // two-point sample ±1 (n = 4): M2 = 4, M4 = 4 → 4·5·3·4/(2·1·16) - 3·9/2 = 7.5 - 13.5 = -6
    expect(excessKurtosis([-1, 1, -1, 1])).toBeCloseTo(-6, 13);
  });

  it('is null for too few points or a constant series (pandas would say 0)', () => {
    expect(skewness([0.01, 0.02])).toBeNull();
    expect(excessKurtosis([0.01, 0.02, 0.03])).toBeNull();
    expect(skewness([0.01, 0.01, 0.01, 0.01])).toBeNull();
    expect(excessKurtosis([0.1 / 3, 0.1 / 3, 0.1 / 3, 0.1 / 3, 0.1 / 3])).toBeNull();
    expect(periodSharpe([0.001, 0.001, 0.001])).toBeNull();
    expect(sampleStd([0.001, 0.001, 0.001])).toBe(0);
    expect(sampleStd([0.001])).toBeNull();
  });
});
