// The sweep's bars and everything derived from them once, before any combination runs: a copy of the bars in a
// region of its own (the host's scratch is reused by one-off runs between sweeps), the statistics' dataset
// (calendar, annualisation, the instrument's log returns) and an empty indicator cache for these bars.
import { seriesCacheReset } from "../compat/series-cache";
import { StatsDataset } from "../stats/dataset";

/** Columns of the bars region, each `n` f64, in this order: the backtester's five, then the timestamps. */
export const BAR_COLUMNS: i32 = 6;
export const COLUMN_TIME: i32 = 5;
export const COLUMN_CLOSE: i32 = 3;

let barsPtr: usize = 0;
let barsBytes: usize = 0;
let barsCapacity: i32 = 0;
export let preparedBars: i32 = 0;
/** Identifies the prepared bars (0: none): a host can tell whether its bars are still the ones prepared. */
export let barsId: i32 = 0;
let lastBarsId: i32 = 0;
export const statsDataset = new StatsDataset();

/**
 * The region the host writes `n` bars into (open, high, low, close, volume, time; n f64 each). Writing into it
 * unprepares the sweep until sweepPrepare(n) is called again.
 */
export function barsBuffer(n: i32): usize {
  preparedBars = 0;
  barsId = 0;
  if (n <= 0) return 0;
  const bytes = (<usize>n * <usize>BAR_COLUMNS) << 3;
  if (bytes > barsBytes) {
    if (barsPtr != 0) heap.free(barsPtr);
    barsPtr = heap.alloc(bytes);
    barsBytes = bytes;
  }
  barsCapacity = n;
  return barsPtr;
}

/** Base of the bars the sweep runs on (the backtester's data pointer). */
@inline export function barsData(): usize {
  return barsPtr;
}

@inline export function columnPtr(column: i32, n: i32): usize {
  return barsPtr + ((<usize>column * <usize>n) << 3);
}

/**
 * Prepare a sweep over the `n` bars written to barsBuffer(n): validated by the host (finite, ascending times; no
 * NaN prices). Returns the bars' id (> 0), or -1 when no such buffer was requested.
 */
export function prepareBars(n: i32): i32 {
  if (n <= 0 || n != barsCapacity || barsPtr == 0) return -1;
  statsDataset.prepare(columnPtr(COLUMN_TIME, n), columnPtr(COLUMN_CLOSE, n), n);
  seriesCacheReset(n);
  preparedBars = n;
  lastBarsId = lastBarsId == i32.MAX_VALUE ? 1 : lastBarsId + 1;
  barsId = lastBarsId;
  return barsId;
}
