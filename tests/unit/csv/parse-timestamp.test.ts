import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysFromCivil, guessEpochUnit, looksLikeEpoch, parseEpoch, parseIsoTimestamp } from '../../../src/core/csv/parse-timestamp';

const iso = (s: string): number => parseIsoTimestamp(s, 0, s.length);
const epoch = (s: string, unit: 's' | 'ms' | 'us' | 'ns'): number => parseEpoch(s, 0, s.length, unit);

describe('parseIsoTimestamp', () => {
  it('reads dates and times as UTC', () => {
    expect(iso('2004-08-19')).toBe(1_092_873_600_000);
    expect(iso('2017-04-19 09:00:00')).toBe(1_492_592_400_000);
    expect(iso('2017-04-19T09:00:00Z')).toBe(1_492_592_400_000);
    expect(iso('1970-01-01')).toBe(0);
    expect(iso('1969-12-31 23:59:59.999')).toBe(-1);
    expect(iso('2000-02-29')).toBe(Date.UTC(2000, 1, 29));
    expect(iso('1900-02-28')).toBe(Date.UTC(1900, 1, 28));
  });

  it('truncates sub-millisecond digits toward zero, as DuckDB epoch_ms does', () => {
    expect(iso('2017-04-19 09:00:00.9999999')).toBe(1_492_592_400_999);
    expect(iso('1969-12-31 23:59:59.9995')).toBe(0);
    expect(iso('1969-12-31 23:59:59.9985')).toBe(-1);
  });

  it('rejects impossible dates and times', () => {
    for (const bad of [
      '1900-02-29',
      '2004-00-10',
      '2004-01-32',
      '2004-04-31',
      '2004-08-19 23:59:60',
      '2004-08-19 -1:00',
      '04-08-19',
      '2004-08',
      '2004-08-19T',
      '2004-08-19 09:00:00.',
      '2004-08-19 Z',
      '2004-08-19 09:00+25:00',
    ]) {
      expect(iso(bad), bad).toBeNaN();
    }
    expect(iso('2004-08-19Z')).toBe(Date.UTC(2004, 7, 19));
  });

  it('agrees with Date.UTC on random instants in every accepted spelling', () => {
    // A day inside years 1000–9999 on both sides, so the local time at any offset keeps a 4-digit year.
    const instant = fc.integer({ min: Date.UTC(1000, 0, 2), max: Date.UTC(9999, 11, 30) });
    const offsetMinutes = fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 });
    fc.assert(
      fc.property(instant, offsetMinutes, fc.boolean(), (t, off, colon) => {
        const z = new Date(t).toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
        expect(iso(z)).toBe(t);
        expect(iso(z.replace('T', ' ').replace('Z', ''))).toBe(t);
        // The same instant written in local time at a UTC offset.
        const local = new Date(t + off * 60_000).toISOString().slice(0, 23);
        const sign = off < 0 ? '-' : '+';
        const hh = String(Math.floor(Math.abs(off) / 60)).padStart(2, '0');
        const mm = String(Math.abs(off) % 60).padStart(2, '0');
        expect(iso(`${local}${sign}${hh}${colon ? ':' : ''}${mm}`)).toBe(t);
      }),
      { numRuns: 3000, seed: 42 },
    );
  });

  it('daysFromCivil matches Date.UTC across leap rules', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2000, max: 12000 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), (y, m, d) => {
        const expected = new Date(Date.UTC(2000, m - 1, d));
        expected.setUTCFullYear(y);
        expect(daysFromCivil(y, m, d) * 86_400_000).toBe(expected.getTime());
      }),
      { numRuns: 2000, seed: 3 },
    );
  });
});

describe('epoch timestamps', () => {
  it('converts each unit to milliseconds, truncating toward zero', () => {
    expect(epoch('1492592400', 's')).toBe(1_492_592_400_000);
    expect(epoch('1492592400123', 'ms')).toBe(1_492_592_400_123);
    expect(epoch('1492592400123999', 'us')).toBe(1_492_592_400_123);
    expect(epoch('1492592400123999999', 'ns')).toBe(1_492_592_400_123);
    expect(epoch('-1500', 'us')).toBe(-1);
    expect(epoch('-86400', 's')).toBe(-86_400_000);
    expect(Object.is(epoch('-0', 'ms'), 0)).toBe(true);
    expect(epoch('12a', 's')).toBeNaN();
    expect(epoch('', 's')).toBeNaN();
    expect(epoch('-', 's')).toBeNaN();
  });

  it('guesses the unit from magnitude', () => {
    expect(guessEpochUnit(1_492_592_400)).toBe('s');
    expect(guessEpochUnit(99_999_999_999)).toBe('s');
    expect(guessEpochUnit(100_000_000_000)).toBe('ms');
    expect(guessEpochUnit(1_492_592_400_000)).toBe('ms');
    expect(guessEpochUnit(1_492_592_400_000_000)).toBe('us');
    expect(guessEpochUnit(1.4925924e18)).toBe('ns');
  });

  it('tells integers from dates', () => {
    expect(looksLikeEpoch(' 1492592400 ', 0, 12)).toBe(true);
    expect(looksLikeEpoch('-5', 0, 2)).toBe(true);
    expect(looksLikeEpoch('2004-08-19', 0, 10)).toBe(false);
    expect(looksLikeEpoch('1.5', 0, 3)).toBe(false);
    expect(looksLikeEpoch('', 0, 0)).toBe(false);
  });
});
