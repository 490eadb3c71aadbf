// Indicators: the registry that holds the series a strategy declares during initialisation, reused from run to
// run, and the pandas-exact rolling mean they are made of (rolling-mean.ts).
//
// A strategy reads a series through a view (indicatorView): a base address from which bar j's value is at
// base + 8j, valid for the bars [indicatorFirst, indicatorEnd). A sweep's cached series and an owned buffer are
// whole (every bar); a plain run's rolling means are streamed — computed a block of bars at a time into a small
// buffer as the run moves forward — so a run over n bars holds no n-value series of its own (two averages over
// 10 M bars were 153 MiB of module memory that never shrinks). Streamed values are the bits of one pass.
import { closeColumn } from "./bars";
import { withLength } from "./columns";
import { RollingMean, rollingMeanInto } from "./rolling-mean";
import { cachedCloseMean, cachedFirstDefined, cachedSeries, firstDefined, seriesCacheIsActive } from "./series-cache";

export { rollingMeanInto };

const MAX_INDICATORS: i32 = 8;
/** Bars a streamed series computes at a time (512 KiB of values). */
const BLOCK: i32 = 65536;

/** Buffers owned by the registry, one per declaration slot, reused from run to run. */
const owned = new StaticArray<StaticArray<f64>>(MAX_INDICATORS);
for (let s = 0; s < MAX_INDICATORS; s++) unchecked((owned[s] = new StaticArray<f64>(0)));
/** First non-NaN index of each declared series where already known, else -1 (found by warmupBars). */
const firstDefinedOf = new StaticArray<i32>(MAX_INDICATORS);
/** Each slot's view: bar j's value is at base + 8j for j in [first, end). */
const viewBase = new StaticArray<usize>(MAX_INDICATORS);
const viewFirst = new StaticArray<i32>(MAX_INDICATORS);
const viewEnd = new StaticArray<i32>(MAX_INDICATORS);
/** Streamed slots: the running mean that fills the block buffer (owned[s]: the bar before the block, then the block). */
const streamed = new StaticArray<bool>(MAX_INDICATORS);
const streams = new StaticArray<RollingMean>(MAX_INDICATORS);
for (let s = 0; s < MAX_INDICATORS; s++) unchecked((streams[s] = new RollingMean()));
let declared: i32 = 0;
let seriesLength: i32 = 0;

export function registryReset(n: i32): void {
  declared = 0;
  seriesLength = n;
}

/** Slot `s` shows the whole series `buf`. */
function viewWhole(s: i32, buf: StaticArray<f64>): void {
  unchecked((viewBase[s] = changetype<usize>(buf)));
  unchecked((viewFirst[s] = 0));
  unchecked((viewEnd[s] = seriesLength));
  unchecked((streamed[s] = false));
}

/** Declare the next indicator series of `seriesLength` values; returns its buffer (to fill) or null when full. */
export function declareIndicator(): StaticArray<f64> | null {
  if (declared == MAX_INDICATORS) return null;
  const s = declared;
  const buf = withLength<f64>(unchecked(owned[s]), seriesLength);
  unchecked((owned[s] = buf));
  viewWhole(s, buf);
  unchecked((firstDefinedOf[s] = -1));
  declared++;
  return buf;
}

/**
 * Declare the rolling mean of the close column over `window` (pandas-exact) as the next indicator; returns its
 * handle, or -1 when the registry is full. During a sweep the series comes whole from its cache (which keys
 * windows >= 1; strategies validate theirs); otherwise it is streamed.
 */
export function declareCloseMean(window: i32): i32 {
  if (declared == MAX_INDICATORS) return -1;
  const s = declared;
  if (seriesCacheIsActive() && window >= 1) {
    const slot = cachedCloseMean(window);
    viewWhole(s, cachedSeries(slot));
    unchecked((firstDefinedOf[s] = cachedFirstDefined(slot)));
  } else {
    const n = seriesLength;
    unchecked((owned[s] = withLength<f64>(unchecked(owned[s]), (n < BLOCK ? n : BLOCK) + 1)));
    unchecked((streamed[s] = true));
    unchecked((firstDefinedOf[s] = -1));
    unchecked(streams[s]).start(closeColumn(), n, window);
    setBlockView(s, 0, 0);
  }
  declared++;
  return s;
}

/** The view of streamed slot `s` when its buffer holds bars [from, to) after the bar before `from`. */
function setBlockView(s: i32, from: i32, to: i32): void {
  // Wrapping address arithmetic: base + 8j lands in the buffer for every j in the view.
  unchecked((viewBase[s] = changetype<usize>(unchecked(owned[s])) + 8 - (<usize>from << 3)));
  unchecked((viewFirst[s] = from - 1));
  unchecked((viewEnd[s] = to));
}

/** Compute streamed slot `s`'s next block; the last value of the current one becomes the bar before it. */
function nextBlock(s: i32): void {
  const buf = unchecked(owned[s]);
  const stream = unchecked(streams[s]);
  const from = unchecked(viewEnd[s]);
  const held = from - (unchecked(viewFirst[s]) + 1);
  unchecked((buf[0] = held > 0 ? unchecked(buf[held]) : NaN));
  const rest = seriesLength - from;
  const count = rest < BLOCK ? rest : BLOCK;
  stream.fill(changetype<usize>(buf) + 8, count);
  setBlockView(s, from, from + count);
}

/** Make bars i - 1 and i readable in slot `s`'s view (a streamed series moves forward, or starts over). */
function reach(s: i32, i: i32): void {
  if (i - 1 < unchecked(viewFirst[s])) {
    unchecked(streams[s]).start(closeColumn(), seriesLength, unchecked(streams[s]).window);
    setBlockView(s, 0, 0);
  }
  while (unchecked(viewEnd[s]) <= i && unchecked(viewEnd[s]) < seriesLength) nextBlock(s);
}

/**
 * The view of indicator `handle` with bars i - 1 and i (1 <= i < n) in it: bar j's value is at base + 8j for
 * j in [i - 1, indicatorEnd(handle)).
 */
@inline export function indicatorView(handle: i32, i: i32): usize {
  if (i >= unchecked(viewEnd[handle]) || i - 1 < unchecked(viewFirst[handle])) reach(handle, i);
  return unchecked(viewBase[handle]);
}

/** End (exclusive) of the bars indicator `handle`'s current view holds. */
@inline export function indicatorEnd(handle: i32): i32 {
  return unchecked(viewEnd[handle]);
}

/** Index of streamed slot `s`'s first non-NaN value, 0 when there is none; it streams forward only. */
function firstDefinedStreamed(s: i32): i32 {
  const n = seriesLength;
  let j = 0;
  while (j < n) {
    if (j >= unchecked(viewEnd[s])) reach(s, j);
    const base = unchecked(viewBase[s]);
    const end = unchecked(viewEnd[s]);
    for (; j < end; j++) {
      if (!isNaN<f64>(load<f64>(base + (<usize>j << 3)))) return j;
    }
  }
  return 0;
}

/**
 * Bars to skip before trading: the latest first-defined index over all indicators (backtesting.py's
 * `_indicator_warmup_nbars`, argmin of isnan, so an all-NaN indicator counts as 0).
 */
export function warmupBars(): i32 {
  let nbars: i32 = 0;
  for (let s = 0; s < declared; s++) {
    let first = unchecked(firstDefinedOf[s]);
    if (first < 0) {
      first = unchecked(streamed[s]) ? firstDefinedStreamed(s) : firstDefined(changetype<StaticArray<f64>>(unchecked(viewBase[s])), seriesLength);
      unchecked((firstDefinedOf[s] = first));
    }
    if (first > nbars) nbars = first;
  }
  return nbars;
}
