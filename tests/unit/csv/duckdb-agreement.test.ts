import { readFileSync } from 'node:fs';
import type { DuckDBBindings } from '@duckdb/duckdb-wasm/blocking';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOhlcvCsv } from '../../../src/core/csv/read-ohlcv-csv';
import { startNodeDuckDB } from '../../helpers/node-duckdb';

/**
 * The UI reads CSVs with DuckDB-WASM and the CLI with readOhlcvCsv: both must produce the same doubles.
 * These tests run the same DuckDB build in Node and compare every value bit for bit.
 */

let db: DuckDBBindings;
beforeAll(async () => {
  db = await startNodeDuckDB();
}, 60_000);
afterAll(() => db?.reset());

const COLUMNS = ['timestamp', 'open', 'high', 'low', 'close', 'volume'] as const;

/** Runs `select` (which must yield the six columns in order) and returns them as Float64Arrays. */
function duckColumns(fileName: string, text: string, select: (source: string) => string): Float64Array[] {
  db.registerFileText(fileName, text);
  const conn = db.connect();
  try {
    const table = conn.query(select(`read_csv('${fileName}', header = true${fileName.startsWith('varchar') ? ', all_varchar = true' : ''})`));
    return COLUMNS.map((_, i) => Float64Array.from(table.getChildAt(i)!.toArray() as ArrayLike<number>));
  } finally {
    conn.close();
    db.dropFile(fileName);
  }
}

function expectBitwiseEqual(name: string, ours: Float64Array, theirs: Float64Array): void {
  expect(ours.length, name).toBe(theirs.length);
  for (let i = 0; i < ours.length; i++) {
    if (!Object.is(ours[i], theirs[i])) expect.fail(`${name}[${i}]: readOhlcvCsv ${ours[i]} vs DuckDB ${theirs[i]}`);
  }
}

describe('readOhlcvCsv agrees with DuckDB-WASM', () => {
  it.each(['GOOG.csv', 'EURUSD.csv', 'BTCUSD.csv'])('on %s, read with DuckDB type detection', (name) => {
    const text = readFileSync(new URL(`../../../../shared/data/${name}`, import.meta.url), 'utf8');
    const duck = duckColumns(
      name,
      text,
      (source) =>
        `SELECT CAST(epoch_ms(CAST(column0 AS TIMESTAMP)) AS DOUBLE), CAST("Open" AS DOUBLE), CAST("High" AS DOUBLE), ` +
        `CAST("Low" AS DOUBLE), CAST("Close" AS DOUBLE), CAST("Volume" AS DOUBLE) FROM ${source}`,
    );
    const { table } = readOhlcvCsv(text, { source: name });
    COLUMNS.forEach((c, i) => expectBitwiseEqual(`${name} ${c}`, table[c], duck[i]));
  });

  it('on thousands of numeric spellings: long mantissas, exponents, signs, leading/trailing dots, spaces', () => {
    const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), minLength: min, maxLength: max });
    const decimal = fc
      .tuple(
        fc.constantFrom('', '', '-', '+'),
        fc.oneof(digits(1, 20), fc.constant('')),
        fc.option(digits(0, 25)),
        fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '-', '+'), digits(1, 2))),
        fc.constantFrom('', '', ' '),
      )
      .map(([sign, int, frac, exp, pad]) => {
        const mantissa = int === '' ? `.${frac === null || frac === '' ? '5' : frac}` : `${int}${frac === null ? '' : `.${frac}`}`;
        return `${pad}${sign}${mantissa}${exp === null ? '' : exp.join('')}${pad}`;
      });
    const values = fc.sample(decimal, { numRuns: 5000, seed: 99 });
    const rows = ['timestamp,open,high,low,close,volume'];
    for (let i = 0; i + 5 <= values.length; i += 5) rows.push(`${i},${values.slice(i, i + 5).join(',')}`);
    const text = rows.join('\n') + '\n';
    const duck = duckColumns(
      'varchar-numbers.csv',
      text,
      (source) =>
        `SELECT CAST(timestamp AS DOUBLE), ${COLUMNS.slice(1)
          .map((c) => `CAST(${c} AS DOUBLE)`)
          .join(', ')} FROM ${source}`,
    );
    const { table } = readOhlcvCsv(text, { epochUnit: 'ms' });
    COLUMNS.slice(1).forEach((c, i) => expectBitwiseEqual(c, table[c], duck[i + 1]));
  });

  it('on timestamp spellings, with offsets read as instants (DuckDB TIMESTAMPTZ)', () => {
    const spellings = [
      '2004-08-19',
      '2017-04-19 09:00:00',
      '2017-04-19 09:00',
      '2017-04-19T09:00:00Z',
      '2017-04-19T09:00:00.250Z',
      '2017-04-19 09:00:00.123456',
      '2017-04-19 09:00:00.9999999',
      '2017-04-19T09:00:00+02:00',
      '2017-04-19T09:00:00-05:30',
      '2017-04-19 09:00:00+0200',
      '2017-04-19 09:00:00+02',
      '2017-04-19 9:00:00',
      '2017-4-9',
      '2017-04-19 24:00:00',
      '2000-02-29 23:59:59.999',
      '1969-12-31 23:59:59.999',
      '1969-12-31 23:59:59.9995',
      '1900-03-01',
      '0001-01-01',
      '9999-12-31 23:59:59.999',
    ];
    const text = ['timestamp,open,high,low,close,volume', ...spellings.map((s) => `${s},1,1,1,1,1`)].join('\n');
    const duck = duckColumns(
      'varchar-times.csv',
      text,
      (source) => `SELECT CAST(epoch_ms(CAST(timestamp AS TIMESTAMPTZ)) AS DOUBLE), open, high, low, close, volume FROM ${source}`,
    );
    expectBitwiseEqual('timestamp', readOhlcvCsv(text).table.timestamp, duck[0]);
  });

  it('on a file whose offsets DuckDB detects as TIMESTAMP WITH TIME ZONE (the UI path)', () => {
    const text =
      'timestamp,open,high,low,close,volume\r\n2017-04-19T09:00:00+02:00,1.5,2,1,1.75,10\r\n2017-04-19T10:00:00+02:00,1.75,2,1.5,1.8,11\r\n';
    const duck = duckColumns(
      'tz.csv',
      text,
      (source) =>
        `SELECT CAST(epoch_ms(CAST(timestamp AS TIMESTAMP)) AS DOUBLE), ${COLUMNS.slice(1)
          .map((c) => `CAST(${c} AS DOUBLE)`)
          .join(', ')} FROM ${source}`,
    );
    const { table } = readOhlcvCsv(text);
    COLUMNS.forEach((c, i) => expectBitwiseEqual(c, table[c], duck[i]));
    expect(table.timestamp[0]).toBe(Date.UTC(2017, 3, 19, 7));
  });
});
