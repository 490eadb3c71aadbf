import { describe, expect, it } from 'vitest';
import { tableFromArrays } from 'apache-arrow';
import { ohlcvFromArrow } from '../../../src/core/projection/ohlcv-from-arrow';
import { CsvError } from '../../../src/core/csv/csv-error';

const prices = { Open: [1, 2], High: [2, 3], Low: [0.5, 1.5], Close: [1.5, 2.5], Volume: [10, 20] };

describe('OHLCV from an Arrow table', () => {
  it('reads ISO strings as UTC timestamps', () => {
    const t = ohlcvFromArrow(tableFromArrays({ datetime: ['2020-01-01 09:30:00', '2020-01-01T10:30:00Z'], ...prices }), 'x.parquet');
    expect(Array.from(t.timestamp)).toEqual([Date.UTC(2020, 0, 1, 9, 30), Date.UTC(2020, 0, 1, 10, 30)]);
    expect(Array.from(t.close)).toEqual([1.5, 2.5]);
  });

  it('reads epoch seconds and milliseconds', () => {
    expect(Array.from(ohlcvFromArrow(tableFromArrays({ time: Float64Array.from([1.7e9, 1.7e9 + 60]), ...prices }), 'x').timestamp)).toEqual([
      1.7e12,
      1.7e12 + 60_000,
    ]);
    expect(Array.from(ohlcvFromArrow(tableFromArrays({ time: Float64Array.from([1.7e12, 1.7e12 + 1]), ...prices }), 'x').timestamp)).toEqual([
      1.7e12,
      1.7e12 + 1,
    ]);
  });

  it('reads Arrow dates as midnight UTC', () => {
    const t = ohlcvFromArrow(tableFromArrays({ Date: [new Date('2004-08-19T00:00:00Z'), new Date('2004-08-20T00:00:00Z')], ...prices }), 'x');
    expect(Array.from(t.timestamp)).toEqual([Date.UTC(2004, 7, 19), Date.UTC(2004, 7, 20)]);
  });

  it('names the file, row and column of an unreadable timestamp', () => {
    const bad = tableFromArrays({ date: ['2020-01-01', 'yesterday'], ...prices });
    expect(() => ohlcvFromArrow(bad, 'bad.parquet')).toThrow(CsvError);
    expect(() => ohlcvFromArrow(bad, 'bad.parquet')).toThrow(/bad\.parquet: row 2, column "date".*yesterday/);
  });

  it('names a missing column', () => {
    const { Volume: _v, ...noVolume } = prices;
    expect(() => ohlcvFromArrow(tableFromArrays({ date: ['2020-01-01', '2020-01-02'], ...noVolume }), 'nv.parquet')).toThrow(
      /nv\.parquet.*"volume".*required column is missing/,
    );
  });
});
