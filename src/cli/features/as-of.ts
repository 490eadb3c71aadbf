/**
 * `--at DATE`: the bar a feature is computed at, as of that time — the last bar at or before it, as pandas'
 * `asof` / `.loc[:date].iloc[-1]` pick. A date alone means the end of that UTC day (a daily bar stamped
 * 2019-02-25 00:00 and every intraday bar of the day count); a full timestamp means that instant.
 */
import { parseIsoTimestamp } from '../../core/csv/parse-timestamp';
import { MS_PER_DAY } from '../../core/domain/time';
import { CliError } from '../cli-error';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The latest epoch ms a bar may have to count as "at" the given time. */
export function parseAt(text: string): number {
  const t = text.trim();
  const ms = parseIsoTimestamp(t, 0, t.length);
  if (!Number.isFinite(ms)) throw new CliError(`--at: "${text}" is not an ISO date or timestamp (e.g. 2019-02-25)`);
  return DATE_ONLY.test(t) ? ms + MS_PER_DAY - 1 : ms;
}

/** Index of the last timestamp ≤ bound (timestamps increase), or -1 when every bar is later. */
export function barAsOf(timestamp: Float64Array, bound: number): number {
  let lo = 0;
  let hi = timestamp.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (timestamp[mid] <= bound) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

export const iso = (ms: number): string => new Date(ms).toISOString();
