/**
 * Rolling mean and standard deviation over the last `window` values, NaN until the window holds `window` non-NaN
 * values (pandas' `rolling(window)` with its default `min_periods = window`). Each window is summed afresh in two
 * passes (mean, then squared deviations): O(n·window), but no drift from a running sum, so results agree with
 * pandas/numpy to ~1e-15 relative whatever the series' level.
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
  for (let t = 0; t < n; t++) {
    if (x[t] !== x[t]) nans++;
    if (t >= window && x[t - window] !== x[t - window]) nans--;
    if (t + 1 < window || nans > 0) continue;
    let sum = 0;
    for (let i = t + 1 - window; i <= t; i++) sum += x[i];
    const m = sum / window;
    let ss = 0;
    for (let i = t + 1 - window; i <= t; i++) ss += (x[i] - m) * (x[i] - m);
    mean[t] = m;
    std[t] = window - ddof > 0 ? Math.sqrt(ss / (window - ddof)) : NaN;
  }
  return { mean, std };
}
