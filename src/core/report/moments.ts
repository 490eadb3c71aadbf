import { sum } from './summation';

/**
 * Sample moments with pandas' estimators (what quantstats' `skew`, `kurtosis` and `sharpe` call):
 * with d_i = x_i - mean, M2 = Σd², M3 = Σd³, M4 = Σd⁴ over n values,
 *
 * - skew (adjusted Fisher–Pearson G1): n·√(n-1)/(n-2) · M3 / M2^1.5, needs n ≥ 3;
 * - excess kurtosis (G2): n(n+1)(n-1)·M4 / ((n-2)(n-3)·M2²) - 3(n-1)²/((n-2)(n-3)), needs n ≥ 4;
 * - standard deviation with ddof = 1: √(M2/(n-1)), needs n ≥ 2.
 *
 * A series is constant when M2 ≤ n·(ε·max|x|)² (current pandas' tolerance for rounding noise in M2). pandas then
 * reports skew and kurtosis 0; the report says `null`, since the shape of a point mass is undefined.
 */
export interface CentralMoments {
  n: number;
  mean: number;
  m2: number;
  m3: number;
  m4: number;
  /** M2 is indistinguishable from rounding noise. */
  constant: boolean;
}

export function centralMoments(values: ArrayLike<number>): CentralMoments {
  const n = values.length;
  const avg = n === 0 ? NaN : sum(values) / n;
  const d2 = new Float64Array(n);
  const d3 = new Float64Array(n);
  const d4 = new Float64Array(n);
  let maxAbs = 0;
  for (let k = 0; k < n; k++) {
    const d = values[k] - avg;
    const sq = d * d;
    d2[k] = sq;
    d3[k] = sq * d;
    d4[k] = sq * sq;
    maxAbs = Math.max(maxAbs, Math.abs(values[k]));
  }
  const m2 = sum(d2);
  const noise = Number.EPSILON * maxAbs;
  return { n, mean: avg, m2, m3: sum(d3), m4: sum(d4), constant: m2 <= n * noise * noise };
}

/** Bias-corrected sample skewness (pandas `Series.skew`); `null` for n < 3 or a constant series. */
export function skewness(values: ArrayLike<number>): number | null {
  const m = centralMoments(values);
  if (m.n < 3 || m.constant) return null;
  const n = m.n;
  // M2^1.5 as M2·√M2: two correctly rounded operations give the same bits on every JavaScript engine, where `**`
  // does not (V8's pow changed between Node 20 and current Chromium, and the report is part of the resultHash).
  return ((n * Math.sqrt(n - 1)) / (n - 2)) * (m.m3 / (m.m2 * Math.sqrt(m.m2)));
}

/** Bias-corrected sample excess kurtosis (pandas `Series.kurt`, normal = 0); `null` for n < 4 or a constant series. */
export function excessKurtosis(values: ArrayLike<number>): number | null {
  const m = centralMoments(values);
  if (m.n < 4 || m.constant) return null;
  const n = m.n;
  const numerator = n * (n + 1) * (n - 1) * m.m4;
  const denominator = (n - 2) * (n - 3) * m.m2 * m.m2;
  return numerator / denominator - (3 * ((n - 1) * (n - 1))) / ((n - 2) * (n - 3));
}

/** Sample standard deviation (ddof = 1); `null` for n < 2. A constant series gives 0. */
export function sampleStd(values: ArrayLike<number>): number | null {
  const m = centralMoments(values);
  if (m.n < 2) return null;
  return m.constant ? 0 : Math.sqrt(m.m2 / (m.n - 1));
}

/**
 * Sharpe ratio per period, not annualized, risk-free 0: mean / sample std (quantstats `sharpe(annualize=False)`).
 * `null` for n < 2 or a constant series.
 */
export function periodSharpe(values: ArrayLike<number>): number | null {
  const m = centralMoments(values);
  if (m.n < 2 || m.constant) return null;
  return m.mean / Math.sqrt(m.m2 / (m.n - 1));
}
