/**
 * Rolling Pearson correlation and beta of y on x over the last `window` pairs (pandas' `y.rolling(n).corr(x)` and
 * `y.rolling(n).cov(x) / x.rolling(n).var()`), NaN while the window holds a NaN or is not full. Two-pass per window.
 */
import { centredCoMoments } from './co-moments';
import { assertSameLength, assertWindow } from './window';

function rollingPairs(y: Float64Array, x: Float64Array, window: number, finish: (sxx: number, syy: number, sxy: number) => number): Float64Array {
  assertWindow('window', window, 2);
  assertSameLength(y, x, 'rolling correlation');
  const n = y.length;
  const out = new Float64Array(n).fill(NaN);
  let nans = 0;
  const bad = (i: number) => y[i] !== y[i] || x[i] !== x[i];
  for (let t = 0; t < n; t++) {
    if (bad(t)) nans++;
    if (t >= window && bad(t - window)) nans--;
    if (t + 1 < window || nans > 0) continue;
    const { sxx, syy, sxy } = centredCoMoments(y, x, t + 1 - window, t + 1);
    out[t] = finish(sxx, syy, sxy);
  }
  return out;
}

export function rollingCorrelation(y: Float64Array, x: Float64Array, window: number): Float64Array {
  return rollingPairs(y, x, window, (sxx, syy, sxy) => sxy / Math.sqrt(sxx * syy));
}

/** Slope of the OLS regression of y on x (with intercept) in each window: cov(y, x) / var(x). */
export function rollingBeta(y: Float64Array, x: Float64Array, window: number): Float64Array {
  return rollingPairs(y, x, window, (sxx, _syy, sxy) => sxy / sxx);
}
