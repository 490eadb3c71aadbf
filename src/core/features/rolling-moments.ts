/**
 * Rolling mean and standard deviation over the last `window` values, NaN until the window holds `window` non-NaN
 * values (pandas' `rolling(window)` with its default `min_periods = window`).
 * O(n) whatever the window: sums of the values shifted by an anchor K (a value inside the window, so the sums stay
 * small and the variance does not cancel) are updated as values enter and leave, and recomputed from scratch with
 * a fresh anchor every `window` bars, so rounding never accumulates over more than two windows. Results agree with
 * pandas to ~1e-13 relative (tests/unit/features/series.test.ts).
 */
import { assertWindow } from './window';

export interface RollingMoments {
  mean: Float64Array;
  std: Float64Array;
}

export function rollingMoments(x: Float64Array, window: number, ddof = 1): RollingMoments {
  assertWindow('window', window);
  const n = x.length;
  const mean = new Float64Array(n).fill(NaN);
  const std = new Float64Array(n).fill(NaN);
  let nans = 0;
  let anchor = 0;
  let s1 = 0;
  let s2 = 0;
  // Bars since the sums were last computed from scratch; -1: they are not valid.
  let age = -1;
  for (let t = 0; t < n; t++) {
    if (x[t] !== x[t]) nans++;
    if (t >= window && x[t - window] !== x[t - window]) nans--;
    if (t + 1 < window || nans > 0) {
      age = -1;
      continue;
    }
    if (age < 0 || age >= window) {
      anchor = x[t + 1 - window];
      s1 = 0;
      s2 = 0;
      for (let i = t + 1 - window; i <= t; i++) {
        const d = x[i] - anchor;
        s1 += d;
        s2 += d * d;
      }
      age = 0;
    } else {
      const dIn = x[t] - anchor;
      const dOut = x[t - window] - anchor;
      s1 += dIn - dOut;
      s2 += dIn * dIn - dOut * dOut;
      age++;
    }
    mean[t] = anchor + s1 / window;
    const ss = s2 - (s1 * s1) / window;
    std[t] = window - ddof > 0 ? Math.sqrt(ss > 0 ? ss / (window - ddof) : 0) : NaN;
  }
  return { mean, std };
}
