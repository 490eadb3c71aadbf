// Indicators: the registry that holds the series a strategy declares during initialisation, reused from run to
// run, and the pandas-exact rolling mean they are made of (rolling-mean.ts).
import { closeColumn } from "./bars";
import { withLength } from "./columns";
import { rollingMeanInto } from "./rolling-mean";
import { cachedCloseMean, cachedFirstDefined, cachedSeries, firstDefined, seriesCacheIsActive } from "./series-cache";

export { rollingMeanInto };

// ---- registry -----------------------------------------------------------------------------------------------

const MAX_INDICATORS: i32 = 8;
/** Buffers owned by the registry, one per declaration slot, reused from run to run. */
const owned = new StaticArray<StaticArray<f64>>(MAX_INDICATORS);
for (let s = 0; s < MAX_INDICATORS; s++) unchecked((owned[s] = new StaticArray<f64>(0)));
/** The run's declared series: an owned buffer, or a sweep's cached series (series-cache.ts). */
const series = new StaticArray<StaticArray<f64>>(MAX_INDICATORS);
/** First non-NaN index of each declared series where already known, else -1 (found by warmupBars). */
const firstDefinedOf = new StaticArray<i32>(MAX_INDICATORS);
let declared: i32 = 0;
let seriesLength: i32 = 0;

export function registryReset(n: i32): void {
  declared = 0;
  seriesLength = n;
}

/** Declare the next indicator series of `seriesLength` values; returns its buffer (to fill) or null when full. */
export function declareIndicator(): StaticArray<f64> | null {
  if (declared == MAX_INDICATORS) return null;
  const buf = withLength<f64>(unchecked(owned[declared]), seriesLength);
  unchecked((owned[declared] = buf));
  unchecked((series[declared] = buf));
  unchecked((firstDefinedOf[declared] = -1));
  declared++;
  return buf;
}

/**
 * Declare the rolling mean of the close column over `window` (pandas-exact, rollingMeanInto) as the next
 * indicator and return it; null when the registry is full. During a sweep the series comes from its cache
 * (which keys windows >= 1; strategies validate theirs).
 */
export function declareCloseMean(window: i32): StaticArray<f64> | null {
  if (declared == MAX_INDICATORS) return null;
  if (seriesCacheIsActive() && window >= 1) {
    const slot = cachedCloseMean(window);
    const buf = cachedSeries(slot);
    unchecked((series[declared] = buf));
    unchecked((firstDefinedOf[declared] = cachedFirstDefined(slot)));
    declared++;
    return buf;
  }
  const buf = declareIndicator();
  if (buf === null) return null;
  rollingMeanInto(buf, closeColumn(), seriesLength, window);
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
    let first = unchecked(firstDefinedOf[s]);
    if (first < 0) first = firstDefined(unchecked(series[s]), seriesLength);
    if (first > nbars) nbars = first;
  }
  return nbars;
}
