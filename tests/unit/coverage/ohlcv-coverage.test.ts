import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedGrid, monthGrid } from '../../../src/core/coverage/period-grid';
import { inferTradingWeek, SessionCounter } from '../../../src/core/coverage/trading-week';
import { ohlcvCoverage } from '../../../src/core/coverage/ohlcv-coverage';
import { readOhlcvCsv } from '../../../src/core/csv/read-ohlcv-csv';
import { Interval } from '../../../src/core/domain/interval';
import { inferInterval } from '../../../src/core/schema/infer-interval';
import { sharedDataPath } from '../../helpers/shared-data';
import { MS_PER_HOUR } from '../../../src/core/domain/time';

const DAY = 24 * MS_PER_HOUR;
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const at = (iso: string) => Date.parse(iso);

function shared(name: string) {
  const { table } = readOhlcvCsv(readFileSync(sharedDataPath(`${name}.csv`), 'utf8'), { source: `${name}.csv` });
  return { table, interval: inferInterval(table) };
}

/** Weekdays from Monday 2024-01-01 for `weeks` weeks, minus `skip`. */
function weekdays(weeks: number, skip: string[] = []): Float64Array {
  const out: number[] = [];
  for (let w = 0; w < weeks; w++) for (let d = 0; d < 5; d++) out.push(day('2024-01-01') + (w * 7 + d) * DAY);
  const skipped = new Set(skip.map(day));
  return Float64Array.from(out.filter((t) => !skipped.has(t)));
}

describe('coverage of the shared data', () => {
  it('GOOG (daily, weekdays): weekends are closed, every holiday is a reported gap', () => {
    const { table, interval } = shared('GOOG');
    const report = ohlcvCoverage(table, interval, { instrument: 'GOOG' });
    expect(report.interval).toBe('1d');
    const [c] = report.instruments;
    expect(c).toMatchObject({
      instrument: 'GOOG',
      firstMs: day('2004-08-19'),
      lastMs: day('2013-03-01'),
      bars: 2148,
      expectedBars: 2227,
      missingBars: 79,
      gapCount: 77,
      duplicateRows: 0,
      misaligned: 0,
      tradingWeek: { slotsPerWeek: 7, sessionSlots: 5, days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'] },
    });
    // No gap touches a weekend; holidays are gaps of one day (Labor Day 2004 first) …
    expect(c.gaps[0]).toEqual({ fromMs: day('2004-09-06'), toMs: day('2004-09-06'), missingBars: 1 });
    for (const g of c.gaps) for (const t of [g.fromMs, g.toMs]) expect([0, 6]).not.toContain(new Date(t).getUTCDay());
    expect(c.gaps.filter((g) => g.missingBars === 1)).toHaveLength(75);
    // … and two closures of two days: New Year's Day + the Ford funeral (2007), Hurricane Sandy (2012).
    expect(c.gaps.filter((g) => g.missingBars === 2)).toEqual([
      { fromMs: day('2007-01-01'), toMs: day('2007-01-02'), missingBars: 2 },
      { fromMs: day('2012-10-29'), toMs: day('2012-10-30'), missingBars: 2 },
    ]);
  });

  it('EURUSD (hourly FX): the weekend break is closed hour by hour; only the Christmas and New Year closures are gaps', () => {
    const { table, interval } = shared('EURUSD');
    const [c] = ohlcvCoverage(table, interval, { instrument: 'EURUSD' }).instruments;
    expect(interval).toBe(Interval.Hour1);
    expect(c).toMatchObject({ bars: 5000, expectedBars: 5048, missingBars: 48, gapCount: 2, duplicateRows: 0, misaligned: 0 });
    expect(c.gaps).toEqual([
      { fromMs: at('2017-12-24T22:00:00Z'), toMs: at('2017-12-25T21:00:00Z'), missingBars: 24 },
      { fromMs: at('2017-12-31T22:00:00Z'), toMs: at('2018-01-01T21:00:00Z'), missingBars: 24 },
    ]);
    // Sunday evening to Friday evening: 5 × 24 − 1 hours (Friday 21:00 and Sunday 21:00 move with DST and are
    // open less than 3/4 as often as the busiest hour, so they are neither expected nor gaps).
    expect(c.tradingWeek).toEqual({ slotsPerWeek: 168, sessionSlots: 119, days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sun'] });
  });

  it('EURUSD with a continuous trading week flags every weekend', () => {
    const { table, interval } = shared('EURUSD');
    const [c] = ohlcvCoverage(table, interval, { tradingWeek: 'continuous' }).instruments;
    expect(c.gapCount).toBeGreaterThan(40);
    expect(c.missingBars).toBeGreaterThan(40 * 48);
  });

  it('BTCUSD (month ends): calendar months, none missing', () => {
    const { table, interval } = shared('BTCUSD');
    const report = ohlcvCoverage(table, interval, { instrument: 'BTCUSD' });
    expect(report.interval).toBe('1mo');
    expect(report.instruments[0]).toMatchObject({
      firstMs: day('2012-01-31'),
      lastMs: day('2024-12-31'),
      bars: 156,
      expectedBars: 156,
      missingBars: 0,
      gapCount: 0,
      tradingWeek: null,
    });
  });

  it('BTCUSD with two months removed reports them as one gap, at month starts', () => {
    const { table } = shared('BTCUSD');
    const drop = new Set([day('2015-03-31'), day('2015-04-30')]);
    const ts = table.timestamp.filter((t) => !drop.has(t));
    const [c] = ohlcvCoverage({ timestamp: ts }, Interval.Month1).instruments;
    expect(c).toMatchObject({ bars: 154, expectedBars: 156, missingBars: 2, gapCount: 1 });
    expect(c.gaps).toEqual([{ fromMs: day('2015-03-01'), toMs: day('2015-04-01'), missingBars: 2 }]);
  });
});

describe('coverage rules', () => {
  it('a missing Friday and the following Monday are one gap of two bars (the weekend between is closed)', () => {
    const ts = weekdays(8, ['2024-01-12', '2024-01-15']);
    const [c] = ohlcvCoverage({ timestamp: ts }, Interval.Day1).instruments;
    expect(c.gaps).toEqual([{ fromMs: day('2024-01-12'), toMs: day('2024-01-15'), missingBars: 2 }]);
    expect(c.expectedBars).toBe(40);
  });

  it('data with Saturday and Sunday bars treats weekends as trading days', () => {
    const ts = Float64Array.from({ length: 60 }, (_, i) => day('2024-01-01') + i * DAY).filter((t) => t !== day('2024-01-13'));
    const [c] = ohlcvCoverage({ timestamp: ts }, Interval.Day1).instruments;
    expect(c.tradingWeek?.days).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
    expect(c.gaps).toEqual([{ fromMs: day('2024-01-13'), toMs: day('2024-01-13'), missingBars: 1 }]);
  });

  it('a long outage is reported, not absorbed into the trading week', () => {
    const ts = weekdays(40).filter((t) => t < day('2024-03-04') || t >= day('2024-06-03'));
    const [c] = ohlcvCoverage({ timestamp: ts }, Interval.Day1).instruments;
    expect(c.gapCount).toBe(1);
    expect(c.missingBars).toBe(13 * 5);
  });

  it('counts duplicates and lists them; rows need not be sorted', () => {
    const ts = Float64Array.from([day('2024-01-03'), day('2024-01-01'), day('2024-01-02'), day('2024-01-02'), day('2024-01-02'), day('2024-01-01')]);
    const [c] = ohlcvCoverage({ timestamp: ts }, Interval.Day1, { instrument: 'X' }).instruments;
    expect(c).toMatchObject({ instrument: 'X', bars: 6, duplicateRows: 3, expectedBars: 3, missingBars: 0 });
    expect(c.duplicates).toEqual([
      { timestampMs: day('2024-01-01'), rows: 2 },
      { timestampMs: day('2024-01-02'), rows: 3 },
    ]);
  });

  it('reports per instrument, sorted by name', () => {
    const a = weekdays(4, ['2024-01-10']);
    const b = weekdays(2);
    const report = ohlcvCoverage(
      { timestamp: Float64Array.from([...b, ...a]), instrument: [...Array(b.length).fill('BBB'), ...Array(a.length).fill('AAA')] },
      Interval.Day1,
    );
    expect(report.instruments.map((c) => [c.instrument, c.bars, c.missingBars, c.firstMs, c.lastMs])).toEqual([
      ['AAA', 19, 1, day('2024-01-01'), day('2024-01-26')],
      ['BBB', 10, 0, day('2024-01-01'), day('2024-01-12')],
    ]);
  });

  it('caps the gap and duplicate lists but counts everything', () => {
    const ts = Float64Array.from({ length: 50 }, (_, i) => i * 2 * MS_PER_HOUR);
    const [c] = ohlcvCoverage({ timestamp: Float64Array.from([...ts, 0, 2 * MS_PER_HOUR]) }, Interval.Hour1, {
      maxGaps: 3,
      maxDuplicates: 1,
      tradingWeek: 'continuous',
    }).instruments;
    expect(c.gapCount).toBe(49);
    expect(c.gaps).toHaveLength(3);
    expect(c.duplicateRows).toBe(2);
    expect(c.duplicates).toHaveLength(1);
  });

  it('daily bars whose UTC hour moves by a DST hour stay on their own days', () => {
    // US close 16:00 local = 21:00 UTC in winter, 20:00 UTC in summer.
    const ts = [at('2024-03-07T21:00:00Z'), at('2024-03-08T21:00:00Z'), at('2024-03-11T20:00:00Z'), at('2024-03-12T20:00:00Z')];
    const [c] = ohlcvCoverage({ timestamp: Float64Array.from(ts) }, Interval.Day1, { tradingWeek: 'continuous' }).instruments;
    expect(c).toMatchObject({ misaligned: 0, missingBars: 2, gapCount: 1 });
  });

  it('counts bars finer than the interval as misaligned', () => {
    const ts = Float64Array.from([day('2024-01-01'), day('2024-01-01') + MS_PER_HOUR, day('2024-01-02')]);
    expect(ohlcvCoverage({ timestamp: ts }, Interval.Day1).instruments[0]).toMatchObject({ bars: 3, misaligned: 1, expectedBars: 2 });
  });

  it('handles empty tables, a single bar and an unknown interval', () => {
    expect(ohlcvCoverage({ timestamp: new Float64Array(0) }, undefined, { instrument: 'E' }).instruments).toEqual([
      expect.objectContaining({ instrument: 'E', bars: 0, firstMs: null, lastMs: null, expectedBars: 0, gapCount: 0 }),
    ]);
    const one = ohlcvCoverage({ timestamp: Float64Array.of(day('2024-01-01')) }, undefined);
    expect(one.interval).toBeNull();
    expect(one.instruments[0]).toMatchObject({ bars: 1, expectedBars: 1, tradingWeek: null });
  });

  it('weekly bars: one slot per week, a missing week is a gap', () => {
    const ts = Float64Array.from({ length: 10 }, (_, i) => day('2024-01-05') + i * 7 * DAY).filter((_, i) => i !== 4);
    const [c] = ohlcvCoverage({ timestamp: ts }, Interval.Week1).instruments;
    expect(c.gaps).toEqual([{ fromMs: day('2024-02-02'), toMs: day('2024-02-02'), missingBars: 1 }]);
    expect(c.tradingWeek?.slotsPerWeek).toBe(1);
  });
});

describe('grids and the session counter', () => {
  it('month grid numbers calendar months', () => {
    expect(monthGrid.index(day('2024-02-29')) - monthGrid.index(day('2023-12-01'))).toBe(2);
    expect(monthGrid.start(monthGrid.index(day('2024-02-29')))).toBe(day('2024-02-01'));
  });

  it('fixed grid slots count from Monday 00:00 UTC', () => {
    const g = fixedGrid(day('2024-01-03'), DAY); // a Wednesday
    expect([0, 1, 2, 3, 4, 5].map((k) => g.slot(k))).toEqual([2, 3, 4, 5, 6, 0]);
    expect(() => fixedGrid(0, 5 * DAY)).toThrow(RangeError);
  });

  it('counts in-session periods like a brute-force scan', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: 24, maxLength: 24 }),
        fc.integer({ min: -500, max: 500 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 23 }),
        (open, from, length, anchorHour) => {
          if (!open.some(Boolean)) open[0] = true;
          // 4-hourly grid: 42 slots per week; the pattern repeats every day.
          const g = fixedGrid(day('2024-01-01') + anchorHour * MS_PER_HOUR, 4 * MS_PER_HOUR);
          const periods = Array.from({ length: 42 * 8 }, (_, k) => k).filter((k) => open[g.slot(k) % 24]);
          const week = inferTradingWeek(g, periods);
          const counter = new SessionCounter(g, week);
          const to = from + length;
          let brute = 0;
          let first: number | undefined;
          let last: number | undefined;
          for (let k = from; k <= to; k++) {
            if (week.inSession[g.slot(k)] === 1) {
              brute++;
              first ??= k;
              last = k;
            }
          }
          expect(counter.count(from, to)).toBe(brute);
          expect(counter.first(from, to)).toBe(first);
          expect(counter.last(from, to)).toBe(last);
        },
      ),
      { numRuns: 200 },
    );
  });
});
