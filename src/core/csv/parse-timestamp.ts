/**
 * Timestamp text → epoch milliseconds UTC, without Date parsing (Date.parse treats `2004-08-19` as UTC but
 * `2004-08-19 00:00` as local time, and is slow). Both functions return NaN when the text does not parse.
 */
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from '../domain/time';

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month];
}

/** Value of `count` ASCII digits at `at`, or -1 if any is not a digit. */
function digitsAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let k = 0; k < count; k++) {
    const d = text.charCodeAt(at + k) - 48;
    if (!(d >= 0 && d <= 9)) return -1;
    value = value * 10 + d;
  }
  return value;
}

/** Width (1 or 2) of the digit run at `at` before `end`, or 0 if there is none or it is longer. */
function shortRun(text: string, at: number, end: number): number {
  let width = 0;
  while (at + width < end) {
    const d = text.charCodeAt(at + width) - 48;
    if (!(d >= 0 && d <= 9)) break;
    width++;
  }
  return width >= 1 && width <= 2 ? width : 0;
}

/**
 * Parses an ISO 8601-style timestamp in `text[start, end)` (surrounding spaces ignored), accepting what DuckDB's
 * TIMESTAMPTZ cast accepts in this family: `YYYY-M[M]-D[D]`, optionally followed by `T` or a space and
 * `H[H]:MM`, `H[H]:MM:SS` or `H[H]:MM:SS.fraction` (`24:00:00` is the next midnight), optionally followed by `Z` or
 * an offset `±HH`, `±HHMM`, `±HH:MM`. Without an offset the time is UTC. Digits finer than a millisecond are
 * truncated toward zero, as DuckDB's epoch_ms does (it divides microseconds by 1000 in integer arithmetic).
 */
export function parseIsoTimestamp(text: string, start: number, end: number): number {
  let c: number;
  while (start < end && ((c = text.charCodeAt(start)) === 32 || c === 9)) start++;
  while (end > start && ((c = text.charCodeAt(end - 1)) === 32 || c === 9)) end--;
  if (end - start < 8) return NaN;

  const year = digitsAt(text, start, 4);
  if (year < 0 || text.charCodeAt(start + 4) !== 45 /* - */) return NaN;
  let i = start + 5;
  const monthWidth = shortRun(text, i, end);
  if (monthWidth === 0 || text.charCodeAt(i + monthWidth) !== 45) return NaN;
  const month = digitsAt(text, i, monthWidth);
  i += monthWidth + 1;
  const dayWidth = shortRun(text, i, end);
  if (dayWidth === 0) return NaN;
  const day = digitsAt(text, i, dayWidth);
  i += dayWidth;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  let ms = daysFromCivil(year, month, day) * MS_PER_DAY;
  if (i === end) return ms;

  let subMillisecond = false;
  c = text.charCodeAt(i);
  if (c === 84 /* T */ || c === 32) {
    i++;
    const hourWidth = shortRun(text, i, end);
    if (hourWidth === 0 || text.charCodeAt(i + hourWidth) !== 58 /* : */) return NaN;
    const hour = digitsAt(text, i, hourWidth);
    i += hourWidth + 1;
    const minute = i + 2 <= end ? digitsAt(text, i, 2) : -1;
    if (minute < 0 || minute > 59) return NaN;
    i += 2;
    let second = 0;
    let fraction = 0;
    if (i < end && text.charCodeAt(i) === 58) {
      second = i + 3 <= end ? digitsAt(text, i + 1, 2) : -1;
      if (second < 0 || second > 59) return NaN;
      i += 3;
      if (i < end && text.charCodeAt(i) === 46 /* . */) {
        i++;
        const fractionStart = i;
        let scale = 100;
        while (i < end) {
          const d = text.charCodeAt(i) - 48;
          if (d < 0 || d > 9) break;
          if (scale >= 1) fraction += d * scale;
          else if (d !== 0) subMillisecond = true;
          scale /= 10;
          i++;
        }
        if (i === fractionStart) return NaN;
      }
    }
    if (hour > 24 || (hour === 24 && (minute !== 0 || second !== 0 || fraction !== 0 || subMillisecond))) return NaN;
    ms += hour * MS_PER_HOUR + minute * MS_PER_MINUTE + second * 1000 + fraction;
  }

  if (i < end) {
    c = text.charCodeAt(i);
    if (c === 90 /* Z */) {
      if (i + 1 !== end) return NaN;
    } else if (c === 43 /* + */ || c === 45 /* - */) {
      const sign = c === 45 ? -1 : 1;
      i++;
      const offsetHours = i + 2 <= end ? digitsAt(text, i, 2) : -1;
      if (offsetHours < 0 || offsetHours > 23) return NaN;
      i += 2;
      let offsetMinutes = 0;
      if (i < end) {
        if (text.charCodeAt(i) === 58) i++;
        offsetMinutes = i + 2 === end ? digitsAt(text, i, 2) : -1;
        if (offsetMinutes < 0 || offsetMinutes > 59) return NaN;
      }
      ms -= sign * (offsetHours * 60 + offsetMinutes) * MS_PER_MINUTE;
    } else {
      return NaN;
    }
  }
  // Whole milliseconds were accumulated, which floors; DuckDB truncates toward zero, which differs only for
  // instants before 1970 with sub-millisecond digits.
  return ms < 0 && subMillisecond ? ms + 1 : ms;
}

export type EpochUnit = 's' | 'ms' | 'us' | 'ns';

const UNIT_DIGITS: Record<EpochUnit, number> = { s: -3, ms: 0, us: 3, ns: 6 };

/** True when `text[start, end)` is an optionally signed run of digits (spaces around ignored). */
export function looksLikeEpoch(text: string, start: number, end: number): boolean {
  let c: number;
  while (start < end && ((c = text.charCodeAt(start)) === 32 || c === 9)) start++;
  while (end > start && ((c = text.charCodeAt(end - 1)) === 32 || c === 9)) end--;
  if (start < end && text.charCodeAt(start) === 45) start++;
  if (start === end) return false;
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
  }
  return true;
}

/**
 * The unit of an integer epoch judged by its size: below 1e11 seconds (1e11 s is year 5138, 1e11 ms is 1973),
 * below 1e14 milliseconds, below 1e17 microseconds, else nanoseconds.
 */
export function guessEpochUnit(value: number): EpochUnit {
  const magnitude = Math.abs(value);
  if (magnitude < 1e11) return 's';
  if (magnitude < 1e14) return 'ms';
  if (magnitude < 1e17) return 'us';
  return 'ns';
}

/**
 * Integer epoch in `unit` → epoch milliseconds, truncated toward zero like DuckDB's integer division.
 * Digits finer than a millisecond are dropped before accumulating, so nanosecond values (19 digits) stay exact.
 */
export function parseEpoch(text: string, start: number, end: number, unit: EpochUnit): number {
  let c: number;
  while (start < end && ((c = text.charCodeAt(start)) === 32 || c === 9)) start++;
  while (end > start && ((c = text.charCodeAt(end - 1)) === 32 || c === 9)) end--;
  let negative = false;
  if (start < end && text.charCodeAt(start) === 45) {
    negative = true;
    start++;
  }
  if (start === end) return NaN;
  const dropped = Math.max(0, UNIT_DIGITS[unit]);
  const keepEnd = Math.max(start, end - dropped);
  let value = 0;
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    if (i < keepEnd) value = value * 10 + d;
  }
  if (unit === 's') value *= 1000;
  return negative && value !== 0 ? -value : value;
}
