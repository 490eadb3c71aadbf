/**
 * medianSpacingMs for a series read in batches (one instrument, rows in file order), without keeping every gap:
 * gaps are counted by value — bars of a regular series have few distinct gaps — and the median is read off the
 * counts. A series with more distinct gaps than `maxDistinct` stops counting; its median is then selected exactly
 * from a second reading of its timestamps (kthSpacing), so the result is medianSpacingMs' in every case.
 */
import { nearestInterval, type Interval } from '../domain/interval';

/** A way to read the timestamps again from the start (e.g. from a spool), batch by batch. */
export type TimestampReplay = () => AsyncIterable<ArrayLike<number>>;

async function* spacings(replay: TimestampReplay): AsyncGenerator<number> {
  let previous: number | undefined;
  for await (const batch of replay()) {
    for (let i = 0; i < batch.length; i++) {
      const t = batch[i];
      if (previous !== undefined) {
        const gap = t - previous;
        if (gap > 0 && Number.isFinite(gap)) yield gap;
      }
      previous = t;
    }
  }
}

/**
 * The k-th smallest (0-based) positive gap between consecutive timestamps. Positive doubles order like their bit
 * patterns, so it is chosen 16 bits at a time from the top: four readings, 65,536 counters.
 */
export async function kthSpacing(replay: TimestampReplay, k: number): Promise<number> {
  const view = new DataView(new ArrayBuffer(8));
  const digits: number[] = [];
  const digit = (hi: number, lo: number, d: number): number => (d === 0 ? hi >>> 16 : d === 1 ? hi & 0xffff : d === 2 ? lo >>> 16 : lo & 0xffff);
  let rank = k;
  for (let d = 0; d < 4; d++) {
    const counts = new Float64Array(65_536);
    for await (const gap of spacings(replay)) {
      view.setFloat64(0, gap);
      const hi = view.getUint32(0);
      const lo = view.getUint32(4);
      let match = true;
      for (let p = 0; p < d && match; p++) match = digit(hi, lo, p) === digits[p];
      if (match) counts[digit(hi, lo, d)]++;
    }
    let chosen = -1;
    for (let v = 0; v < 65_536; v++) {
      if (rank < counts[v]) {
        chosen = v;
        break;
      }
      rank -= counts[v];
    }
    if (chosen < 0) throw new RangeError(`there is no gap of rank ${k}`);
    digits.push(chosen);
  }
  view.setUint32(0, ((digits[0] << 16) | digits[1]) >>> 0);
  view.setUint32(4, ((digits[2] << 16) | digits[3]) >>> 0);
  return view.getFloat64(0);
}

export class StreamedSpacing {
  private readonly counts = new Map<number, number>();
  private gaps = 0;
  private overflow = false;
  private previous: number | undefined;

  constructor(private readonly maxDistinct = 65_536) {}

  /** The next timestamps of the series, in order. */
  add(timestamps: ArrayLike<number>): void {
    for (let i = 0; i < timestamps.length; i++) {
      const t = timestamps[i];
      if (this.previous !== undefined) {
        const gap = t - this.previous;
        if (gap > 0 && Number.isFinite(gap)) {
          this.gaps++;
          if (!this.overflow) {
            this.counts.set(gap, (this.counts.get(gap) ?? 0) + 1);
            if (this.counts.size > this.maxDistinct) {
              this.overflow = true;
              this.counts.clear();
            }
          }
        }
      }
      this.previous = t;
    }
  }

  /** medianSpacingMs of everything added; `replay` reads the timestamps again when the counts did not suffice. */
  async median(replay: TimestampReplay): Promise<number | undefined> {
    const count = this.gaps;
    if (count === 0) return undefined;
    const mid = count >> 1;
    const ranks = count % 2 === 1 ? [mid] : [mid - 1, mid];
    let values: number[];
    if (this.overflow) {
      values = [];
      for (const r of ranks) values.push(await kthSpacing(replay, r));
    } else {
      const sorted = [...this.counts.entries()].sort((a, b) => a[0] - b[0]);
      values = ranks.map((r) => {
        let seen = 0;
        for (const [gap, n] of sorted) {
          seen += n;
          if (r < seen) return gap;
        }
        throw new RangeError(`there is no gap of rank ${r}`);
      });
    }
    return values.length === 1 ? values[0] : (values[0] + values[1]) / 2;
  }

  /** inferInterval of the series. */
  async interval(replay: TimestampReplay): Promise<Interval | undefined> {
    const median = await this.median(replay);
    return median === undefined ? undefined : nearestInterval(median);
  }
}
