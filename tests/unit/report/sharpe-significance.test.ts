import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  EULER_MASCHERONI,
  deflatedSharpeRatio,
  expectedMaxSharpe,
  normalCdf,
  probabilisticSharpeRatio,
  sharpeEvidence,
  trialSharpeVariance,
  type SharpeEvidence,
} from '../../../src/core/report';

describe('probabilistic Sharpe ratio', () => {
  it('hand-computed on five returns', () => {
    // r = [0.02, -0.01, 0.03, -0.02, 0.01]: SR = 0.006/√0.00043, skew ≈ -0.2355139, excess kurtosis ≈ -1.9632234
    // (arithmetic in distribution.test.ts). z = SR·√(5-1) / √(1 - skew·SR + (kurt + 2)/4·SR²) ≈ 0.5597260
    const ev = sharpeEvidence([0.02, -0.01, 0.03, -0.02, 0.01]) as SharpeEvidence;
    const sr = 0.006 / Math.sqrt(0.00043);
    const skew = (10 / 3) * (-5.04e-6 / 0.00172 ** 1.5);
    const kurt = (120 * 8.9296e-7) / (6 * 0.00172 ** 2) - 8;
    const z = (sr * 2) / Math.sqrt(1 - skew * sr + ((kurt + 2) / 4) * sr * sr);
    expect(z).toBeCloseTo(0.5597260195992407, 12);
    expect(probabilisticSharpeRatio(ev)).toBeCloseTo(normalCdf(z), 13);
    expect(probabilisticSharpeRatio(ev)).toBeCloseTo(0.7121668341217359, 10); // Python NormalDist().cdf(z)
  });

  it('is 1/2 at SR = SR*, rises with SR and with the number of observations', () => {
    const base: SharpeEvidence = { sharpe: 0.1, count: 250, skew: 0, excessKurtosis: 0 };
    expect(probabilisticSharpeRatio(base, 0.1)).toBe(0.5);
    const more = probabilisticSharpeRatio({ ...base, count: 1000 }) as number;
    const less = probabilisticSharpeRatio(base) as number;
    expect(more).toBeGreaterThan(less);
    expect(probabilisticSharpeRatio({ ...base, sharpe: 0.2 }) as number).toBeGreaterThan(less);
  });

  it('penalizes negative skew and fat tails', () => {
    const base: SharpeEvidence = { sharpe: 0.1, count: 250, skew: 0, excessKurtosis: 0 };
    const normal = probabilisticSharpeRatio(base) as number;
    expect(probabilisticSharpeRatio({ ...base, skew: -2 }) as number).toBeLessThan(normal);
    expect(probabilisticSharpeRatio({ ...base, excessKurtosis: 10 }) as number).toBeLessThan(normal);
  });

  it('is null for undefined inputs or a non-positive variance term', () => {
    expect(probabilisticSharpeRatio(null)).toBeNull();
    expect(sharpeEvidence([0.01, 0.02, 0.03])).toBeNull(); // kurtosis needs four
    expect(sharpeEvidence([0.01, 0.01, 0.01, 0.01])).toBeNull();
    // 1 - 3·1 + (0 + 2)/4·1 = -1.5 < 0
    expect(probabilisticSharpeRatio({ sharpe: 1, count: 100, skew: 3, excessKurtosis: 0 })).toBeNull();
  });
});

describe('deflated Sharpe ratio', () => {
  it("reproduces Bailey & López de Prado's (2014) worked example: DSR ≈ 0.9004", () => {
    // annualized SR 2.5 over T = 1250 daily returns (250 a year), skew -3, kurtosis 10 (excess 7);
    // N = 100 trials with annualized Sharpe variance 1/2 → per day 0.5/250; paper: SR₀ ≈ 0.1132 per day.
    const ev: SharpeEvidence = { sharpe: 2.5 / Math.sqrt(250), count: 1250, skew: -3, excessKurtosis: 7 };
    expect(expectedMaxSharpe(100, 0.5 / 250)).toBeCloseTo(0.1132, 4);
    expect(expectedMaxSharpe(100, 0.5 / 250)).toBeCloseTo(0.11317200186513214, 12); // Python NormalDist.inv_cdf
    const dsr = deflatedSharpeRatio(ev, { count: 100, sharpeVariance: 0.5, units: 'annualized' }, 250) as number;
    expect(dsr).toBeCloseTo(0.9004, 4);
    expect(dsr).toBeCloseTo(0.9003968344493904, 10);
    // per-period units give the same answer
    expect(deflatedSharpeRatio(ev, { count: 100, sharpeVariance: 0.5 / 250, units: 'per_period' }, null)).toBeCloseTo(dsr, 14);
  });

  it('expected maximum: √V·((1-γ)Φ⁻¹(1-1/N) + γΦ⁻¹(1-1/(Ne))), 0 for one trial or no dispersion', () => {
    // N = 10: Φ⁻¹(0.9) = 1.2815515655446008, Φ⁻¹(1 - 1/(10e)) = 1.7892417645816279 (Python NormalDist.inv_cdf)
    const want = 0.1 * ((1 - EULER_MASCHERONI) * 1.2815515655446008 + EULER_MASCHERONI * 1.7892417645816279);
    expect(expectedMaxSharpe(10, 0.01)).toBeCloseTo(want, 13);
    expect(expectedMaxSharpe(1, 0.01)).toBe(0);
    expect(expectedMaxSharpe(50, 0)).toBe(0);
  });

  it('equals PSR for one trial and falls as the number of trials grows', () => {
    const ev: SharpeEvidence = { sharpe: 0.08, count: 1000, skew: -0.5, excessKurtosis: 3 };
    const psr = probabilisticSharpeRatio(ev) as number;
    expect(deflatedSharpeRatio(ev, { count: 1, sharpeVariance: 0.004, units: 'per_period' }, 252)).toBe(psr);
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 10_000 }), (n) => {
        const a = deflatedSharpeRatio(ev, { count: n, sharpeVariance: 0.004, units: 'per_period' }, 252) as number;
        const b = deflatedSharpeRatio(ev, { count: n + 1, sharpeVariance: 0.004, units: 'per_period' }, 252) as number;
        expect(a).toBeLessThan(psr);
        expect(b).toBeLessThanOrEqual(a);
      }),
    );
  });

  it('rejects a malformed sweep and needs the annualization factor for annualized variances', () => {
    const ev: SharpeEvidence = { sharpe: 0.08, count: 1000, skew: 0, excessKurtosis: 0 };
    expect(() => deflatedSharpeRatio(ev, { count: 0, sharpeVariance: 1, units: 'per_period' }, 252)).toThrow(RangeError);
    expect(() => deflatedSharpeRatio(ev, { count: 2.5, sharpeVariance: 1, units: 'per_period' }, 252)).toThrow(RangeError);
    expect(() => deflatedSharpeRatio(ev, { count: 5, sharpeVariance: -1, units: 'per_period' }, 252)).toThrow(RangeError);
    expect(deflatedSharpeRatio(ev, { count: 5, sharpeVariance: 1, units: 'annualized' }, null)).toBeNull();
  });

  it('trial Sharpe variance is the sample variance of the finite ones', () => {
    // [1, 2, 3, 6]: mean 3, squared deviations 4 + 1 + 0 + 9 = 14, /3
    expect(trialSharpeVariance([1, 2, NaN, 3, 6])).toBeCloseTo(14 / 3, 14);
    expect(trialSharpeVariance([1])).toBeNull();
  });
});
