// Drawdowns, the twin of src/core/stats/drawdown.ts, taken in one pass over the equity together with the other
// per-bar quantities the statistics need (the peak, the bar-to-bar ratios and, where every bar is its own
// calendar period, the period returns). Each quantity is computed by the expression the TypeScript module uses,
// in the same order; fusing the loops only saves reloading the equity.
import { logsInPlace } from "./logs";
import { ld, st } from "./memory";

// Results of the last scanEquity, besides the arrays it writes.
/** Largest drawdown, NaN as soon as one is NaN. */
export let ddMax: f64 = NaN;
/** Largest equity value, NaN as soon as one is NaN. */
export let equityPeak: f64 = NaN;
/** Number of drawdown episodes written. */
export let episodeCount: i32 = 0;
/** Whether some equity value is NaN. */
export let equityHasNaN: bool = false;
/** Returns written when `barReturns` was asked for. */
export let barReturnCount: i32 = 0;
/** Every written return r satisfies r + 1 == the ratio it came from (so log(1 + r) is the log of that ratio). */
export let barReturnsExact: bool = false;
/** Some written return r has r + 1 <= 0 (the geometric mean is then 0). */
export let barReturnsHitZero: bool = false;

/**
 * One pass over n equity values:
 * - dd[k]: drawdown at each bar as a fraction below the running peak (0 at a new high); NaN, once seen, stays the
 *   peak; and its maximum (ddMax);
 * - the drawdown episodes between consecutive bars at a new high (drawdown exactly 0; the last bar always ends
 *   one) that are more than one bar apart: each one's duration (ms, from `time`) and deepest drawdown, NaN values
 *   skipped, in `durations` / `peaks`;
 * - the equity peak;
 * - logs[k - 1] = log(equity[k] / equity[k - 1]) for k >= 1, the equity's log returns (only when `withLogs`);
 * - when `barReturns` is set (every bar opens its own calendar bin, so pandas' resample is the identity when no
 *   value is NaN): the simple returns ratio - 1 with NaN ones dropped, written to `rets`, and for each the bar
 *   its ratio starts from to `retBars`, or -1 where r + 1 is not the ratio (exactly what returns.ts periodReturns
 *   writes when equityHasNaN is false).
 */
export function scanEquity(
  equity: usize, time: usize, n: i32, dd: usize, durations: usize, peaks: usize, withLogs: bool, logs: usize,
  barReturns: bool, rets: usize, retBars: usize,
): void {
  if (!scanWithoutNaN(equity, time, n, dd, durations, peaks)) scanExactly(equity, time, n, dd, durations, peaks);
  let nRets = 0;
  let exact = true;
  let hitZero = false;
  let before = ld(equity, 0);
  for (let k = 1; k < n; k++) {
    const e = ld(equity, k);
    const q = e / before;
    before = e;
    if (withLogs) st(logs, k - 1, Math.log(q));
    if (barReturns) {
      const r = q - 1;
      if (r == r) {
        const g = r + 1;
        st(rets, nRets, r);
        store<i32>(retBars + (<usize>nRets << 2), g == q ? k - 1 : -1);
        nRets++;
        exact = exact & (g == q);
        hitZero = hitZero | (g <= 0);
      }
    }
  }
  barReturnCount = nRets;
  barReturnsExact = exact;
  barReturnsHitZero = hitZero;
}

/**
 * `c ? a : b` through the integer select: V8 compiles it to a conditional move, where its f64 select branches
 * (and a price path's comparisons are what a branch predictor cannot guess).
 */
// @ts-ignore: decorator
@inline function pick(a: f64, b: f64, c: bool): f64 {
  return reinterpret<f64>(select<u64>(reinterpret<u64>(a), reinterpret<u64>(b), c));
}

/**
 * The drawdown part of scanEquity, written for the usual case of no NaN drawdown (so no NaN equity): the NaN
 * rules of the reference then never fire, and every running maximum is `v > m ? v : m` (for the peak that is the
 * reference's own rule; for drawdowns, never -0 as 1 - y is +0 when y is 1, it is Math.max; a zero peak meeting a
 * zero of the other sign, where Math.max would differ, gives a NaN drawdown). Returns false, the outputs then to
 * be recomputed by scanExactly, if a drawdown was NaN.
 */
function scanWithoutNaN(equity: usize, time: usize, n: i32, dd: usize, durations: usize, peaks: usize): bool {
  let peak: f64 = -Infinity;
  let count = 0;
  let prev = -1;
  let deepest: f64 = -Infinity;
  let nan = false;
  const last = n - 1;
  for (let k = 0; k < n; k++) {
    const e = ld(equity, k);
    peak = pick(e, peak, e > peak);
    const v = 1 - e / peak;
    st(dd, k, v);
    nan = nan | (v != v);
    deepest = pick(v, deepest, v > deepest);
    if ((v == 0) | (k == last)) {
      if (prev >= 0 && k > prev + 1) {
        st(durations, count, ld(time, k) - ld(time, prev));
        st(peaks, count, deepest);
        count++;
      }
      prev = k;
      deepest = v;
    }
  }
  if (nan) return false;
  // The largest drawdown, from what the loop kept: without NaN, bar 0 is at its own peak (drawdown 0), so every bar
  // lies in an episode or is a bar at a peak (drawdown 0), except the last bar when it follows one directly.
  let top = ld(dd, 0);
  for (let c = 0; c < count; c++) {
    const v = ld(peaks, c);
    top = pick(v, top, v > top);
  }
  const end = ld(dd, last);
  ddMax = pick(end, top, end > top);
  // Without NaN the peak is the reference's NaN-aware maximum of the equity, bit for bit.
  equityPeak = peak;
  episodeCount = count;
  equityHasNaN = false;
  return true;
}

/** The drawdown part of scanEquity with every NaN rule of the reference, statement for statement. */
function scanExactly(equity: usize, time: usize, n: i32, dd: usize, durations: usize, peaks: usize): void {
  let peak: f64 = -Infinity;
  let ddTop: f64 = -Infinity;
  let top: f64 = -Infinity;
  let count = 0;
  let prev = -1;
  let deepest: f64 = NaN;
  let hasNaN = false;
  for (let k = 0; k < n; k++) {
    const e = ld(equity, k);
    if (e != e) hasNaN = true;
    peak = peak != peak || e != e ? NaN : e > peak ? e : peak;
    const v = 1 - e / peak;
    st(dd, k, v);
    ddTop = v != v || ddTop != ddTop ? NaN : Math.max(ddTop, v);
    top = e != e || top != top ? NaN : Math.max(top, e);

    // The episode running from `prev` to k includes both ends; the deepest value folds in bar order.
    if (v == v && !(v <= deepest)) deepest = v;
    if (v == 0 || k == n - 1) {
      if (prev >= 0 && k > prev + 1) {
        st(durations, count, ld(time, k) - ld(time, prev));
        st(peaks, count, deepest);
        count++;
      }
      prev = k;
      deepest = v == v ? v : NaN;
    }
  }
  ddMax = ddTop;
  equityPeak = top;
  episodeCount = count;
  equityHasNaN = hasNaN;
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

/**
 * scanEquity for the usual case of a sweep (`withLogs` and `barReturns` both set), with less work per bar: the
 * drawdown of each bar is not materialised. Within an episode the peak is fixed, and x ↦ 1 - x / peak, each step
 * rounded, never increases with x, so the deepest drawdown of an episode is 1 - (its lowest equity) / peak: one
 * division per episode instead of one per bar, the same bits. A bar is at a high (drawdown exactly 0) iff its
 * equity is at least the running peak: below it, e / peak rounds to at most 1 - 2⁻⁵³.
 * Writes what scanEquity writes for `durations`, `peaks`, `logs` and `rets` and sets the same results, except
 * `retBars`, which only a return r with r + 1 != its ratio needs. Returns false, leaving the case to scanEquity,
 * when the case is not the usual one: equity[0] not positive, an equity value not finite (scanEquity's NaN
 * rules), a return with r + 1 != its ratio (a NaN one included), or no drawdown episode (backtesting.py then
 * falls back on the per-bar drawdowns, which this pass does not keep).
 * Three passes, each a simple loop: the ratios and returns two bars at a time, their logarithms (logs.ts), then
 * the episodes, which need no division.
 */
export function scanBarEquity(
  equity: usize, time: usize, n: i32, durations: usize, peaks: usize, logs: usize, rets: usize,
): bool {
  const e0 = ld(equity, 0);
  if (!(e0 > 0 && e0 < Infinity)) return false;
  if (!barRatios(equity, n, logs, rets)) return false;
  logsInPlace(logs, n - 1);
  let peak = e0;
  // The lowest equity since the last bar at a high.
  let low = e0;
  let prev = 0;
  let count = 0;
  for (let k = 1; k < n; k++) {
    const e = ld(equity, k);
    if (e >= peak) {
      if (k > prev + 1) {
        st(durations, count, ld(time, k) - ld(time, prev));
        st(peaks, count, 1 - low / peak);
        count++;
      }
      peak = e;
      low = e;
      prev = k;
    } else {
      low = pick(e, low, e < low);
    }
  }
  // The last bar ends an episode too (and then, below the peak, is its deepest bar or not).
  const last = n - 1;
  if (prev < last - 1) {
    st(durations, count, ld(time, last) - ld(time, prev));
    st(peaks, count, 1 - low / peak);
    count++;
  }
  if (count == 0) return false;
  let top = 1 - e0 / e0;
  for (let c = 0; c < count; c++) {
    const v = ld(peaks, c);
    top = pick(v, top, v > top);
  }
  const end = 1 - ld(equity, last) / peak;
  ddMax = pick(end, top, end > top);
  equityPeak = peak;
  episodeCount = count;
  equityHasNaN = false;
  barReturnCount = n - 1;
  barReturnsExact = true;
  return true;
}

/**
 * For k in [1, n): ratios[k - 1] = equity[k] / equity[k - 1] and rets[k - 1] = that ratio - 1, two bars at a time
 * (each lane rounds as the scalar division and subtraction do). Sets barReturnsHitZero (some r + 1 <= 0); returns
 * whether every equity[k], k >= 1, is finite and every r + 1 equals its ratio.
 */
function barRatios(equity: usize, n: i32, ratios: usize, rets: usize): bool {
  const one = f64x2.splat(1);
  const zero = f64x2.splat(0);
  let exact = i64x2.splat(-1);
  let finite = i64x2.splat(-1);
  let hitZero = i64x2.splat(0);
  let k = 1;
  for (; k + 2 <= n; k += 2) {
    const at = <usize>k << 3;
    const e = v128.load(equity + at);
    const q = f64x2.div(e, v128.load(equity + at - 8));
    const r = f64x2.sub(q, one);
    const g = f64x2.add(r, one);
    v128.store(ratios + at - 8, q);
    v128.store(rets + at - 8, r);
    finite = v128.and(finite, f64x2.eq(f64x2.sub(e, e), zero));
    exact = v128.and(exact, f64x2.eq(g, q));
    hitZero = v128.or(hitZero, f64x2.le(g, zero));
  }
  let ok = i64x2.all_true(v128.and(exact, finite));
  let zeroHit = v128.any_true(hitZero);
  if (k < n) {
    const e = ld(equity, k);
    const q = e / ld(equity, k - 1);
    const r = q - 1;
    const g = r + 1;
    st(ratios, k - 1, q);
    st(rets, k - 1, r);
    ok = ok & (e - e == 0) & (g == q);
    zeroHit = zeroHit | (g <= 0);
  }
  barReturnsHitZero = zeroHit;
  return ok;
}
