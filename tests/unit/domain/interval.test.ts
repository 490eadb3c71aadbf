import { describe, expect, it } from 'vitest';
import {
  INTERVALS,
  Interval,
  formatInterval,
  intervalMs,
  isInterval,
  nearestInterval,
  parseInterval,
  tryParseInterval,
} from '../../../src/core/domain/interval';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('Interval', () => {
  it('parses, formats and sizes each canonical name', () => {
    const table: [string, Interval, number][] = [
      ['1m', Interval.Minute1, MIN],
      ['5m', Interval.Minute5, 5 * MIN],
      ['15m', Interval.Minute15, 15 * MIN],
      ['30m', Interval.Minute30, 30 * MIN],
      ['1h', Interval.Hour1, HOUR],
      ['4h', Interval.Hour4, 4 * HOUR],
      ['1d', Interval.Day1, DAY],
      ['1w', Interval.Week1, 7 * DAY],
      ['1mo', Interval.Month1, 30 * DAY],
    ];
    expect(table.map(([, i]) => i)).toEqual(INTERVALS);
    for (const [name, interval, ms] of table) {
      expect(parseInterval(name)).toBe(interval);
      expect(formatInterval(interval)).toBe(name);
      expect(intervalMs(interval)).toBe(ms);
    }
    expect(intervalMs(Interval.Day1)).toBe(86_400_000);
  });

  it('codes are small integers ordered by length', () => {
    expect(INTERVALS).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (let k = 1; k < INTERVALS.length; k++) expect(intervalMs(INTERVALS[k])).toBeGreaterThan(intervalMs(INTERVALS[k - 1]));
  });

  it('refuses ambiguous or unknown spellings', () => {
    expect(() => parseInterval('1M')).toThrow('unknown interval "1M"; expected one of 1m, 5m, 15m, 30m, 1h, 4h, 1d, 1w, 1mo');
    expect(tryParseInterval('60m')).toBeUndefined();
    expect(tryParseInterval('1D')).toBeUndefined();
    expect(tryParseInterval(' 1h ')).toBe(Interval.Hour1);
    expect([0, 1, 9, 10, 2.5, '1'].map(isInterval)).toEqual([false, true, true, false, false, false]);
    expect(() => formatInterval(10 as Interval)).toThrow('not an Interval code: 10');
  });

  it('finds the nearest interval by ratio', () => {
    expect(nearestInterval(MIN)).toBe(Interval.Minute1);
    expect(nearestInterval(2 * MIN)).toBe(Interval.Minute1); // 2x vs 2.5x
    expect(nearestInterval(3 * MIN)).toBe(Interval.Minute5);
    expect(nearestInterval(2 * DAY)).toBe(Interval.Day1); // ratio 2 beats 3.5
    expect(nearestInterval(3 * DAY)).toBe(Interval.Week1); // ratio 3 loses to 7/3
    expect(nearestInterval(31 * DAY)).toBe(Interval.Month1);
    expect(nearestInterval(28 * DAY)).toBe(Interval.Month1);
    expect(nearestInterval(365 * DAY)).toBe(Interval.Month1);
    expect(nearestInterval(1)).toBe(Interval.Minute1);
    expect(nearestInterval(0)).toBeUndefined();
    expect(nearestInterval(-DAY)).toBeUndefined();
    expect(nearestInterval(NaN)).toBeUndefined();
    expect(nearestInterval(Infinity)).toBeUndefined();
  });
});
