/**
 * Time rules of backtesting.py's statistics, on epoch-millisecond (UTC) timestamps:
 * the data period (median spacing of the last 100 bars), the resolution that durations are rounded up to,
 * the number of periods per year used to annualise, and the calendar bins returns are resampled to.
 */
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from '../domain/time';

const MS_PER_SECOND = 1_000;

/** Median spacing of the last (up to) 100 timestamps; NaN with fewer than two. */
export function dataPeriodMs(time: Float64Array): number {
  const from = Math.max(0, time.length - 100);
  const diffs: number[] = [];
  for (let k = from + 1; k < time.length; k++) diffs.push(time[k] - time[k - 1]);
  if (diffs.length === 0) return NaN;
  diffs.sort((a, b) => a - b);
  const mid = diffs.length >> 1;
  return diffs.length % 2 === 1 ? diffs[mid] : (diffs[mid - 1] + diffs[mid]) / 2;
}

/**
 * Unit that durations are rounded up to: the smallest non-zero component of the data period (pandas'
 * `Timedelta.resolution_string`), e.g. a day for daily bars and an hour for hourly ones.
 */
export function resolutionMs(periodMs: number): number {
  if (!Number.isFinite(periodMs)) return MS_PER_DAY;
  const whole = Math.floor(periodMs);
  if (periodMs !== whole) return 0.001; // a sub-millisecond median: microsecond resolution
  if (whole % MS_PER_SECOND !== 0) return 1;
  if (whole % MS_PER_MINUTE !== 0) return MS_PER_SECOND;
  if (whole % MS_PER_HOUR !== 0) return MS_PER_MINUTE;
  if (whole % MS_PER_DAY !== 0) return MS_PER_HOUR;
  return MS_PER_DAY;
}

/** Round a duration up to a whole number of `unitMs` (pandas `Timedelta.ceil`). */
export function ceilDuration(ms: number, unitMs: number): number {
  return Math.ceil(ms / unitMs) * unitMs;
}

export type ResampleRule = 'day' | 'week' | 'month' | 'year';

/** Annualisation of backtesting.py: periods per year and the calendar bin returns are taken over. */
export interface Annualization {
  periodsPerYear: number;
  rule: ResampleRule;
}

/**
 * Weekly (7-day), monthly (31-day) and yearly (365-day) data are annualised with 52, 12 and 1 periods;
 * anything else is resampled to days, with 365 days a year when weekends are present (over 60 % of the
 * 2/7 share a full week would have), 252 otherwise.
 */
export function annualization(time: Float64Array): Annualization {
  const freqDays = Math.floor(dataPeriodMs(time) / MS_PER_DAY);
  if (freqDays === 7) return { periodsPerYear: 52, rule: 'week' };
  if (freqDays === 31) return { periodsPerYear: 12, rule: 'month' };
  if (freqDays === 365) return { periodsPerYear: 1, rule: 'year' };
  let weekend = 0;
  for (let k = 0; k < time.length; k++) {
    const dow = new Date(time[k]).getUTCDay();
    if (dow === 0 || dow === 6) weekend++;
  }
  const haveWeekends = weekend / time.length > (2 / 7) * 0.6;
  return { periodsPerYear: haveWeekends ? 365 : 252, rule: 'day' };
}

/** Key of the calendar bin a timestamp falls in; weeks run Monday to Sunday (pandas 'W' = 'W-SUN'). */
export function binKey(ms: number, rule: ResampleRule): number {
  const day = Math.floor(ms / MS_PER_DAY);
  switch (rule) {
    case 'day':
      return day;
    case 'week':
      // Day 0 (1970-01-01) was a Thursday: shifting by 3 makes weeks start on Mondays.
      return Math.floor((day + 3) / 7);
    case 'month': {
      const d = new Date(ms);
      return d.getUTCFullYear() * 12 + d.getUTCMonth();
    }
    case 'year':
      return new Date(ms).getUTCFullYear();
  }
}

/** `YYYY-MM-DDTHH:MM:SS` in UTC. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}
