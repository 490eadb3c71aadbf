// Period returns and the geometric mean, the twin of src/core/stats/returns.ts.
import { ld, st } from "./memory";
import { sum } from "./summation";

// @ts-ignore: decorator
@inline function ldi(ptr: usize, k: i32): i32 {
  return load<i32>(ptr + (<usize>k << 2));
}

// @ts-ignore: decorator
@inline function sti(ptr: usize, k: i32, v: i32): void {
  store<i32>(ptr + (<usize>k << 2), v);
}

/**
 * Simple returns between consecutive calendar bins: equity resampled to the last non-NaN value of each bin
 * (empty bins dropped), then x[k] / x[k-1] - 1 with NaN results dropped. `binStart` (n u8) marks the bars that
 * open a bin (StatsDataset). Writes up to n - 1 returns to `out` (n f64 of room: it also holds the resampled
 * values on the way); returns the count.
 *
 * `prevBar` (n i32 of room) receives, for each return, the bar b - 1 when the return is exactly
 * equity[b] / equity[b - 1] - 1 of two neighbouring bars and adding 1 back gives that ratio again, else -1:
 * log(1 + r) is then log(equity[b] / equity[b - 1]), which beta takes anyway, so geometricMean can reuse it.
 */
export function periodReturns(equity: usize, binStart: usize, n: i32, out: usize, prevBar: usize): i32 {
  let bins = 0;
  for (let k = 0; k < n; k++) {
    const e = ld(equity, k);
    if (load<u8>(binStart + <usize>k) != 0) {
      st(out, bins, e);
      sti(prevBar, bins, k);
      bins++;
    } else {
      const last = ld(out, bins - 1);
      if (e == e || last != last) {
        st(out, bins - 1, e);
        sti(prevBar, bins - 1, k);
      }
    }
  }
  let values = 0;
  for (let k = 0; k < bins; k++) {
    const v = ld(out, k);
    if (v == v) {
      st(out, values, v);
      sti(prevBar, values, ldi(prevBar, k));
      values++;
    }
  }
  let count = 0;
  for (let k = 1; k < values; k++) {
    // out[count] and prevBar[count], count <= k - 1, are written after index k - 1 and k are read
    const from = ldi(prevBar, k - 1);
    const to = ldi(prevBar, k);
    const q = ld(out, k) / ld(out, k - 1);
    const r = q - 1;
    if (r == r) {
      st(out, count, r);
      sti(prevBar, count, to == from + 1 && r + 1 == q ? from : -1);
      count++;
    }
  }
  return count;
}

/**
 * Geometric mean of simple returns: NaN counts as 0, any return at or below -100 % makes it 0, NaN for none.
 * `logs` holds n f64 of room. With `prevBar` and `barLogs` (both non-zero) log(1 + r[k]) is taken from
 * barLogs[prevBar[k]] where prevBar[k] >= 0 (see periodReturns): the same value, computed once.
 */
export function geometricMean(returns: usize, n: i32, logs: usize, prevBar: usize, barLogs: usize): f64 {
  const cached = prevBar != 0 && barLogs != 0;
  for (let k = 0; k < n; k++) {
    const r = ld(returns, k);
    const g = (r == r ? r : 0) + 1;
    if (g <= 0) return 0;
    const b = cached ? ldi(prevBar, k) : -1;
    st(logs, k, b >= 0 ? ld(barLogs, b) : Math.log(g));
  }
  return Math.exp(sum(logs, n) / (n != 0 ? <f64>n : NaN)) - 1;
}
