import { describe, expect, it } from 'vitest';
import { buildCalendar, generateSample, sampleInstruments, SessionBreak } from '../../../src/core/sample';
import { MS_PER_HOUR } from '../../../src/core/domain/time';

const DAY = 24 * MS_PER_HOUR;

/** UTC weekday via the platform Date, independent of the generator's own arithmetic. */
const weekday = (t: number): number => new Date(t).getUTCDay();

describe('calendars', () => {
  it('daily equity bars fall on weekdays only, at 00:00 UTC, Friday followed by Monday', () => {
    for (const id of ['synth-trend-equity', 'synth-range-equity']) {
      const ts = generateSample(id).timestamp;
      expect(new Date(ts[0]).toISOString()).toBe('2015-01-02T00:00:00.000Z');
      const problems: string[] = [];
      let mondays = 0;
      for (let i = 0; i < ts.length; i++) {
        const dow = weekday(ts[i]);
        if (dow < 1 || dow > 5) problems.push(`bar ${i} on day ${dow}`);
        if (ts[i] % DAY !== 0) problems.push(`bar ${i} not at 00:00 UTC`);
        if (i > 0) {
          // Friday → Monday is 3 days, every other step 1 day: no weekend bars and no missing weekdays.
          if (ts[i] - ts[i - 1] !== (dow === 1 ? 3 * DAY : DAY)) problems.push(`bar ${i}: step ${ts[i] - ts[i - 1]}`);
          if (dow === 1) mondays++;
        }
      }
      expect(problems, id).toEqual([]);
      expect(mondays).toBeGreaterThan(500); // ~10 years of weeks
    }
  });

  it('the crypto asset trades every calendar day', () => {
    const ts = generateSample('synth-crypto-daily').timestamp;
    expect(new Date(ts[0]).toISOString()).toBe('2018-01-01T00:00:00.000Z');
    expect(new Date(ts[ts.length - 1]).toISOString()).toBe('2024-12-31T00:00:00.000Z');
    const seen = new Set<number>();
    const steps = new Set<number>();
    for (let i = 1; i < ts.length; i++) {
      steps.add(ts[i] - ts[i - 1]);
      seen.add(weekday(ts[i]));
    }
    expect([...steps]).toEqual([DAY]);
    expect(seen.size).toBe(7);
  });

  it('FX bars are hourly from Sunday 22:00 to the Friday 21:00 bar, 120 a week', () => {
    const ts = generateSample('synth-fx-hourly').timestamp;
    expect(new Date(ts[0]).toISOString()).toBe('2023-01-01T22:00:00.000Z');
    const problems: string[] = [];
    let weekStarts = 0;
    let inWeek = 0;
    for (let i = 0; i < ts.length; i++) {
      const d = new Date(ts[i]);
      if (ts[i] % MS_PER_HOUR !== 0) problems.push(`bar ${i} not on the hour`);
      const hourOfWeek = d.getUTCDay() * 24 + d.getUTCHours();
      if (hourOfWeek < 22 || hourOfWeek >= 5 * 24 + 22) problems.push(`bar ${i} at ${d.toISOString()} outside the FX week`);
      if (i > 0 && ts[i] - ts[i - 1] !== MS_PER_HOUR) {
        // Friday 21:00 bar → Sunday 22:00 bar
        if (ts[i] - ts[i - 1] !== 49 * MS_PER_HOUR) problems.push(`bar ${i}: break of ${(ts[i] - ts[i - 1]) / MS_PER_HOUR} h`);
        if (inWeek !== 120) problems.push(`week ending before bar ${i} has ${inWeek} bars`);
        weekStarts++;
        inWeek = 0;
      }
      inWeek++;
    }
    expect(problems).toEqual([]);
    expect(inWeek).toBe(120);
    expect(weekStarts).toBe(51);
  });

  it('timestamps are strictly increasing integers for every instrument and start where the descriptor says', () => {
    for (const d of sampleInstruments()) {
      const ts = generateSample(d.id).timestamp;
      expect(ts[0]).toBe(d.start);
      let increasing = 0;
      for (let i = 1; i < ts.length; i++) if (ts[i] > ts[i - 1] && Number.isInteger(ts[i])) increasing++;
      expect(increasing, d.id).toBe(ts.length - 1);
    }
  });

  it('buildCalendar skips to the first trading instant and labels breaks', () => {
    const saturday = Date.UTC(2024, 5, 1);
    const c = buildCalendar('weekdays-daily', saturday, 6);
    expect(Array.from(c.timestamp, (t) => new Date(t).toISOString().slice(0, 10))).toEqual([
      '2024-06-03',
      '2024-06-04',
      '2024-06-05',
      '2024-06-06',
      '2024-06-07',
      '2024-06-10',
    ]);
    expect(Array.from(c.sessionBreak)).toEqual([
      SessionBreak.None,
      SessionBreak.Overnight,
      SessionBreak.Overnight,
      SessionBreak.Overnight,
      SessionBreak.Overnight,
      SessionBreak.Weekend,
    ]);
    const fx = buildCalendar('fx-hourly', Date.UTC(2024, 5, 7, 20), 3); // Friday 20:00
    expect(Array.from(fx.timestamp, (t) => new Date(t).toISOString())).toEqual([
      '2024-06-07T20:00:00.000Z',
      '2024-06-07T21:00:00.000Z',
      '2024-06-09T22:00:00.000Z',
    ]);
    expect(Array.from(fx.sessionBreak)).toEqual([SessionBreak.None, SessionBreak.None, SessionBreak.Weekend]);
    const before1970 = buildCalendar('weekdays-daily', Date.UTC(1969, 11, 27), 2); // a Saturday
    expect(Array.from(before1970.timestamp, (t) => new Date(t).toISOString().slice(0, 10))).toEqual(['1969-12-29', '1969-12-30']);
  });

  it('buildCalendar rejects misaligned starts and bad lengths', () => {
    expect(() => buildCalendar('weekdays-daily', Date.UTC(2024, 0, 2, 9), 5)).toThrow(RangeError);
    expect(() => buildCalendar('fx-hourly', Date.UTC(2024, 0, 2, 9, 30), 5)).toThrow(RangeError);
    expect(() => buildCalendar('all-days-daily', Date.UTC(2024, 0, 2), 0)).toThrow(RangeError);
    expect(() => buildCalendar('all-days-daily', 0.5, 3)).toThrow(RangeError);
  });
});

describe('opening gaps', () => {
  it("FX: each Sunday-evening open gaps away from Friday's close; every other bar opens at the previous close", () => {
    const c = generateSample('synth-fx-hourly');
    let weekOpens = 0;
    let gapped = 0;
    let gapSum = 0;
    let bodySum = 0;
    const midWeekGaps: number[] = [];
    for (let i = 1; i < c.close.length; i++) {
      bodySum += Math.abs(c.close[i] - c.open[i]);
      if (c.timestamp[i] - c.timestamp[i - 1] > MS_PER_HOUR) {
        weekOpens++;
        if (c.open[i] !== c.close[i - 1]) gapped++;
        gapSum += Math.abs(c.open[i] - c.close[i - 1]);
      } else if (c.open[i] !== c.close[i - 1]) {
        midWeekGaps.push(i);
      }
    }
    expect(midWeekGaps).toEqual([]);
    expect(weekOpens).toBe(51);
    expect(gapped).toBeGreaterThanOrEqual(48);
    // A weekend gap is several hours' worth of movement, not rounding noise.
    expect(gapSum / weekOpens).toBeGreaterThan((2 * bodySum) / (c.close.length - 1));
  });

  it('daily equities open away from the previous close; Monday gaps are larger on average', () => {
    for (const id of ['synth-trend-equity', 'synth-range-equity']) {
      const c = generateSample(id);
      let same = 0;
      const monday: number[] = [];
      const other: number[] = [];
      for (let i = 1; i < c.close.length; i++) {
        if (c.open[i] === c.close[i - 1]) same++;
        const g = Math.abs(Math.log(c.open[i] / c.close[i - 1]));
        (weekday(c.timestamp[i]) === 1 ? monday : other).push(g);
      }
      expect(same / c.close.length, id).toBeLessThan(0.05);
      const avg = (x: number[]) => x.reduce((a, b) => a + b, 0) / x.length;
      expect(avg(monday), id).toBeGreaterThan(avg(other));
    }
  });

  it('the 24/7 crypto market has no gaps: every bar opens at the previous close', () => {
    const c = generateSample('synth-crypto-daily');
    const gaps: number[] = [];
    for (let i = 1; i < c.close.length; i++) if (c.open[i] !== c.close[i - 1]) gaps.push(i);
    expect(gaps).toEqual([]);
  });
});
