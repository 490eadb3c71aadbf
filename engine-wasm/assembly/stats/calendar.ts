// Time rules of the statistics on epoch-millisecond (UTC) timestamps, the twin of src/core/stats/calendar.ts:
// the data period, the resolution durations are rounded up to, the annualisation, and calendar bins.
// Calendar fields follow ECMA-262's own definitions (Day, DayFromYear, MonthFromTime, WeekDay, TimeClip), so
// they agree with what `Date.prototype.getUTC*` gives the TypeScript module, also before 1970.
import { ld, st } from "./memory";
import { RULE_DAY, RULE_MONTH, RULE_WEEK, RULE_YEAR } from "./layout";
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from "../time";

const MS_PER_SECOND: f64 = 1000;
/** Largest |time| a Date holds (TimeClip); beyond it every calendar field is NaN. */
const MAX_DATE_MS: f64 = 8.64e15;

/** Number of spacings the data period is the median of (the last 100 bars give 99). */
export const PERIOD_DIFFS: i32 = 99;

/**
 * Median spacing of the last (up to) 100 timestamps; NaN with fewer than two. `diffs` holds PERIOD_DIFFS f64.
 * Timestamps must be finite (the host checks): the median of a sort with NaN keys is not well defined.
 */
export function dataPeriodMs(time: usize, n: i32, diffs: usize): f64 {
  const from = max(0, n - 100);
  let m = 0;
  for (let k = from + 1; k < n; k++) {
    // insertion sort: at most 99 values
    const v = ld(time, k) - ld(time, k - 1);
    let j = m;
    while (j > 0 && ld(diffs, j - 1) > v) {
      st(diffs, j, ld(diffs, j - 1));
      j--;
    }
    st(diffs, j, v);
    m++;
  }
  if (m == 0) return NaN;
  const mid = m >> 1;
  return (m & 1) != 0 ? ld(diffs, mid) : (ld(diffs, mid - 1) + ld(diffs, mid)) / 2;
}

/** Unit durations are rounded up to: the smallest non-zero component of the data period. */
export function resolutionMs(periodMs: f64): f64 {
  if (!isFinite(periodMs)) return MS_PER_DAY;
  const whole = Math.floor(periodMs);
  if (periodMs != whole) return 0.001;
  if (whole % MS_PER_SECOND != 0) return 1;
  if (whole % MS_PER_MINUTE != 0) return MS_PER_SECOND;
  if (whole % MS_PER_HOUR != 0) return MS_PER_MINUTE;
  if (whole % MS_PER_DAY != 0) return MS_PER_HOUR;
  return MS_PER_DAY;
}

/** Round a duration up to a whole number of `unitMs`. */
export function ceilDuration(ms: f64, unitMs: f64): f64 {
  return Math.ceil(ms / unitMs) * unitMs;
}

/** Calendar bin of the annualisation: 7-, 31- and 365-day data keep their own period, all else goes to days. */
export function resampleRule(periodMs: f64): i32 {
  const freqDays = Math.floor(periodMs / MS_PER_DAY);
  if (freqDays == 7) return RULE_WEEK;
  if (freqDays == 31) return RULE_MONTH;
  if (freqDays == 365) return RULE_YEAR;
  return RULE_DAY;
}

/** Periods per year: 52, 12, 1; daily bins count 365 when weekends are present (> 60 % of a full week's 2/7). */
export function periodsPerYear(rule: i32, time: usize, n: i32): f64 {
  if (rule == RULE_WEEK) return 52;
  if (rule == RULE_MONTH) return 12;
  if (rule == RULE_YEAR) return 1;
  let weekend = 0;
  for (let k = 0; k < n; k++) {
    const dow = utcWeekDay(ld(time, k));
    if (dow == 0 || dow == 6) weekend++;
  }
  const haveWeekends = <f64>weekend / <f64>n > (2.0 / 7.0) * 0.6;
  return haveWeekends ? 365 : 252;
}

/** Key of the calendar bin a timestamp falls in; weeks run Monday to Sunday. NaN where a Date would be invalid. */
export function binKey(ms: f64, rule: i32): f64 {
  if (rule == RULE_DAY) return Math.floor(ms / MS_PER_DAY);
  if (rule == RULE_WEEK) {
    // Day 0 (1970-01-01) was a Thursday: shifting by 3 makes weeks start on Mondays.
    return Math.floor((Math.floor(ms / MS_PER_DAY) + 3) / 7);
  }
  const t = timeClip(ms);
  if (isNaN(t)) return NaN;
  const day = Math.floor(t / MS_PER_DAY);
  const year = yearFromDay(day);
  if (rule == RULE_YEAR) return year;
  return year * 12 + monthFromDay(day, year);
}

/** A Date's time value: NaN outside ±8.64e15 ms, else truncated to whole milliseconds. */
function timeClip(ms: f64): f64 {
  if (!(Math.abs(ms) <= MAX_DATE_MS)) return NaN;
  return Math.trunc(ms) + 0; // + 0 turns -0 into +0
}

/** getUTCDay(): 0 = Sunday … 6 = Saturday; -1 where the Date would be invalid. */
function utcWeekDay(ms: f64): i32 {
  const t = timeClip(ms);
  if (isNaN(t)) return -1;
  // Whole days within ±1e8: exact in i32, whose % is an instruction (f64 % is a software fmod).
  let r = (<i32>Math.floor(t / MS_PER_DAY) + 4) % 7;
  if (r < 0) r += 7;
  return r;
}

/** Day number (since 1970-01-01) of the first day of `year`. */
function dayFromYear(year: f64): f64 {
  return 365 * (year - 1970) + Math.floor((year - 1969) / 4) - Math.floor((year - 1901) / 100) +
    Math.floor((year - 1601) / 400);
}

function isLeapYear(year: f64): bool {
  const y = <i32>year; // |year| < 300,000 within the Date range
  return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

/** The year containing day number `day`: the largest year whose first day is not after it. */
function yearFromDay(day: f64): f64 {
  let year = Math.floor(day / 365.2425) + 1970;
  while (dayFromYear(year) > day) year--;
  while (dayFromYear(year + 1) <= day) year++;
  return year;
}

/** Month (0 = January) of day number `day` in `year`. */
function monthFromDay(day: f64, year: f64): f64 {
  const within = day - dayFromYear(year);
  const leap: f64 = isLeapYear(year) ? 1 : 0;
  // first day-within-year of February … December
  if (within < 31) return 0;
  if (within < 59 + leap) return 1;
  if (within < 90 + leap) return 2;
  if (within < 120 + leap) return 3;
  if (within < 151 + leap) return 4;
  if (within < 181 + leap) return 5;
  if (within < 212 + leap) return 6;
  if (within < 243 + leap) return 7;
  if (within < 273 + leap) return 8;
  if (within < 304 + leap) return 9;
  if (within < 334 + leap) return 10;
  return 11;
}
