// Indicators: pandas-exact rolling mean (the port of src/core/backtest/indicators.ts) and the registry that
// holds the series a strategy declares during initialisation, reused from run to run.
import { withLength } from "./columns";

/**
 * Rolling mean with pandas' roll_mean arithmetic: Kahan-compensated add/remove, a window of identical values
 * returning that value exactly, sign clamping; NaN until the window holds `window` non-NaN values.
 * Reads `n` values from `valuesPtr`, writes `out[0..n)`.
 */
export function rollingMeanInto(out: StaticArray<f64>, valuesPtr: usize, n: i32, window: i32): void {
  let nobs: i32 = 0;
  let sum: f64 = 0;
  let negCount: i32 = 0;
  let compAdd: f64 = 0;
  let compRemove: f64 = 0;
  let sameRun: i32 = 0;
  let prev: f64 = n > 0 ? load<f64>(valuesPtr) : NaN;
  for (let i = 0; i < n; i++) {
    if (i >= window) {
      const v = load<f64>(valuesPtr + (<usize>(i - window) << 3));
      if (v == v) {
        nobs--;
        const y = -v - compRemove;
        const t = sum + y;
        compRemove = t - sum - y;
        sum = t;
        if (v < 0) negCount--;
      }
    }
    const v = load<f64>(valuesPtr + (<usize>i << 3));
    if (v == v) {
      nobs++;
      const y = v - compAdd;
      const t = sum + y;
      compAdd = t - sum - y;
      sum = t;
      if (v < 0) negCount++;
      if (v == prev) sameRun++;
      else sameRun = 1;
      prev = v;
    }
    let result: f64 = NaN;
    if (nobs >= window && nobs > 0) {
      result = sum / <f64>nobs;
      if (sameRun >= nobs) result = prev;
      else if (negCount == 0 && result < 0) result = 0;
      else if (negCount == nobs && result > 0) result = 0;
    }
    unchecked((out[i] = result));
  }
}

// ---- registry -----------------------------------------------------------------------------------------------

const MAX_INDICATORS: i32 = 8;
const series = new StaticArray<StaticArray<f64>>(MAX_INDICATORS);
for (let s = 0; s < MAX_INDICATORS; s++) unchecked((series[s] = new StaticArray<f64>(0)));
let declared: i32 = 0;
let seriesLength: i32 = 0;

export function registryReset(n: i32): void {
  declared = 0;
  seriesLength = n;
}

/** Declare the next indicator series of `seriesLength` values; returns its buffer (to fill) or null when full. */
export function declareIndicator(): StaticArray<f64> | null {
  if (declared == MAX_INDICATORS) return null;
  const buf = withLength<f64>(unchecked(series[declared]), seriesLength);
  unchecked((series[declared] = buf));
  declared++;
  return buf;
}

/** Value `k` of declared indicator `handle`. */
@inline export function indicatorAt(handle: i32, k: i32): f64 {
  return unchecked(unchecked(series[handle])[k]);
}

/**
 * Bars to skip before trading: the latest first-defined index over all indicators (backtesting.py's
 * `_indicator_warmup_nbars`, argmin of isnan, so an all-NaN indicator counts as 0).
 */
export function warmupBars(): i32 {
  let nbars: i32 = 0;
  for (let s = 0; s < declared; s++) {
    const v = unchecked(series[s]);
    let first: i32 = 0;
    for (let j = 0; j < seriesLength; j++) {
      if (!isNaN<f64>(unchecked(v[j]))) {
        first = j;
        break;
      }
    }
    if (first > nbars) nbars = first;
  }
  return nbars;
}
