import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { DuckDBBindings, DuckDBConnection } from '@duckdb/duckdb-wasm/blocking';
import { ohlcvSelect, type ColumnInfo } from '../../../src/core/projection/ohlcv-select';
import { CsvError } from '../../../src/core/csv/csv-error';
import { sharedDataPath } from '../../helpers/shared-data';
import { startNodeDuckDB } from '../../helpers/node-duckdb';

let db: DuckDBBindings;
let conn: DuckDBConnection;

function describeCsv(name: string): ColumnInfo[] {
  return conn
    .query(`DESCRIBE SELECT * FROM read_csv('${name}', header = true)`)
    .toArray()
    .map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
}

function project(name: string, text: string) {
  db.registerFileBuffer(name, new TextEncoder().encode(text));
  const sql = ohlcvSelect(describeCsv(name), `read_csv('${name}', header = true)`, name);
  const t = conn.query(sql);
  return Object.fromEntries(
    ['timestamp', 'open', 'high', 'low', 'close', 'volume'].map((k) => [k, Array.from(t.getChild(k)!.toArray() as Float64Array)]),
  );
}

describe('OHLCV projection SQL over DuckDB-WASM', () => {
  beforeAll(async () => {
    db = await startNodeDuckDB();
    conn = db.connect();
  }, 60_000);

  it.each([
    ['GOOG.csv', 2148, Date.UTC(2004, 7, 19), 100, 22351900, Date.UTC(2013, 2, 1)],
    ['EURUSD.csv', 5000, Date.UTC(2017, 3, 19, 9), 1.0716, 1413, undefined],
    ['BTCUSD.csv', 156, Date.UTC(2012, 0, 31), 4.58, 2012.25343589, Date.UTC(2024, 11, 31)],
  ])('%s: unnamed first column becomes the timestamp, values exact', (file, rows, firstTs, firstOpen, firstVolume, lastTs) => {
    const cols = project(file, readFileSync(sharedDataPath(file), 'utf8'));
    expect(cols.close.length).toBe(rows);
    expect(cols.timestamp[0]).toBe(firstTs);
    expect(cols.open[0]).toBe(firstOpen);
    expect(cols.volume[0]).toBe(firstVolume);
    if (lastTs !== undefined) expect(cols.timestamp[rows - 1]).toBe(lastTs);
    // Values agree with a plain parse of the text, so the browser and Node see the same numbers.
    const lines = readFileSync(sharedDataPath(file), 'utf8').trim().split(/\r?\n/).slice(1);
    lines.forEach((line, i) => {
      const f = line.split(',');
      if (cols.close[i] !== Number(f[4])) throw new Error(`${file} row ${i + 1}: close ${cols.close[i]} ≠ ${f[4]}`);
    });
  });

  it('accepts common layouts: named time column, any case, epoch seconds, extra columns ignored', () => {
    const cols = project('layout.csv', 'TIME,OPEN,high,Low,CLOSE,Adj Close,Volume\n1700000000,1,2,0.5,1.5,1.4,10\n1700000060,1.5,2,1,1.2,1.1,0\n');
    expect(cols.timestamp).toEqual([1_700_000_000_000, 1_700_000_060_000]);
    expect(cols.close).toEqual([1.5, 1.2]);
    expect(cols.volume).toEqual([10, 0]);
  });

  it('honours UTC offsets in text timestamps and reads epoch microseconds like the CSV reader', () => {
    const tz = project('tz.csv', 'time,open,high,low,close,volume\n2020-01-01T10:00:00+02:00,1,2,0.5,1.5,1\n2020-01-01T10:00:00Z,1,2,0.5,1.5,1\n');
    expect(tz.timestamp).toEqual([Date.UTC(2020, 0, 1, 8), Date.UTC(2020, 0, 1, 10)]);
    const us = project('us.csv', 'timestamp,open,high,low,close,volume\n1700000000123456,1,2,0.5,1.5,1\n1700000060123999,1,2,0.5,1.5,1\n');
    expect(us.timestamp).toEqual([1_700_000_000_123, 1_700_000_060_123]);
  });

  it('names a missing column and suggests a near miss', () => {
    db.registerFileBuffer('typo.csv', new TextEncoder().encode('date,open,hgh,low,close,volume\n2020-01-01,1,2,0.5,1,5\n'));
    expect(() => ohlcvSelect(describeCsv('typo.csv'), 'x', 'typo.csv')).toThrow(CsvError);
    expect(() => ohlcvSelect(describeCsv('typo.csv'), 'x', 'typo.csv')).toThrow(/typo\.csv.*high.*did you mean "hgh"/);
  });

  it('refuses a table without a time column', () => {
    expect(() => ohlcvSelect([{ name: 'open', type: 'DOUBLE' }], 'x', 'f.csv')).toThrow(/f\.csv.*no timestamp, datetime, date or time column/);
  });
});
