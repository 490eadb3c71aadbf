import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OhlcvTable } from '../../../src/core/domain/ohlcv-table';
import { readOhlcvCsv } from '../../../src/core/csv/read-ohlcv-csv';
import { writeOhlcvCsv, type WriteOhlcvCsvOptions } from '../../../src/core/csv/write-ohlcv-csv';

/** Any double the format can hold: finite, -0 and NaN (written as an empty field) included. */
const value = fc.oneof(
  { weight: 8, arbitrary: fc.double({ noDefaultInfinity: true, noNaN: true }) },
  { weight: 1, arbitrary: fc.constant(Number.NaN) },
  { weight: 1, arbitrary: fc.constantFrom(-0, 0, 5e-324, Number.MAX_VALUE, 0.1, 1e21, 123456.789) },
);
/** 0000-01-01 to 9999-12-31, the range of 4-digit ISO years (Date.UTC would read year 0 as 1900). */
const instant = fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 });
const name = fc.oneof(
  fc.constantFrom('GOOG', 'BRK.B', 'a,b', 'say "hi"', ' padded ', 'line\nbreak', 'crlf\r\nin', 'cr\rin', '', '"', ';', '\t'),
  fc.string({ maxLength: 8 }),
);

const table = (withInstrument: boolean): fc.Arbitrary<OhlcvTable> =>
  fc.integer({ min: 0, max: 40 }).chain((n) =>
    fc
      .record({
        timestamp: fc.array(instant, { minLength: n, maxLength: n }),
        open: fc.array(value, { minLength: n, maxLength: n }),
        high: fc.array(value, { minLength: n, maxLength: n }),
        low: fc.array(value, { minLength: n, maxLength: n }),
        close: fc.array(value, { minLength: n, maxLength: n }),
        volume: fc.array(value, { minLength: n, maxLength: n }),
        instrument: fc.array(name, { minLength: n, maxLength: n }),
      })
      .map((c) => ({
        timestamp: Float64Array.from(c.timestamp),
        open: Float64Array.from(c.open),
        high: Float64Array.from(c.high),
        low: Float64Array.from(c.low),
        close: Float64Array.from(c.close),
        volume: Float64Array.from(c.volume),
        ...(withInstrument ? { instrument: c.instrument } : {}),
      })),
  );

/** Bitwise equality of columns (so -0 ≠ 0 and NaN = NaN). */
function expectSameTable(actual: OhlcvTable, expected: OhlcvTable): void {
  for (const column of ['timestamp', 'open', 'high', 'low', 'close', 'volume'] as const) {
    const a = actual[column];
    const e = expected[column];
    expect(a.length, column).toBe(e.length);
    for (let i = 0; i < e.length; i++) {
      if (!Object.is(a[i], e[i])) expect.fail(`${column}[${i}]: read ${a[i]}, wrote ${e[i]}`);
    }
  }
  expect(actual.instrument).toEqual(expected.instrument);
}

const formats: [string, WriteOhlcvCsvOptions][] = [
  ['ISO timestamps, LF', {}],
  ['epoch-ms timestamps, CRLF', { timestampFormat: 'epoch-ms', lineEnding: '\r\n' }],
  ['semicolons', { delimiter: ';' }],
  ['tabs, CRLF', { delimiter: '\t', lineEnding: '\r\n' }],
];

describe('CSV round trip: columns → writeOhlcvCsv → readOhlcvCsv', () => {
  for (const [label, options] of formats) {
    for (const withInstrument of [false, true]) {
      it(`${label}${withInstrument ? ', with instrument' : ''}`, () => {
        fc.assert(
          fc.property(table(withInstrument), (t) => {
            const text = writeOhlcvCsv(t, options);
            const back = readOhlcvCsv(text, { missing: 'nan', epochUnit: 'ms', source: 'round-trip.csv' });
            expectSameTable(back.table, t);
            if (options.delimiter !== undefined) expect(back.delimiter).toBe(options.delimiter);
          }),
          { numRuns: 150, seed: 1234 },
        );
      });
    }
  }

  it('row numbers follow lines, including multi-line instrument names', () => {
    const t: OhlcvTable = {
      timestamp: Float64Array.of(0, 1, 2),
      open: Float64Array.of(1, 2, 3),
      high: Float64Array.of(1, 2, 3),
      low: Float64Array.of(1, 2, 3),
      close: Float64Array.of(1, 2, 3),
      volume: Float64Array.of(1, 2, 3),
      instrument: ['A', 'two\nlines', 'C'],
    };
    expect(Array.from(readOhlcvCsv(writeOhlcvCsv(t)).rowNumbers)).toEqual([2, 3, 5]);
  });

  it('refuses what it cannot write faithfully', () => {
    const base = {
      timestamp: Float64Array.of(0),
      open: Float64Array.of(1),
      high: Float64Array.of(1),
      low: Float64Array.of(1),
      close: Float64Array.of(1),
      volume: Float64Array.of(1),
    };
    expect(() => writeOhlcvCsv({ ...base, close: Float64Array.of(Infinity) })).toThrow(RangeError);
    expect(() => writeOhlcvCsv({ ...base, timestamp: Float64Array.of(0.5) })).toThrow('row 1: timestamp 0.5 is not a whole number of milliseconds');
    expect(() => writeOhlcvCsv({ ...base, timestamp: Float64Array.of(Date.UTC(10000, 0, 1)) })).toThrow(RangeError);
    expect(writeOhlcvCsv({ ...base, timestamp: Float64Array.of(Date.UTC(10000, 0, 1)) }, { timestampFormat: 'epoch-ms' })).toBe(
      `timestamp,open,high,low,close,volume\n${Date.UTC(10000, 0, 1)},1,1,1,1,1\n`,
    );
  });

  it('writes the documented format', () => {
    const t: OhlcvTable = {
      timestamp: Float64Array.of(Date.UTC(2004, 7, 19)),
      open: Float64Array.of(100),
      high: Float64Array.of(104.06),
      low: Float64Array.of(-0),
      close: Float64Array.of(NaN),
      volume: Float64Array.of(1e21),
      instrument: ['a "b", c'],
    };
    expect(writeOhlcvCsv(t)).toBe('timestamp,open,high,low,close,volume,instrument\n2004-08-19T00:00:00.000Z,100,104.06,-0,,1e+21,"a ""b"", c"\n');
  });
});
