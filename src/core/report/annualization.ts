import { isWeekendDay } from './calendar';
import type { DailySeries } from './daily-series';

/** Mean length of a year in days (Gregorian), used to place coarse spacings on the calendar. */
const DAYS_PER_YEAR = 365.25;

/** Periods a year for bars coarser than a day, with their nominal spacing in days. */
const COARSE: ReadonlyArray<{ periods: number; days: number }> = [
  { periods: 52, days: 7 },
  { periods: 12, days: DAYS_PER_YEAR / 12 },
  { periods: 4, days: DAYS_PER_YEAR / 4 },
  { periods: 1, days: DAYS_PER_YEAR },
];

/**
 * Number of report periods in a year, inferred from the spacing of the daily marks:
 *
 * - median gap between consecutive marks of at most one day (daily or intraday bars): 365 when the data trades
 *   on weekends — more than 60 % of the 2/7 share of Saturdays and Sundays a seven-day calendar has, counted over
 *   distinct UTC days (backtesting.py's threshold, counted per day rather than per bar) — else 252 trading days;
 * - a coarser median gap g: whichever of 52 (weekly), 12 (monthly), 4 (quarterly) and 1 (yearly) has its
 *   nominal spacing (7, 365.25/12, 365.25/4, 365.25 days) nearest to g on a log scale.
 *
 * `null` with fewer than two distinct days.
 */
export function annualizationFactor(series: DailySeries): number | null {
  const days: number[] = [];
  for (let k = 0; k < series.day.length; k++) {
    const d = series.day[k];
    if (days.length === 0 || days[days.length - 1] !== d) days.push(d);
  }
  if (days.length < 2) return null;
  const gaps: number[] = [];
  for (let k = 1; k < days.length; k++) gaps.push(days[k] - days[k - 1]);
  gaps.sort((a, b) => a - b);
  const mid = gaps.length >> 1;
  const median = gaps.length % 2 === 1 ? gaps[mid] : (gaps[mid - 1] + gaps[mid]) / 2;
  if (median <= 1) {
    let weekend = 0;
    for (const d of days) if (isWeekendDay(d)) weekend++;
    return weekend / days.length > (2 / 7) * 0.6 ? 365 : 252;
  }
  let best = COARSE[0];
  for (const c of COARSE) {
    if (Math.abs(Math.log(median / c.days)) < Math.abs(Math.log(median / best.days))) best = c;
  }
  return best.periods;
}
