/**
 * Parametric VaR with population moments (divide by T), as R PerformanceAnalytics, losses positive; z = Φ⁻¹(1 − p):
 * - Gaussian: VaR = −(μ + z·σ); ES = −μ + σ·φ(z)/(1 − p);
 * - Cornish–Fisher (modified VaR): VaR = −(μ + z_cf·σ), z_cf = z + (z² − 1)S/6 + (z³ − 3z)K/24 − (2z³ − 5z)S²/36
 *   with skewness S = m3/m2^1.5 and excess kurtosis K = m4/m2² − 3.
 */
import { normalPdf, normalQuantile } from '../report/normal';
import { checkLevel, type TailRisk } from './historical-var';

export interface Moments {
  mean: number;
  /** Population standard deviation √m2. */
  sd: number;
  skewness: number;
  excessKurtosis: number;
}

export function populationMoments(r: Float64Array): Moments {
  const t = r.length;
  if (t < 2) throw new RangeError(`moments need at least 2 returns, got ${t}`);
  let s = 0;
  for (const v of r) s += v;
  const mean = s / t;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (const v of r) {
    const d = v - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  m2 /= t;
  m3 /= t;
  m4 /= t;
  return { mean, sd: Math.sqrt(m2), skewness: m3 / Math.pow(m2, 1.5), excessKurtosis: m4 / (m2 * m2) - 3 };
}

export function gaussianVar(r: Float64Array, p: number): TailRisk {
  checkLevel(p);
  const m = populationMoments(r);
  const z = normalQuantile(1 - p);
  return { var: -(m.mean + z * m.sd), es: -m.mean + (m.sd * normalPdf(z)) / (1 - p) };
}

/** Cornish–Fisher VaR; the expected shortfall is not defined by this expansion here (null). */
export function cornishFisherVar(r: Float64Array, p: number): { var: number; es: null } {
  checkLevel(p);
  const m = populationMoments(r);
  const z = normalQuantile(1 - p);
  const s = m.skewness;
  const k = m.excessKurtosis;
  const zcf = z + ((z * z - 1) * s) / 6 + ((z * z * z - 3 * z) * k) / 24 - ((2 * z * z * z - 5 * z) * s * s) / 36;
  return { var: -(m.mean + zcf * m.sd), es: null };
}
