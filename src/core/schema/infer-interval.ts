import { nearestInterval, type Interval } from '../domain/interval';

export interface TimestampColumns {
  readonly timestamp: ArrayLike<number>;
  readonly instrument?: readonly string[];
}

/**
 * Median gap between consecutive timestamps of the same instrument, ignoring non-positive and non-finite gaps
 * (those are validation errors, not spacing). The median, not the mean, so weekends, holidays and session
 * breaks do not stretch daily or hourly data. Undefined when there is no positive gap.
 */
export function medianSpacingMs(columns: TimestampColumns): number | undefined {
  const { timestamp, instrument } = columns;
  const n = timestamp.length;
  const gaps = new Float64Array(Math.max(0, n - 1));
  let count = 0;
  const add = (gap: number): void => {
    if (gap > 0 && Number.isFinite(gap)) gaps[count++] = gap;
  };
  if (instrument === undefined) {
    for (let i = 1; i < n; i++) add(timestamp[i] - timestamp[i - 1]);
  } else {
    const previous = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const before = previous.get(instrument[i]);
      if (before !== undefined) add(timestamp[i] - before);
      previous.set(instrument[i], timestamp[i]);
    }
  }
  if (count === 0) return undefined;
  const sorted = gaps.subarray(0, count).sort();
  const mid = count >> 1;
  return count % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The bar interval of a series: the Interval nearest (by ratio) to the median spacing. Daily bars with weekend
 * gaps give 1d; month-end bars (28–31 day gaps) give 1mo. Undefined for fewer than two distinct timestamps.
 */
export function inferInterval(columns: TimestampColumns): Interval | undefined {
  const median = medianSpacingMs(columns);
  return median === undefined ? undefined : nearestInterval(median);
}
