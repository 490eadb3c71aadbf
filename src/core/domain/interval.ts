/**
 * Bar spacing. Codes are small integers ordered by duration, so `a < b` compares lengths and the engine can
 * index tables by code. Strings are the canonical spelling used in files, specs and the UI.
 *
 * Nominal milliseconds are for sizing and inference only: a month is taken as 30 days and a week as 7 days.
 * Calendar arithmetic (month ends, sessions, DST) must not use them.
 */
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from './time';

export const Interval = {
  Minute1: 1,
  Minute5: 2,
  Minute15: 3,
  Minute30: 4,
  Hour1: 5,
  Hour4: 6,
  Day1: 7,
  Week1: 8,
  Month1: 9,
} as const;

export type Interval = (typeof Interval)[keyof typeof Interval];

export type IntervalName = '1m' | '5m' | '15m' | '30m' | '1h' | '4h' | '1d' | '1w' | '1mo';

interface IntervalInfo {
  readonly interval: Interval;
  readonly name: IntervalName;
  readonly ms: number;
}

/** Every interval, shortest first. */
const TABLE: readonly IntervalInfo[] = [
  { interval: Interval.Minute1, name: '1m', ms: MS_PER_MINUTE },
  { interval: Interval.Minute5, name: '5m', ms: 5 * MS_PER_MINUTE },
  { interval: Interval.Minute15, name: '15m', ms: 15 * MS_PER_MINUTE },
  { interval: Interval.Minute30, name: '30m', ms: 30 * MS_PER_MINUTE },
  { interval: Interval.Hour1, name: '1h', ms: MS_PER_HOUR },
  { interval: Interval.Hour4, name: '4h', ms: 4 * MS_PER_HOUR },
  { interval: Interval.Day1, name: '1d', ms: MS_PER_DAY },
  { interval: Interval.Week1, name: '1w', ms: 7 * MS_PER_DAY },
  { interval: Interval.Month1, name: '1mo', ms: 30 * MS_PER_DAY },
];

export const INTERVALS: readonly Interval[] = TABLE.map((t) => t.interval);

function info(interval: Interval): IntervalInfo {
  const found = TABLE[interval - 1];
  if (found === undefined || found.interval !== interval) {
    throw new RangeError(`not an Interval code: ${String(interval)}`);
  }
  return found;
}

export function isInterval(value: unknown): value is Interval {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= TABLE.length;
}

export function formatInterval(interval: Interval): IntervalName {
  return info(interval).name;
}

/** Nominal length in milliseconds (a month is 30 days). */
export function intervalMs(interval: Interval): number {
  return info(interval).ms;
}

/** Parses a canonical name (`1m 5m 15m 30m 1h 4h 1d 1w 1mo`); returns undefined for anything else. */
export function tryParseInterval(text: string): Interval | undefined {
  const name = text.trim();
  for (const t of TABLE) if (t.name === name) return t.interval;
  return undefined;
}

/** Parses a canonical name; throws a RangeError listing the valid names otherwise. */
export function parseInterval(text: string): Interval {
  const parsed = tryParseInterval(text);
  if (parsed === undefined) {
    // `1M` is month in some tools and minute in others: refuse to guess, but say what is accepted.
    throw new RangeError(`unknown interval "${text}"; expected one of ${TABLE.map((t) => t.name).join(', ')}`);
  }
  return parsed;
}

/**
 * The interval whose nominal length is closest to `ms` on a log scale (ratios, not differences, so 2 days is
 * nearer 1d than 1w). Returns undefined for non-positive or non-finite input.
 */
export function nearestInterval(ms: number): Interval | undefined {
  if (!(ms > 0) || !Number.isFinite(ms)) return undefined;
  const target = Math.log(ms);
  let best = TABLE[0];
  let bestDistance = Infinity;
  for (const t of TABLE) {
    const distance = Math.abs(Math.log(t.ms) - target);
    if (distance < bestDistance) {
      best = t;
      bestDistance = distance;
    }
  }
  return best.interval;
}
