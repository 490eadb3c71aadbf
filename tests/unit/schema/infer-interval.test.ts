import { describe, expect, it } from 'vitest';
import { Interval } from '../../../src/core/domain/interval';
import { inferInterval, medianSpacingMs } from '../../../src/core/schema/infer-interval';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

function series(start: number, count: number, step: number): Float64Array {
  return Float64Array.from({ length: count }, (_, i) => start + i * step);
}

/** Weekdays only, from Monday 2024-01-01 for `weeks` weeks. */
function businessDays(weeks: number): Float64Array {
  const out: number[] = [];
  const monday = Date.UTC(2024, 0, 1);
  for (let w = 0; w < weeks; w++) for (let d = 0; d < 5; d++) out.push(monday + (w * 7 + d) * DAY);
  return Float64Array.from(out);
}

/** Last day of each month from 2012-01 for `count` months. */
function monthEnds(count: number): Float64Array {
  return Float64Array.from({ length: count }, (_, i) => Date.UTC(2012, i + 1, 0));
}

describe('inferInterval', () => {
  it('recognises regular spacings', () => {
    expect(inferInterval({ timestamp: series(0, 100, MIN) })).toBe(Interval.Minute1);
    expect(inferInterval({ timestamp: series(0, 100, 5 * MIN) })).toBe(Interval.Minute5);
    expect(inferInterval({ timestamp: series(0, 100, 15 * MIN) })).toBe(Interval.Minute15);
    expect(inferInterval({ timestamp: series(0, 100, HOUR) })).toBe(Interval.Hour1);
    expect(inferInterval({ timestamp: series(0, 100, 4 * HOUR) })).toBe(Interval.Hour4);
    expect(inferInterval({ timestamp: series(0, 100, 7 * DAY) })).toBe(Interval.Week1);
  });

  it('sees daily data with weekend gaps as 1d', () => {
    const t = businessDays(52);
    expect(medianSpacingMs({ timestamp: t })).toBe(DAY);
    expect(inferInterval({ timestamp: t })).toBe(Interval.Day1);
  });

  it('sees month-end data (28–31 day gaps) as 1mo', () => {
    const t = monthEnds(36);
    expect(medianSpacingMs({ timestamp: t })).toBe(31 * DAY);
    expect(inferInterval({ timestamp: t })).toBe(Interval.Month1);
  });

  it('takes gaps within each instrument when rows interleave', () => {
    // A at :00, B at :10 of every hour: pooled gaps are 10 and 50 minutes, per-instrument gaps are 1h.
    const timestamp = new Float64Array(100);
    const instrument: string[] = [];
    for (let i = 0; i < 50; i++) {
      timestamp[2 * i] = i * HOUR;
      timestamp[2 * i + 1] = i * HOUR + 10 * MIN;
      instrument.push('A', 'B');
    }
    expect(medianSpacingMs({ timestamp })).toBe(10 * MIN);
    expect(inferInterval({ timestamp })).toBe(Interval.Minute15);
    expect(medianSpacingMs({ timestamp, instrument })).toBe(HOUR);
    expect(inferInterval({ timestamp, instrument })).toBe(Interval.Hour1);
  });

  it('averages the two middle gaps for an even count and ignores bad gaps', () => {
    expect(medianSpacingMs({ timestamp: Float64Array.of(0, 10, 30, 60, 100) })).toBe(25);
    expect(medianSpacingMs({ timestamp: Float64Array.of(0, 10, 5, NaN, 35) })).toBe(10);
  });

  it('has no answer without two distinct timestamps', () => {
    expect(inferInterval({ timestamp: new Float64Array(0) })).toBeUndefined();
    expect(inferInterval({ timestamp: Float64Array.of(5) })).toBeUndefined();
    expect(inferInterval({ timestamp: Float64Array.of(5, 5, 5) })).toBeUndefined();
  });
});
