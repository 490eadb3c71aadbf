// Drawdowns, the twin of src/core/stats/drawdown.ts.
import { ld, st } from "./memory";

/** Drawdown at each bar as a fraction below the running peak (0 at a new high); NaN, once seen, stays the peak. */
export function drawdownSeries(equity: usize, n: i32, dd: usize): void {
  let peak: f64 = -Infinity;
  for (let k = 0; k < n; k++) {
    const e = ld(equity, k);
    peak = peak != peak || e != e ? NaN : e > peak ? e : peak;
    st(dd, k, 1 - e / peak);
  }
}

/**
 * Drawdown episodes between consecutive bars at a new high (drawdown exactly 0; the last bar always ends one)
 * that are more than one bar apart. Writes each episode's duration (ms) and deepest drawdown; returns the count.
 */
export function drawdownEpisodes(dd: usize, time: usize, n: i32, durations: usize, peaks: usize): i32 {
  let count = 0;
  let prev = -1;
  for (let k = 0; k < n; k++) {
    if (!(ld(dd, k) == 0 || k == n - 1)) continue;
    if (prev >= 0 && k > prev + 1) {
      st(durations, count, ld(time, k) - ld(time, prev));
      let deepest: f64 = NaN;
      for (let j = prev; j <= k; j++) {
        const v = ld(dd, j);
        if (v == v && !(v <= deepest)) deepest = v;
      }
      st(peaks, count, deepest);
      count++;
    }
    prev = k;
  }
  return count;
}

/**
 * backtesting.py's fallback when no episode spans more than one bar: the non-zero drawdown values themselves
 * stand in for durations and peaks. Writes them to `out`; returns the count.
 */
export function rawDrawdowns(dd: usize, n: i32, out: usize): i32 {
  let count = 0;
  for (let k = 0; k < n; k++) {
    const v = ld(dd, k);
    if (v != 0 && v == v) st(out, count++, v);
  }
  return count;
}
