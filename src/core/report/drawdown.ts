import type { DailySeries } from './daily-series';
import { sum } from './summation';

/**
 * Drawdown measures on the daily marks (quantstats `to_drawdown_series` semantics): with P_k the running maximum of
 * equity up to mark k (the anchor included, so a loss on the first day is a drawdown), dd_k = E_k / P_k - 1 ≤ 0.
 */

/** dd_k for every mark. */
export function drawdownSeries(equity: ArrayLike<number>): Float64Array {
  const dd = new Float64Array(equity.length);
  let peak = -Infinity;
  for (let k = 0; k < equity.length; k++) {
    if (equity[k] > peak) peak = equity[k];
    dd[k] = equity[k] / peak - 1;
  }
  return dd;
}

/**
 * Longest drawdown in calendar days (quantstats `drawdown_details` "days", reported as "Longest DD Days"): an
 * underwater period is a run of consecutive marks with dd < 0, and lasts
 * (UTC day of its last underwater mark) - (UTC day of its first underwater mark) + 1; a period still open at the
 * end runs to the last mark. 0 when the curve is never below its peak; `null` with fewer than two marks.
 */
export function longestDrawdownDays(series: DailySeries): number | null {
  const m = series.equity.length;
  if (m < 2) return null;
  const dd = drawdownSeries(series.equity);
  let longest = 0;
  let first = -1;
  for (let k = 0; k < m; k++) {
    if (dd[k] < 0) {
      if (first < 0) first = k;
      const endsHere = k === m - 1 || !(dd[k + 1] < 0);
      if (endsHere) {
        longest = Math.max(longest, series.day[k] - series.day[first] + 1);
        first = -1;
      }
    }
  }
  return longest;
}

/** Largest drawdown as a fraction ≤ 0 (e.g. -0.25); `null` with fewer than two marks. */
export function maxDrawdown(series: DailySeries): number | null {
  if (series.equity.length < 2) return null;
  const dd = drawdownSeries(series.equity);
  let worst = 0;
  for (let k = 0; k < dd.length; k++) if (dd[k] < worst) worst = dd[k];
  return worst;
}

/**
 * Ulcer index, quantstats' form: √(Σ dd_k² / (N - 1)) over the N marks that close a daily return (drawdowns as
 * fractions, not percent; the divisor N - 1 is quantstats'). Martin's original uses percent and divides by N.
 * 0 for a curve that never falls; `null` with fewer than two daily returns.
 */
export function ulcerIndex(series: DailySeries): number | null {
  const n = series.returns.length;
  if (n < 2) return null;
  const dd = drawdownSeries(series.equity);
  const squares = new Float64Array(n);
  for (let k = 1; k <= n; k++) squares[k - 1] = dd[k] * dd[k];
  return Math.sqrt(sum(squares) / (n - 1));
}

/**
 * Recovery factor: total compounded return / |max drawdown|, both as fractions, with the sign of the total return
 * (a losing curve gives a negative factor). quantstats divides |Σ daily returns| instead — an arithmetic sum that
 * ignores compounding and hides losses; the report uses the compounded return the curve actually made.
 * `null` with fewer than two marks or no drawdown.
 */
export function recoveryFactor(series: DailySeries): number | null {
  const worst = maxDrawdown(series);
  if (worst === null || worst === 0) return null;
  const e = series.equity;
  return (e[e.length - 1] / e[0] - 1) / -worst;
}
