/**
 * Rolling VaR and ES of a run's NAV: at each bar t with at least `window` NAV returns up to it, the measure over the
 * last `window` returns r[u] = nav[u] / nav[u − 1] − 1 (u ≤ t: no later data), at every level and horizon
 * (value-at-risk.ts: h-day = 1-day × √h). Losses are positive fractions of NAV.
 */
import { valueAtRisk, type VarMethod } from './value-at-risk';

export interface RollingVarInput {
  nav: Float64Array;
  window: number;
  levels: readonly number[];
  horizons: readonly number[];
  method: VarMethod;
}

export interface RollingVarRow {
  bar: number;
  level: number;
  horizon: number;
  var: number;
  es: number | null;
}

/** NAV simple returns: element u − 1 is the move into bar u. A non-positive NAV has no return (NaN). */
export function navReturns(nav: Float64Array): Float64Array {
  const out = new Float64Array(Math.max(0, nav.length - 1));
  for (let u = 1; u < nav.length; u++) out[u - 1] = nav[u - 1] > 0 ? nav[u] / nav[u - 1] - 1 : NaN;
  return out;
}

/** Rows bar by bar, then level, then horizon, in the orders given. */
export function rollingVar(input: RollingVarInput): RollingVarRow[] {
  const { nav, window, levels, horizons, method } = input;
  if (!(Number.isInteger(window) && window >= 2)) throw new RangeError(`the VaR window must be a whole number of returns >= 2, got ${window}`);
  const r = navReturns(nav);
  const rows: RollingVarRow[] = [];
  for (let t = window; t < nav.length; t++) {
    const slice = r.subarray(t - window, t);
    if (slice.some((x) => Number.isNaN(x))) continue;
    const one = valueAtRisk(slice, method, levels, 1);
    for (const v of one) {
      for (const h of horizons) {
        const s = Math.sqrt(h);
        rows.push({ bar: t, level: v.level, horizon: h, var: v.var * s, es: v.es === null ? null : v.es * s });
      }
    }
  }
  return rows;
}
