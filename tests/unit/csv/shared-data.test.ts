import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Interval } from '../../../src/core/domain/interval';
import { barAt } from '../../../src/core/domain/ohlcv-table';
import { loadOhlcvCsv } from '../../../src/core/csv/load-ohlcv-csv';
import { readOhlcvCsv } from '../../../src/core/csv/read-ohlcv-csv';
import { inferInterval } from '../../../src/core/schema/infer-interval';
import { validateOhlcv } from '../../../src/core/schema/ohlcv';

function sharedText(name: string): string {
  return readFileSync(new URL(`../../../../shared/data/${name}`, import.meta.url), 'utf8');
}

interface Expected {
  rows: number;
  interval: Interval;
  first: [number, number, number, number, number, number];
  last: [number, number, number, number, number, number];
}

const FILES: Record<string, Expected> = {
  'GOOG.csv': {
    rows: 2148,
    interval: Interval.Day1,
    first: [Date.UTC(2004, 7, 19), 100, 104.06, 95.96, 100.34, 22351900],
    last: [Date.UTC(2013, 2, 1), 797.8, 807.14, 796.15, 806.19, 2175400],
  },
  'EURUSD.csv': {
    rows: 5000,
    interval: Interval.Hour1,
    first: [Date.UTC(2017, 3, 19, 9), 1.0716, 1.0722, 1.07083, 1.07219, 1413],
    last: [Date.UTC(2018, 1, 7, 15), 1.23427, 1.23444, 1.22904, 1.22904, 6143],
  },
  'BTCUSD.csv': {
    rows: 156,
    interval: Interval.Month1,
    first: [Date.UTC(2012, 0, 31), 4.58, 7.38, 3.8, 5.55, 2012.25343589],
    last: [Date.UTC(2024, 11, 31), 96515, 108364, 92092, 93381, 25342.80228337],
  },
};

describe.each(Object.entries(FILES))('%s from ../shared/data', (name, expected) => {
  const csv = readOhlcvCsv(sharedText(name), { source: name });
  const { table } = csv;
  const asArray = (i: number): number[] => Object.values(barAt(table, i));

  it('has the exact row count and the unnamed first column as timestamp', () => {
    expect(table.timestamp.length).toBe(expected.rows);
    for (const column of [table.open, table.high, table.low, table.close, table.volume]) expect(column.length).toBe(expected.rows);
    expect(table.instrument).toBeUndefined();
    expect(csv.columns).toEqual({ timestamp: '', open: 'Open', high: 'High', low: 'Low', close: 'Close', volume: 'Volume' });
    expect(csv.timestampFormat).toBe('iso');
    expect(csv.delimiter).toBe(',');
  });

  it('pins the first and last bars', () => {
    expect(asArray(0)).toEqual(expected.first);
    expect(asArray(expected.rows - 1)).toEqual(expected.last);
  });

  it('numbers rows as file lines (header is line 1)', () => {
    expect(csv.headerRow).toBe(1);
    expect(csv.rowNumbers[0]).toBe(2);
    expect(csv.rowNumbers[expected.rows - 1]).toBe(expected.rows + 1);
  });

  it('validates clean', () => {
    const result = validateOhlcv(table, { source: name, rowNumbers: csv.rowNumbers });
    expect(result.violations).toEqual([]);
    expect(result).toMatchObject({ ok: true, total: 0, rows: expected.rows });
  });

  it('infers its interval', () => {
    expect(inferInterval(table)).toBe(expected.interval);
    expect(loadOhlcvCsv(sharedText(name), { source: name }).interval).toBe(expected.interval);
  });
});

describe('shared data details', () => {
  it('GOOG timestamps are UTC midnights of trading days', () => {
    const { table } = readOhlcvCsv(sharedText('GOOG.csv'));
    expect(table.timestamp[0]).toBe(1_092_873_600_000);
    for (const t of table.timestamp) {
      expect(t % 86_400_000).toBe(0);
      const weekday = new Date(t).getUTCDay();
      expect(weekday === 0 || weekday === 6).toBe(false);
    }
  });

  it('EURUSD timestamps are whole hours', () => {
    const { table } = readOhlcvCsv(sharedText('EURUSD.csv'));
    expect(table.timestamp[0]).toBe(1_492_592_400_000);
    for (const t of table.timestamp) expect(t % 3_600_000).toBe(0);
  });

  it('BTCUSD timestamps are month ends', () => {
    const { table } = readOhlcvCsv(sharedText('BTCUSD.csv'));
    for (const t of table.timestamp) expect(new Date(t + 86_400_000).getUTCDate()).toBe(1);
  });

  it('reads the same values as Number() on every field', () => {
    for (const name of Object.keys(FILES)) {
      const { table } = readOhlcvCsv(sharedText(name));
      const lines = sharedText(name).trim().split('\n').slice(1);
      lines.forEach((line, i) => {
        const f = line.split(',').map(Number);
        expect([table.open[i], table.high[i], table.low[i], table.close[i], table.volume[i]]).toEqual(f.slice(1));
      });
    }
  });
});
