import { MS_PER_DAY } from '../../domain/time';

/**
 * Rebalance calendars of the universe strategies, as numeric parameter codes (strategy parameters are numbers):
 * 1 = monthly, 2 = weekly, 3 = every bar. A rebalance happens at the close of the first bar of each new period
 * (UTC): the last bar of a period is only known once the next one arrives, so "month end" would need look-ahead.
 * Integer arithmetic only (whole days in f64, Math.floor), so the AssemblyScript twin gets the same periods.
 */
export const RebalanceEvery = { Month: 1, Week: 2, Bar: 3 } as const;

/** The period a bar's time falls in: months since year 0, ISO weeks (Monday first) since 1970, or the bar itself. */
export function rebalancePeriod(code: number, ms: number, bar: number): number {
  const days = Math.floor(ms / MS_PER_DAY);
  if (code === RebalanceEvery.Week) return Math.floor((days + 3) / 7);
  if (code === RebalanceEvery.Bar) return bar;
  // Civil month of a day count (the days-from-civil inverse on 400-year eras; 1970-01-01 is day 0).
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return year * 12 + month - 1;
}
