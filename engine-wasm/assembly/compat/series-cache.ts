// Rolling means of the close column kept across the runs of a sweep: many combinations share a window (a grid of
// 1,000 sma-cross pairs over GOOG has ~70 distinct windows), and a series depends only on the bars and the window.
// Valid for one set of bars: the sweep resets it when it prepares new bars and switches it on only while its own
// bars are the run's (plain runs always compute their series afresh). Each series is the same rollingMeanInto
// output a plain run computes, so cached and fresh runs are bit-identical.
import { closeColumn } from "./bars";
import { withCapacity } from "./columns";
import { rollingMeanInto } from "./rolling-mean";

/** Memory the cached series may take before slots are recycled (a sweep over a million bars keeps ~8 series). */
const BUDGET_BYTES: i64 = 64 << 20;
const MIN_SLOTS: i32 = 16;
const MAX_SLOTS: i32 = 4096;

let active: bool = false;
let seriesLength: i32 = 0;
let slotLimit: i32 = MIN_SLOTS;
/** Slot of each window key (see keyOf), -1 when not cached. */
let slotOfKey: StaticArray<i32> = new StaticArray<i32>(0);
let keyOfSlot: StaticArray<i32> = new StaticArray<i32>(0);
/** Run in which a slot was last handed out: a slot in use by the current run is never recycled. */
let usedInRun: StaticArray<i32> = new StaticArray<i32>(0);
let firstDefinedOfSlot: StaticArray<i32> = new StaticArray<i32>(0);
let series: StaticArray<StaticArray<f64>> = new StaticArray<StaticArray<f64>>(0);
let slotCount: i32 = 0;
let clockHand: i32 = 0;
let runId: i32 = 0;

/** Windows longer than the series all give the same all-NaN series: they share one key. */
@inline function keyOf(window: i32): i32 {
  return window > seriesLength ? seriesLength + 1 : window;
}

/** Forget every series: the bars (of `n` values) are new. */
export function seriesCacheReset(n: i32): void {
  seriesLength = n;
  const budget = BUDGET_BYTES / ((<i64>max(n, 1)) << 3);
  slotLimit = <i32>min<i64>(<i64>MAX_SLOTS, max<i64>(<i64>MIN_SLOTS, budget));
  if (slotOfKey.length < n + 2) slotOfKey = new StaticArray<i32>(n + 2);
  for (let k = 0; k < n + 2; k++) unchecked((slotOfKey[k] = -1));
  slotCount = 0;
  clockHand = 0;
  active = false;
}

/** Switch the cache on (the sweep's bars are the run's) or off. */
export function seriesCacheActive(on: bool): void {
  active = on;
}

export function seriesCacheIsActive(): bool {
  return active;
}

/** A new run starts: the slots it takes are protected until the next one. */
export function seriesCacheNextRun(): void {
  runId++;
}

/** Slot holding the rolling mean of the close column over `window`, computed on a miss. */
export function cachedCloseMean(window: i32): i32 {
  const key = keyOf(window);
  let slot = unchecked(slotOfKey[key]);
  if (slot < 0) {
    slot = freeSlot();
    const buf = unchecked(series[slot]);
    rollingMeanInto(buf, closeColumn(), seriesLength, window);
    unchecked((firstDefinedOfSlot[slot] = firstDefined(buf, seriesLength)));
    unchecked((keyOfSlot[slot] = key));
    unchecked((slotOfKey[key] = slot));
  }
  unchecked((usedInRun[slot] = runId));
  return slot;
}

@inline export function cachedSeries(slot: i32): StaticArray<f64> {
  return unchecked(series[slot]);
}

@inline export function cachedFirstDefined(slot: i32): i32 {
  return unchecked(firstDefinedOfSlot[slot]);
}

/** Index of the first non-NaN value, 0 when there is none (backtesting.py's argmin of isnan). */
export function firstDefined(v: StaticArray<f64>, n: i32): i32 {
  for (let j = 0; j < n; j++) {
    if (!isNaN<f64>(unchecked(v[j]))) return j;
  }
  return 0;
}

/** A slot to fill: a new one while under the limit, else the next one (clock order) the current run is not using. */
function freeSlot(): i32 {
  if (slotCount < slotLimit) {
    const s = slotCount;
    if (s == series.length) grow(s + 1);
    if (unchecked(series[s]).length < seriesLength) unchecked((series[s] = new StaticArray<f64>(seriesLength)));
    slotCount = s + 1;
    return s;
  }
  // A run holds at most a registry's worth of series (8), fewer than MIN_SLOTS: one slot is always free.
  let s = clockHand;
  while (unchecked(usedInRun[s]) == runId) s = s + 1 == slotCount ? 0 : s + 1;
  clockHand = s + 1 == slotCount ? 0 : s + 1;
  unchecked((slotOfKey[unchecked(keyOfSlot[s])] = -1));
  return s;
}

function grow(cap: i32): void {
  const len = series.length;
  let next = len < 16 ? 16 : len << 1;
  while (next < cap) next <<= 1;
  const s = new StaticArray<StaticArray<f64>>(next);
  for (let k = 0; k < len; k++) unchecked((s[k] = series[k]));
  for (let k = len; k < next; k++) unchecked((s[k] = new StaticArray<f64>(0)));
  series = s;
  keyOfSlot = withCapacity<i32>(keyOfSlot, next);
  usedInRun = withCapacity<i32>(usedInRun, next);
  firstDefinedOfSlot = withCapacity<i32>(firstDefinedOfSlot, next);
}
