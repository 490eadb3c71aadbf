// xmom (lookback, skip, rebalance, topK, bottomK, weighting, volWindow, gross, minTrade): the twin of
// src/core/lab/strategies/xmom.ts (rules there and in docs/strategies.md). Each instrument's own closes sit in a
// ring of `need` slots; at the first bar of each rebalance period the eligible instruments are ranked by
// close[n−1−skip] / close[n−1−lookback] − 1 (descending, ties in universe order), the top-k go long and the
// bottom-k short, equally or by inverse volatility, and the weights go to the target-positions layer.
//
// Most instruments have no hole in their bars between their first and their last: their own closes are a
// stretch of the close column, read in place at a rebalance, so that such an instrument costs nothing on the
// other bars. Only the instruments with holes keep the ring, filled bar by bar. Same closes, same numbers.
import { T, K, close, open, params, time } from "../inputs";
import { atLeast } from "../growth";
import { rebalancePeriod } from "./rebalance-period";
import { targetWeights, targetsApply, targetsReset } from "./targets";

let lookback: i32 = 0;
let skip: i32 = 0;
let rebalanceCode: i32 = 1;
let topK: i32 = 0;
let bottomK: i32 = 0;
let inverseVol: bool = false;
let volWindow: i32 = 0;
let gross: f64 = 0;
let need: i32 = 0;
/** First and last bar of each instrument (−1: none), and the instruments with a hole between them. */
let first: StaticArray<i32> = new StaticArray<i32>(1);
let last: StaticArray<i32> = new StaticArray<i32>(1);
let gappy: StaticArray<i32> = new StaticArray<i32>(1);
let gappyCount: i32 = 0;
let isGappy: StaticArray<u8> = new StaticArray<u8>(1);
let hist: StaticArray<f64> = new StaticArray<f64>(1);
let seen: StaticArray<i32> = new StaticArray<i32>(1);
let lastSeen: StaticArray<i32> = new StaticArray<i32>(1);
let vol: StaticArray<f64> = new StaticArray<f64>(1);
let mom: StaticArray<f64> = new StaticArray<f64>(1);
/** Eligible instruments, then in rank order (rank r at r − 1); scratch for the merge sort. */
let order: StaticArray<i32> = new StaticArray<i32>(1);
let scratch: StaticArray<i32> = new StaticArray<i32>(1);
let period: f64 = NaN;
let lastRebalance: i32 = -1;

function whole(v: f64, min: f64): bool {
  return v >= min && v <= 1e6 && Math.floor(v) == v;
}

export function xmomInit(nParams: i32): bool {
  if (nParams != 9) return false;
  const l = unchecked(params[0]);
  const s = unchecked(params[1]);
  const reb = unchecked(params[2]);
  const top = unchecked(params[3]);
  const bottom = unchecked(params[4]);
  const weighting = unchecked(params[5]);
  const vw = unchecked(params[6]);
  const g = unchecked(params[7]);
  const minTrade = unchecked(params[8]);
  if (!(whole(l, 1) && whole(s, 0) && s < l && whole(reb, 1) && reb <= 3 && whole(top, 1) && whole(bottom, 0))) return false;
  if (!(whole(weighting, 0) && weighting <= 1 && whole(vw, 2) && g > 0 && g < Infinity && minTrade >= 0 && minTrade < 1)) return false;
  lookback = <i32>l;
  skip = <i32>s;
  rebalanceCode = <i32>reb;
  topK = <i32>top;
  bottomK = <i32>bottom;
  inverseVol = weighting == 1;
  volWindow = <i32>vw;
  gross = g;
  need = (inverseVol && volWindow > lookback ? volWindow : lookback) + 1;
  hist = atLeast<f64>(hist, K * need);
  seen = atLeast<i32>(seen, K);
  lastSeen = atLeast<i32>(lastSeen, K);
  vol = atLeast<f64>(vol, K);
  mom = atLeast<f64>(mom, K);
  order = atLeast<i32>(order, K);
  scratch = atLeast<i32>(scratch, K);
  first = atLeast<i32>(first, K);
  last = atLeast<i32>(last, K);
  gappy = atLeast<i32>(gappy, K);
  isGappy = atLeast<u8>(isGappy, K);
  gappyCount = 0;
  for (let k = 0; k < K; k++) {
    unchecked((seen[k] = 0));
    unchecked((lastSeen[k] = -1));
    scanBars(k);
  }
  period = NaN;
  lastRebalance = -1;
  targetsReset(K, minTrade, 0);
  return true;
}

/** First and last bar of instrument k; with a hole between them, k keeps the ring. */
function scanBars(k: i32): void {
  const base = k * T;
  let f = -1;
  let l = -1;
  let present = 0;
  for (let t = 0; t < T; t++) {
    const o = unchecked(open[base + t]);
    if (o != o) continue;
    if (f < 0) f = t;
    l = t;
    present++;
  }
  unchecked((first[k] = f));
  unchecked((last[k] = l));
  const holes = f >= 0 && present != l - f + 1;
  unchecked((isGappy[k] = holes ? 1 : 0));
  if (holes) unchecked((gappy[gappyCount++] = k));
}

/** Brings the closes seen and the last bar seen of a hole-free instrument k up to bar t. */
@inline function catchUp(k: i32, t: i32): void {
  if (unchecked(isGappy[k]) != 0) return;
  const f = unchecked(first[k]);
  if (f < 0 || t < f) return;
  const l = unchecked(last[k]);
  const seenTo = t < l ? t : l;
  unchecked((seen[k] = seenTo - f + 1));
  unchecked((lastSeen[k] = seenTo));
}

/** Close j (0-based over the instrument's own closes, within the last `need`) of instrument k. */
@inline function closeAt(k: i32, j: i32): f64 {
  if (unchecked(isGappy[k]) == 0) return unchecked(close[k * T + unchecked(first[k]) + j]);
  return unchecked(hist[k * need + j % need]);
}

/** Sample standard deviation of the last v simple returns of instrument k (two passes, oldest first). */
function volatility(k: i32, v: i32): f64 {
  const n = unchecked(seen[k]);
  let sum: f64 = 0;
  for (let j = n - v; j < n; j++) sum += closeAt(k, j) / closeAt(k, j - 1) - 1;
  const mean = sum / <f64>v;
  let ss: f64 = 0;
  for (let j = n - v; j < n; j++) {
    const d = closeAt(k, j) / closeAt(k, j - 1) - 1 - mean;
    ss += d * d;
  }
  return Math.sqrt(ss / <f64>(v - 1));
}

/** Rank order: higher momentum first, ties by universe index. */
@inline function before(a: i32, b: i32): bool {
  const ma = unchecked(mom[a]);
  const mb = unchecked(mom[b]);
  return ma > mb || (ma == mb && a < b);
}

/** Bottom-up merge sort of order[0, n) by `before` (a total order: any correct sort gives this one result). */
function sortRanked(n: i32): void {
  let src = order;
  let dst = scratch;
  for (let width = 1; width < n; width <<= 1) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = lo + width < n ? lo + width : n;
      const hi = lo + 2 * width < n ? lo + 2 * width : n;
      let i = lo;
      let j = mid;
      for (let o = lo; o < hi; o++) {
        if (i < mid && (j >= hi || !before(unchecked(src[j]), unchecked(src[i])))) unchecked((dst[o] = src[i++]));
        else unchecked((dst[o] = src[j++]));
      }
    }
    const swap = src;
    src = dst;
    dst = swap;
  }
  if (src != order) for (let i = 0; i < n; i++) unchecked((order[i] = src[i]));
}

function rebalance(t: i32): void {
  let ranked = 0;
  for (let k = 0; k < K; k++) {
    catchUp(k, t);
    const n = unchecked(seen[k]);
    if (!(unchecked(lastSeen[k]) > lastRebalance) || n < lookback + 1) continue;
    if (inverseVol) {
      if (n < volWindow + 1) continue;
      const sd = volatility(k, volWindow);
      if (!(sd > 0)) continue;
      unchecked((vol[k] = sd));
    }
    const m = closeAt(k, n - 1 - skip) / closeAt(k, n - 1 - lookback) - 1;
    if (!(m - m == 0)) continue;
    unchecked((mom[k] = m));
    unchecked((order[ranked++] = k));
  }
  sortRanked(ranked);
  const longs = topK < ranked ? topK : ranked;
  const shorts = bottomK < ranked - longs ? bottomK : ranked - longs;
  const longBook = bottomK > 0 ? gross / 2 : gross;
  const shortBook = gross / 2;
  const w = targetWeights;
  for (let k = 0; k < K; k++) unchecked((w[k] = 0));
  if (inverseVol) {
    let sumLong: f64 = 0;
    for (let r = 0; r < longs; r++) sumLong += 1 / unchecked(vol[order[r]]);
    for (let r = 0; r < longs; r++) {
      const k = unchecked(order[r]);
      unchecked((w[k] = (longBook * (1 / unchecked(vol[k]))) / sumLong));
    }
    let sumShort: f64 = 0;
    for (let j = 0; j < shorts; j++) sumShort += 1 / unchecked(vol[order[ranked - 1 - j]]);
    for (let j = 0; j < shorts; j++) {
      const k = unchecked(order[ranked - 1 - j]);
      unchecked((w[k] = -((shortBook * (1 / unchecked(vol[k]))) / sumShort)));
    }
  } else {
    for (let r = 0; r < longs; r++) unchecked((w[order[r]] = longBook / <f64>longs));
    for (let j = 0; j < shorts; j++) unchecked((w[order[ranked - 1 - j]] = -(shortBook / <f64>shorts)));
  }
  targetsApply(t);
}

export function xmomOnBar(t: i32): void {
  const W = need;
  for (let g = 0; g < gappyCount; g++) {
    const k = unchecked(gappy[g]);
    const o = unchecked(open[k * T + t]);
    if (o != o) continue;
    const n = unchecked(seen[k]);
    unchecked((hist[k * W + n % W] = close[k * T + t]));
    unchecked((seen[k] = n + 1));
    unchecked((lastSeen[k] = t));
  }
  const p = rebalancePeriod(rebalanceCode, unchecked(time[t]), t);
  if (p == period) return;
  period = p;
  rebalance(t);
  lastRebalance = t;
}
