import { describe, expect, it } from 'vitest';
import { calendarReturns, dailySeries, extremes } from '../../../src/core/report';

// Anchor 2023-11-30 at 100, then 2023-12-01 110, 2023-12-29 99, 2024-01-02 108.9, 2024-01-31 119.79,
// 2024-02-01 107.811. Daily returns: +10 %, -10 %, +10 %, +10 %, -10 %.
// Dec 2023: 1.1·0.9 - 1 = -1 %; Jan 2024: 1.1·1.1 - 1 = +21 %; Feb 2024: -10 %. November has no return.
// 2023: -1 %; 2024: 1.1·1.1·0.9 - 1 = +8.9 %.
const dates = ['2023-11-30', '2023-12-01', '2023-12-29', '2024-01-02', '2024-01-31', '2024-02-01'];
const series = dailySeries(
  Float64Array.from([100, 110, 99, 108.9, 119.79, 107.811]),
  Float64Array.from(dates.map((d) => Date.parse(`${d}T00:00:00Z`))),
);

describe('calendar returns', () => {
  it('compounds the daily returns of each month', () => {
    const months = calendarReturns(series, 'month');
    expect(months.map((m) => [m.year, m.month])).toEqual([
      [2023, 12],
      [2024, 1],
      [2024, 2],
    ]);
    expect(months[0].value).toBeCloseTo(-0.01, 14);
    expect(months[1].value).toBeCloseTo(0.21, 14);
    expect(months[2].value).toBeCloseTo(-0.1, 14);
  });

  it('compounds the daily returns of each year', () => {
    const years = calendarReturns(series, 'year');
    expect(years.map((y) => y.year)).toEqual([2023, 2024]);
    expect(years[0].value).toBeCloseTo(-0.01, 14);
    expect(years[1].value).toBeCloseTo(0.089, 14);
    const { best, worst } = extremes(years.map((y) => y.value));
    expect(best).toBeCloseTo(0.089, 14);
    expect(worst).toBeCloseTo(-0.01, 14);
  });

  it('dates an intraday first day by the day it ends on', () => {
    const HOUR = 3_600_000;
    const t0 = Date.UTC(2024, 0, 31, 9);
    // 2024-01-31 09:00 100, 16:00 104; 2024-02-01 16:00 91 → Jan +4 %, Feb 91/104 - 1 = -12.5 %
    const s = dailySeries(Float64Array.from([100, 104, 91]), Float64Array.from([t0, t0 + 7 * HOUR, t0 + 31 * HOUR]));
    const months = calendarReturns(s, 'month');
    expect(months.map((m) => m.month)).toEqual([1, 2]);
    expect(months[0].value).toBeCloseTo(0.04, 15);
    expect(months[1].value).toBeCloseTo(-0.125, 15);
  });

  it('is empty without returns; extremes of nothing are null', () => {
    const one = dailySeries(Float64Array.from([100]), Float64Array.from([0]));
    expect(calendarReturns(one, 'month')).toEqual([]);
    expect(extremes([])).toEqual({ best: null, worst: null });
  });
});
