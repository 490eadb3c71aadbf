/**
 * Trading calendars for synthetic bars: which UTC instants get a bar, and what kind of trading break precedes
 * each bar (the break decides whether and how far the bar's open gaps away from the previous close).
 *
 * Pure integer arithmetic on epoch milliseconds; 1970-01-01 was a Thursday. No holidays and no daylight-saving
 * shifts: the sample instruments are fictional, so their calendars are kept deliberately simple.
 */
import type { CalendarKind, SampleInterval } from './types';
import { MS_PER_DAY, MS_PER_HOUR } from '../domain/time';

/** What lies between a bar and the one before it. */
export const SessionBreak = { None: 0, Overnight: 1, Weekend: 2 } as const;
export type SessionBreak = (typeof SessionBreak)[keyof typeof SessionBreak];

export interface CalendarSeries {
  /** Bar open times, epoch milliseconds UTC, strictly increasing. */
  readonly timestamp: Float64Array;
  /** SessionBreak before each bar; the first bar has SessionBreak.None. */
  readonly sessionBreak: Uint8Array;
}

/** FX week: opens Sunday 22:00 UTC, last hourly bar starts Friday 21:00 UTC (hours counted from Sunday 00:00). */
const FX_WEEK_OPEN_HOUR = 22;
const FX_WEEK_CLOSE_HOUR = 5 * 24 + 22;

export function calendarStepMs(kind: CalendarKind): number {
  return kind === 'fx-hourly' ? MS_PER_HOUR : MS_PER_DAY;
}

export function calendarInterval(kind: CalendarKind): SampleInterval {
  return kind === 'fx-hourly' ? '1h' : '1d';
}

/** Average bars per calendar year (365.25 days), used to turn annual drift and volatility into per-bar values. */
export function barsPerYear(kind: CalendarKind): number {
  switch (kind) {
    case 'weekdays-daily':
      return (365.25 * 5) / 7;
    case 'all-days-daily':
      return 365.25;
    case 'fx-hourly':
      return ((365.25 * 5) / 7) * 24;
  }
}

/** Day of week of an epoch-ms instant in UTC, 0 = Sunday … 6 = Saturday. */
export function utcDayOfWeek(t: number): number {
  const day = Math.floor(t / MS_PER_DAY);
  return (((day + 4) % 7) + 7) % 7;
}

/** Whether the calendar has a bar starting at t (t must be aligned to the calendar's step). */
export function isBarTime(kind: CalendarKind, t: number): boolean {
  const dow = utcDayOfWeek(t);
  switch (kind) {
    case 'weekdays-daily':
      return dow >= 1 && dow <= 5;
    case 'all-days-daily':
      return true;
    case 'fx-hourly': {
      const hourOfDay = Math.floor((t - Math.floor(t / MS_PER_DAY) * MS_PER_DAY) / MS_PER_HOUR);
      const hourOfWeek = dow * 24 + hourOfDay;
      return hourOfWeek >= FX_WEEK_OPEN_HOUR && hourOfWeek < FX_WEEK_CLOSE_HOUR;
    }
  }
}

/** The first `bars` bar times at or after `start`, with the break preceding each. */
export function buildCalendar(kind: CalendarKind, start: number, bars: number): CalendarSeries {
  const step = calendarStepMs(kind);
  if (!Number.isSafeInteger(start) || ((start % step) + step) % step !== 0) {
    throw new RangeError(`start must be an integer epoch-ms aligned to ${step} ms for ${kind}, got ${start}`);
  }
  if (!Number.isSafeInteger(bars) || bars < 1) {
    throw new RangeError(`bars must be a positive integer, got ${bars}`);
  }
  const timestamp = new Float64Array(bars);
  const sessionBreak = new Uint8Array(bars);
  let t = start;
  for (let i = 0; i < bars; t += step) {
    if (!isBarTime(kind, t)) continue;
    timestamp[i] = t;
    if (i > 0) sessionBreak[i] = breakBetween(kind, t - timestamp[i - 1]);
    i++;
  }
  return { timestamp, sessionBreak };
}

function breakBetween(kind: CalendarKind, elapsedMs: number): SessionBreak {
  switch (kind) {
    case 'weekdays-daily':
      return elapsedMs > MS_PER_DAY ? SessionBreak.Weekend : SessionBreak.Overnight;
    case 'all-days-daily':
      return SessionBreak.None;
    case 'fx-hourly':
      return elapsedMs > MS_PER_HOUR ? SessionBreak.Weekend : SessionBreak.None;
  }
}
