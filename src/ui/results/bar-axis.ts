/**
 * The candlestick chart's x axis counts bars, not time, so weekends and overnight breaks leave no empty gaps.
 * Ticks still fall on calendar boundaries (the first bar of a year, a month, a day, an hour), chosen coarse
 * enough that at most a given number fit, and are labelled at that unit's resolution.
 */
import { MS_PER_DAY, MS_PER_HOUR } from '../../core/domain/time';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

type Unit = 'hour' | 'day' | 'month' | 'year';

interface Step {
  unit: Unit;
  count: number;
  /** Typical length, to pick a step for a span. */
  ms: number;
}

const STEPS: readonly Step[] = [
  ...[1, 2, 3, 6, 12].map((count) => ({ unit: 'hour' as const, count, ms: count * MS_PER_HOUR })),
  ...[1, 2, 7, 14].map((count) => ({ unit: 'day' as const, count, ms: count * MS_PER_DAY })),
  ...[1, 2, 3, 6].map((count) => ({ unit: 'month' as const, count, ms: count * 30.44 * MS_PER_DAY })),
  ...[1, 2, 5, 10, 20, 50, 100].map((count) => ({ unit: 'year' as const, count, ms: count * 365.25 * MS_PER_DAY })),
];

/** Calendar boundaries (epoch ms, UTC) of a step from `start` (inclusive) to `end` (inclusive). */
function boundaries(step: Step, start: number, end: number): number[] {
  const out: number[] = [];
  if (step.unit === 'hour' || step.unit === 'day') {
    // Days and hours count from the epoch (weeks therefore start on Thursdays, which nobody reads on an axis).
    const size = step.unit === 'hour' ? step.count * MS_PER_HOUR : step.count * MS_PER_DAY;
    for (let t = Math.ceil(start / size) * size; t <= end; t += size) out.push(t);
    return out;
  }
  const d = new Date(start);
  let year = d.getUTCFullYear();
  let month = d.getUTCMonth();
  const months = step.unit === 'year' ? step.count * 12 : step.count;
  // First boundary at or after start, on a multiple of the step within the year (Jan/Apr/Jul/Oct for quarters).
  let index = year * 12 + month;
  if (Date.UTC(year, month, 1) < start) index++;
  index = Math.ceil(index / months) * months;
  for (;;) {
    year = Math.floor(index / 12);
    month = index % 12;
    const t = Date.UTC(year, month, 1);
    if (t > end) break;
    out.push(t);
    index += months;
  }
  return out;
}

/** First index i in [lo, hi) with time[i] >= t, or hi. */
function lowerBound(time: ArrayLike<number>, t: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function tickLabel(ms: number, unit: Unit): string {
  const d = new Date(ms);
  const iso = d.toISOString();
  switch (unit) {
    case 'year':
      return String(d.getUTCFullYear());
    case 'month':
      return d.getUTCMonth() === 0 ? String(d.getUTCFullYear()) : `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
    case 'day':
      return iso.slice(0, 10);
    case 'hour':
      return ms % MS_PER_DAY === 0 ? iso.slice(0, 10) : `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
  }
}

export interface BarTicks {
  /** Bar indices of the ticks, ascending. */
  bars: number[];
  labels: string[];
}

/**
 * Ticks for bars [from, to): the first bar at or after each calendar boundary of the finest step that yields at
 * most `maxTicks` boundaries over the span.
 */
export function barTicks(time: ArrayLike<number>, from: number, to: number, maxTicks: number): BarTicks {
  const lo = Math.max(0, from);
  const hi = Math.min(time.length, to);
  if (hi - lo < 1 || maxTicks < 1) return { bars: [], labels: [] };
  const start = time[lo];
  const end = time[hi - 1];
  const span = Math.max(end - start, 1);
  const step = STEPS.find((s) => span / s.ms <= maxTicks - 1) ?? STEPS[STEPS.length - 1];
  const bars: number[] = [];
  const labels: string[] = [];
  for (const b of boundaries(step, start, end)) {
    const i = lowerBound(time, b, lo, hi);
    if (i >= hi || (bars.length > 0 && bars[bars.length - 1] === i)) continue;
    bars.push(i);
    labels.push(tickLabel(b, step.unit));
  }
  return { bars, labels };
}

/** The bar nearest to a fractional index, clamped to the data. */
export function barAt(index: number, bars: number): number {
  return Math.min(bars - 1, Math.max(0, Math.round(index)));
}

/** Date and time of a bar for a legend or tooltip (time of day only when it is not midnight). */
export function barTimeText(ms: number): string {
  const iso = new Date(ms).toISOString();
  return ms % MS_PER_DAY === 0 ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}
