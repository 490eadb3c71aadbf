import { sum } from './summation';

/** Drawdown at each bar as a fraction below the running peak of equity (0 at a new high). */
export function drawdownSeries(equity: Float64Array): Float64Array {
  const n = equity.length;
  const dd = new Float64Array(n);
  let peak = -Infinity;
  for (let k = 0; k < n; k++) {
    const e = equity[k];
    // np.maximum.accumulate: NaN, once seen, stays the peak
    peak = peak !== peak || e !== e ? NaN : e > peak ? e : peak;
    dd[k] = 1 - e / peak;
  }
  return dd;
}

export interface DrawdownEpisodes {
  /** Duration of each drawdown episode in milliseconds (peak bar to recovery bar, or to the last bar). */
  durations: number[];
  /** Deepest drawdown (fraction) of each episode. */
  peaks: number[];
  /**
   * backtesting.py's fallback when no episode spans more than one bar: it reports the non-zero drawdown
   * values themselves in place of durations (and peaks). True when `durations` holds such raw values.
   */
  rawFallback: boolean;
}

/**
 * Drawdown episodes as backtesting.py's `compute_drawdown_duration_peaks` finds them: between consecutive
 * bars at a new high (drawdown exactly 0, with the last bar always counted as an end) that are more than one
 * bar apart.
 */
export function drawdownEpisodes(dd: Float64Array, time: Float64Array): DrawdownEpisodes {
  const n = dd.length;
  const durations: number[] = [];
  const peaks: number[] = [];
  let prev = -1;
  for (let k = 0; k < n; k++) {
    if (!(dd[k] === 0 || k === n - 1)) continue;
    if (prev >= 0 && k > prev + 1) {
      durations.push(time[k] - time[prev]);
      let deepest = NaN;
      for (let j = prev; j <= k; j++) {
        const v = dd[j];
        if (v === v && !(v <= deepest)) deepest = v;
      }
      peaks.push(deepest);
    }
    prev = k;
  }
  if (durations.length > 0) return { durations, peaks, rawFallback: false };
  const raw: number[] = [];
  for (let k = 0; k < n; k++) if (dd[k] !== 0 && dd[k] === dd[k]) raw.push(dd[k]);
  return { durations: raw, peaks: raw.slice(), rawFallback: true };
}

export function meanOf(values: number[]): number {
  return values.length === 0 ? NaN : sum(values) / values.length;
}
