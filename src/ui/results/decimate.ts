/**
 * Candle aggregation for drawing: a chart a few hundred pixels wide cannot show 100k bars, so the visible bars are
 * merged into buckets of consecutive bars (open of the first, highest high, lowest low, close of the last, summed
 * volume), at most one bucket per few pixels. Bucket edges sit on multiples of the bucket size, counted from
 * bar 0, so panning does not reshuffle which bars share a candle.
 */

export interface OhlcColumns {
  open: ArrayLike<number>;
  high: ArrayLike<number>;
  low: ArrayLike<number>;
  close: ArrayLike<number>;
  volume?: ArrayLike<number>;
}

export interface OhlcBuckets {
  count: number;
  /** Bars per full bucket (1: no aggregation). */
  size: number;
  /** First and last bar (inclusive) of each bucket. */
  first: Int32Array;
  last: Int32Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  /** Summed volume (zeros without a volume column). */
  volume: Float64Array;
}

/** Bars per bucket so that bars [from, to) fit in at most `maxBuckets` aligned buckets. */
export function bucketSize(bars: number, maxBuckets: number): number {
  if (bars <= maxBuckets) return 1;
  // Aligned edges can split the range into one bucket more than ceil(bars / size): size the buckets for
  // maxBuckets − 1 gaps between the first and the last bar.
  return maxBuckets <= 1 ? bars : Math.ceil((bars - 1) / (maxBuckets - 1));
}

/** Aggregates bars [from, to) into at most `maxBuckets` buckets (every bar its own bucket when they fit). */
export function decimateOhlc(bars: OhlcColumns, from: number, to: number, maxBuckets: number): OhlcBuckets {
  const total = bars.close.length;
  const lo = Math.max(0, Math.floor(from));
  const hi = Math.min(total, Math.ceil(to));
  const n = Math.max(0, hi - lo);
  const limit = Math.max(1, Math.floor(maxBuckets));
  const size = bucketSize(n, limit);
  // With one bucket allowed, it is the whole range (no alignment).
  const align = limit > 1 && size > 1;
  const count = n === 0 ? 0 : align ? Math.floor((hi - 1) / size) - Math.floor(lo / size) + 1 : Math.ceil(n / size);

  const out: OhlcBuckets = {
    count,
    size,
    first: new Int32Array(count),
    last: new Int32Array(count),
    open: new Float64Array(count),
    high: new Float64Array(count),
    low: new Float64Array(count),
    close: new Float64Array(count),
    volume: new Float64Array(count),
  };
  const { open, high, low, close, volume } = bars;
  let start = lo;
  for (let b = 0; b < count; b++) {
    const end = Math.min(hi, align ? (Math.floor(start / size) + 1) * size : start + size);
    let h = -Infinity;
    let l = Infinity;
    let v = 0;
    for (let i = start; i < end; i++) {
      if (high[i] > h) h = high[i];
      if (low[i] < l) l = low[i];
      if (volume) v += volume[i];
    }
    out.first[b] = start;
    out.last[b] = end - 1;
    out.open[b] = open[start];
    out.high[b] = h;
    out.low[b] = l;
    out.close[b] = close[end - 1];
    out.volume[b] = v;
    start = end;
  }
  return out;
}
