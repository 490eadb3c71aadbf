import { utcMonth, utcYear } from './calendar';
import type { DailySeries } from './daily-series';

/**
 * Compounded returns per calendar month and per year (quantstats `monthly_returns`, `best`/`worst` with
 * aggregate 'ME'/'YE'): the daily returns are grouped by the UTC month (year) of the day they end on, and a group's
 * return is ∏(1 + r) - 1 over its days. Since a group's days are consecutive marks, that product telescopes to
 * equity(last mark of the group) / equity(mark before its first day) - 1, which is what is computed (one division,
 * no accumulated rounding). A month without any daily return (no data) has no entry; quantstats' pivot shows 0.
 */
export interface PeriodReturn {
  year: number;
  /** 1–12 for months; 0 for a whole year. */
  month: number;
  /** Simple compounded return as a fraction. */
  value: number;
}

export type CalendarPeriod = 'month' | 'year';

export function calendarReturns(series: DailySeries, period: CalendarPeriod): PeriodReturn[] {
  const out: PeriodReturn[] = [];
  const r = series.returns.length;
  let start = 0; // index of the first return of the current group
  for (let k = 0; k < r; k++) {
    const t = series.time[k + 1];
    const key = groupKey(t, period);
    const next = k + 1 < r ? groupKey(series.time[k + 2], period) : NaN;
    if (next !== key) {
      out.push({
        year: utcYear(t),
        month: period === 'month' ? utcMonth(t) : 0,
        value: series.equity[k + 1] / series.equity[start] - 1,
      });
      start = k + 1;
    }
  }
  return out;
}

function groupKey(ms: number, period: CalendarPeriod): number {
  const year = utcYear(ms);
  return period === 'month' ? year * 12 + utcMonth(ms) - 1 : year;
}

/** Largest and smallest value of a list; `null`s when it is empty. */
export function extremes(values: ArrayLike<number>): { best: number | null; worst: number | null } {
  if (values.length === 0) return { best: null, worst: null };
  let best = values[0];
  let worst = values[0];
  for (let k = 1; k < values.length; k++) {
    if (values[k] > best) best = values[k];
    if (values[k] < worst) worst = values[k];
  }
  return { best, worst };
}
