/** UTC calendar arithmetic on epoch-millisecond timestamps; time always comes from the data. */
import { MS_PER_DAY } from '../domain/time';

/** Whole UTC days since 1970-01-01 (negative before it). */
export function utcDay(ms: number): number {
  return Math.floor(ms / MS_PER_DAY);
}

/** UTC calendar year of a timestamp. */
export function utcYear(ms: number): number {
  return new Date(ms).getUTCFullYear();
}

/** UTC calendar month of a timestamp, 1 (January) to 12 (December). */
export function utcMonth(ms: number): number {
  return new Date(ms).getUTCMonth() + 1;
}

/** Whether a UTC day number falls on a Saturday or a Sunday (1970-01-01 was a Thursday). */
export function isWeekendDay(day: number): boolean {
  const dow = (((day + 4) % 7) + 7) % 7; // 0 = Sunday … 6 = Saturday
  return dow === 0 || dow === 6;
}
