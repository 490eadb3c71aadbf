// Period returns and the geometric mean, the twin of src/core/stats/returns.ts.
import { ld, st } from "./memory";
import { binKey } from "./calendar";
import { sum } from "./summation";

/**
 * Simple returns between consecutive calendar bins: equity resampled to the last non-NaN value of each bin
 * (empty bins dropped), then x[k] / x[k-1] - 1 with NaN results dropped. Writes up to n - 1 returns to `out`
 * (n f64 of room: it also holds the resampled values on the way); returns the count.
 */
export function periodReturns(equity: usize, time: usize, n: i32, rule: i32, out: usize): i32 {
  let bins = 0;
  let key: f64 = NaN;
  for (let k = 0; k < n; k++) {
    const e = ld(equity, k);
    const b = binKey(ld(time, k), rule);
    if (b != key) {
      key = b;
      st(out, bins++, e);
    } else {
      const last = ld(out, bins - 1);
      if (e == e || last != last) st(out, bins - 1, e);
    }
  }
  let values = 0;
  for (let k = 0; k < bins; k++) {
    const v = ld(out, k);
    if (v == v) st(out, values++, v);
  }
  let count = 0;
  for (let k = 1; k < values; k++) {
    // out[count] with count <= k - 1 is written after out[k - 1] and out[k] are read
    const r = ld(out, k) / ld(out, k - 1) - 1;
    if (r == r) st(out, count++, r);
  }
  return count;
}

/**
 * Geometric mean of simple returns: NaN counts as 0, any return at or below -100 % makes it 0, NaN for none.
 * `logs` holds n f64 of room.
 */
export function geometricMean(returns: usize, n: i32, logs: usize): f64 {
  for (let k = 0; k < n; k++) {
    const r = ld(returns, k);
    const g = (r == r ? r : 0) + 1;
    if (g <= 0) return 0;
    st(logs, k, Math.log(g));
  }
  return Math.exp(sum(logs, n) / (n != 0 ? <f64>n : NaN)) - 1;
}
