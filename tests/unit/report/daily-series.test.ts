import { describe, expect, it } from 'vitest';
import { annualizationFactor, dailySeries } from '../../../src/core/report';
import { MS_PER_DAY, MS_PER_HOUR } from '../../../src/core/domain/time';

const MONDAY = Date.UTC(2024, 0, 1); // 2024-01-01 was a Monday

const f64 = (xs: number[]): Float64Array => Float64Array.from(xs);

describe('daily series', () => {
  it('keeps the first bar as anchor, then the last bar of each UTC day', () => {
    // day 1: 09:00 100, 12:00 105, 16:00 102; day 2: 09:00 101, 16:00 110
    const time = f64([
      MONDAY + 9 * MS_PER_HOUR,
      MONDAY + 12 * MS_PER_HOUR,
      MONDAY + 16 * MS_PER_HOUR,
      MONDAY + MS_PER_DAY + 9 * MS_PER_HOUR,
      MONDAY + MS_PER_DAY + 16 * MS_PER_HOUR,
    ]);
    const s = dailySeries(f64([100, 105, 102, 101, 110]), time);
    expect(Array.from(s.equity)).toEqual([100, 102, 110]);
    expect(Array.from(s.time)).toEqual([time[0], time[2], time[4]]);
    expect(Array.from(s.day)).toEqual([19723, 19723, 19724]); // 2024-01-01 is day 19723 since the epoch
    // returns: 102/100 - 1 = 0.02 (first day, from the anchor); 110/102 - 1 = 8/102
    expect(s.returns).toHaveLength(2);
    expect(s.returns[0]).toBeCloseTo(0.02, 15);
    expect(s.returns[1]).toBeCloseTo(8 / 102, 15);
  });

  it('with daily bars, every bar is a mark and the first day adds no return of its own', () => {
    const time = f64([0, 1, 2, 3].map((k) => MONDAY + k * MS_PER_DAY));
    const s = dailySeries(f64([100, 110, 99, 99]), time);
    expect(Array.from(s.equity)).toEqual([100, 110, 99, 99]);
    // 110/100 - 1 = 0.1; 99/110 - 1 = -0.1; 99/99 - 1 = 0
    expect(s.returns[0]).toBeCloseTo(0.1, 15);
    expect(s.returns[1]).toBeCloseTo(-0.1, 15);
    expect(s.returns[2]).toBe(0);
  });

  it('stops at ruin: the return into zero or negative equity is kept, nothing after it', () => {
    const daily = dailySeries(f64([100, 50, 0, 20]), f64([0, 1, 2, 3].map((k) => MONDAY + k * MS_PER_DAY)));
    expect(Array.from(daily.returns)).toEqual([-0.5, -1]);
    // intraday ruin at 12:00 of the first day: that bar becomes the last mark
    const intraday = dailySeries(f64([100, -5, 10]), f64([MONDAY + 9 * MS_PER_HOUR, MONDAY + 12 * MS_PER_HOUR, MONDAY + 16 * MS_PER_HOUR]));
    expect(Array.from(intraday.equity)).toEqual([100, -5]);
    expect(intraday.returns[0]).toBeCloseTo(-1.05, 15);
    expect(dailySeries(f64([0, 10]), f64([MONDAY, MONDAY + MS_PER_DAY])).returns).toHaveLength(0);
  });

  it('rejects curves it cannot measure, naming the bar', () => {
    expect(() => dailySeries(f64([1, 2]), f64([MONDAY]))).toThrow(/2 values but time has 1/);
    expect(() => dailySeries(f64([1, NaN]), f64([MONDAY, MONDAY + MS_PER_DAY]))).toThrow(/equity\[1\] is NaN/);
    expect(() => dailySeries(f64([1, 2]), f64([MONDAY + MS_PER_DAY, MONDAY]))).toThrow(/time\[1\]/);
    expect(dailySeries(f64([]), f64([])).returns).toHaveLength(0);
  });
});

describe('annualization factor', () => {
  const factorOf = (time: number[]): number | null => annualizationFactor(dailySeries(f64(time.map(() => 100)), f64(time)));
  const range = (n: number, f: (k: number) => number): number[] => Array.from({ length: n }, (_, k) => f(k));

  it('is 252 for weekday bars and 365 when weekends trade', () => {
    const weekdays = range(40, (k) => MONDAY + (Math.floor(k / 5) * 7 + (k % 5)) * MS_PER_DAY); // Mon–Fri, 8 weeks
    expect(factorOf(weekdays)).toBe(252);
    expect(factorOf(range(40, (k) => MONDAY + k * MS_PER_DAY))).toBe(365);
    expect(factorOf(range(24 * 20, (k) => MONDAY + k * MS_PER_HOUR))).toBe(365); // hourly around the clock
    const hourlyWeekdays = weekdays.flatMap((t) => range(8, (h) => t + (9 + h) * MS_PER_HOUR));
    expect(factorOf(hourlyWeekdays)).toBe(252);
  });

  it('snaps coarser spacing to weeks, months, quarters or years', () => {
    expect(factorOf(range(30, (k) => MONDAY + k * 7 * MS_PER_DAY))).toBe(52);
    expect(factorOf(range(30, (k) => Date.UTC(2000 + Math.floor(k / 12), k % 12, 1)))).toBe(12);
    expect(factorOf(range(30, (k) => Date.UTC(2000 + Math.floor(k / 4), (k % 4) * 3, 1)))).toBe(4);
    expect(factorOf(range(10, (k) => Date.UTC(2000 + k, 0, 1)))).toBe(1);
  });

  it('is null with fewer than two distinct days', () => {
    expect(factorOf([MONDAY, MONDAY + MS_PER_HOUR, MONDAY + 2 * MS_PER_HOUR])).toBeNull();
    expect(factorOf([])).toBeNull();
  });
});
