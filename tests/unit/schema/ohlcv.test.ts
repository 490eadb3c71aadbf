import { describe, expect, it } from 'vitest';
import type { OhlcvTable } from '../../../src/core/domain/ohlcv-table';
import { OhlcvRule, assertValidOhlcv, validateOhlcv } from '../../../src/core/schema/ohlcv';
import { SchemaError } from '../../../src/core/schema/schema-error';
import { MS_PER_DAY } from '../../../src/core/domain/time';

interface Row {
  t: number;
  o: number;
  h: number;
  l: number;
  c: number;
  v: number;
  sym?: string;
}

function tableOf(rows: Row[]): OhlcvTable {
  const col = (f: (r: Row) => number): Float64Array => Float64Array.from(rows.map(f));
  const withSymbols = rows.some((r) => r.sym !== undefined);
  return {
    timestamp: col((r) => r.t),
    open: col((r) => r.o),
    high: col((r) => r.h),
    low: col((r) => r.l),
    close: col((r) => r.c),
    volume: col((r) => r.v),
    ...(withSymbols ? { instrument: rows.map((r) => r.sym ?? '') } : {}),
  };
}

/** 20 clean daily bars. */
function cleanRows(): Row[] {
  return Array.from({ length: 20 }, (_, i) => ({ t: i * MS_PER_DAY, o: 100 + i, h: 102 + i, l: 99 + i, c: 101 + i, v: 1000 }));
}

/** `rows` with row index `i` changed by `patch`. */
function patched(i: number, patch: Partial<Row>): OhlcvTable {
  const rows = cleanRows();
  rows[i] = { ...rows[i], ...patch };
  return tableOf(rows);
}

describe('validateOhlcv', () => {
  it('accepts a clean table', () => {
    expect(validateOhlcv(tableOf(cleanRows()))).toEqual({ ok: true, violations: [], total: 0, rows: 20 });
  });

  it('reports high below max(open, close) with the message format of the brief', () => {
    // Data row 16 (index 15) with a one-line header is row 17 of GOOG.csv.
    const result = validateOhlcv(patched(15, { o: 101.2, c: 100, h: 99.5, l: 99 }), { source: 'GOOG.csv', headerLines: 1 });
    expect(result.ok).toBe(false);
    expect(result.total).toBe(1);
    expect(result.violations).toEqual([
      {
        row: 17,
        column: 'high',
        rule: 'high>=max(open,close)',
        value: 99.5,
        message: 'GOOG.csv: row 17, column "high": high (99.5) is below max(open, close) (101.2) [rule: high>=max(open,close)]',
      },
    ]);
  });

  it('numbers rows from 1 without a header offset', () => {
    const [v] = validateOhlcv(patched(0, { l: 100.5 })).violations;
    expect(v).toMatchObject({ row: 1, column: 'low', rule: 'low<=min(open,close)', value: 100.5 });
    expect(v.message).toBe('table: row 1, column "low": low (100.5) is above min(open, close) (100) [rule: low<=min(open,close)]');
  });

  it('uses exact row numbers when given', () => {
    const rowNumbers = Uint32Array.from({ length: 20 }, (_, i) => 10 + 2 * i);
    const [v] = validateOhlcv(patched(3, { v: -1 }), { rowNumbers }).violations;
    expect(v).toMatchObject({ row: 16, column: 'volume', rule: 'volume>=0', value: -1 });
    expect(() => validateOhlcv(tableOf(cleanRows()), { rowNumbers: new Uint32Array(3) })).toThrow(RangeError);
  });

  const cases: [string, number, Partial<Row>, { column: string; rule: OhlcvRule; value: number }[]][] = [
    ['NaN open', 4, { o: NaN }, [{ column: 'open', rule: 'finite', value: NaN }]],
    ['infinite close', 4, { c: Infinity }, [{ column: 'close', rule: 'finite', value: Infinity }]],
    ['zero low', 4, { l: 0 }, [{ column: 'low', rule: 'price>0', value: 0 }]],
    [
      'negative prices',
      0,
      { o: -1, h: -0.5, l: -2, c: -1 },
      [
        { column: 'open', rule: 'price>0', value: -1 },
        { column: 'high', rule: 'price>0', value: -0.5 },
        { column: 'low', rule: 'price>0', value: -2 },
        { column: 'close', rule: 'price>0', value: -1 },
      ],
    ],
    ['high below close', 4, { h: 104.5 }, [{ column: 'high', rule: 'high>=max(open,close)', value: 104.5 }]],
    ['low above open', 4, { l: 104.5 }, [{ column: 'low', rule: 'low<=min(open,close)', value: 104.5 }]],
    [
      'high below low',
      4,
      { o: 100, c: 100, h: 99, l: 101 },
      [
        { column: 'high', rule: 'high>=max(open,close)', value: 99 },
        { column: 'low', rule: 'low<=min(open,close)', value: 101 },
        { column: 'high', rule: 'high>=low', value: 99 },
      ],
    ],
    ['negative volume', 4, { v: -5 }, [{ column: 'volume', rule: 'volume>=0', value: -5 }]],
    ['NaN volume', 4, { v: NaN }, [{ column: 'volume', rule: 'finite', value: NaN }]],
    ['NaN timestamp', 4, { t: NaN }, [{ column: 'timestamp', rule: 'finite', value: NaN }]],
    ['repeated timestamp', 4, { t: 3 * MS_PER_DAY }, [{ column: 'timestamp', rule: 'timestamp-increasing', value: 3 * MS_PER_DAY }]],
    ['timestamp going back', 4, { t: 2.5 * MS_PER_DAY }, [{ column: 'timestamp', rule: 'timestamp-increasing', value: 2.5 * MS_PER_DAY }]],
  ];
  for (const [name, index, patch, expected] of cases) {
    it(`flags ${name} at the right row, column and rule`, () => {
      const result = validateOhlcv(patched(index, patch), { source: 'x.csv', headerLines: 1 });
      expect(result.total).toBe(expected.length);
      expect(result.violations.map(({ row, column, rule, value }) => ({ row, column, rule, value }))).toEqual(
        expected.map((e) => ({ ...e, row: index + 2 })),
      );
      for (const v of result.violations) {
        expect(v.message.startsWith(`x.csv: row ${index + 2}, column "${v.column}": `)).toBe(true);
        expect(v.message.endsWith(` [rule: ${v.rule}]`)).toBe(true);
      }
    });
  }

  it('accepts zero volume and flat bars', () => {
    expect(validateOhlcv(patched(2, { o: 5, h: 5, l: 5, c: 5, v: 0 })).ok).toBe(true);
  });

  it('describes a timestamp out of order with both instants and the previous row', () => {
    const [v] = validateOhlcv(patched(4, { t: 3 * MS_PER_DAY }), { source: 'd.csv', headerLines: 1 }).violations;
    expect(v.message).toBe(
      'd.csv: row 6, column "timestamp": timestamp 1970-01-04T00:00:00.000Z (259200000) repeats the previous timestamp ' +
        '1970-01-04T00:00:00.000Z (259200000) at row 5 [rule: timestamp-increasing]',
    );
  });

  it('compares each timestamp with the row before, so one stray row is one violation', () => {
    const result = validateOhlcv(patched(10, { t: 100 * MS_PER_DAY }));
    // Row 11 jumps ahead (fine); row 12 is then earlier than row 11.
    expect(result.violations.map((v) => [v.row, v.rule])).toEqual([[12, 'timestamp-increasing']]);
  });

  it('orders timestamps per instrument, so interleaved instruments are fine', () => {
    const rows: Row[] = [];
    for (let i = 0; i < 5; i++) {
      rows.push({ t: i * MS_PER_DAY, o: 1, h: 1, l: 1, c: 1, v: 1, sym: 'A' });
      rows.push({ t: i * MS_PER_DAY, o: 2, h: 2, l: 2, c: 2, v: 1, sym: 'B' });
    }
    expect(validateOhlcv(tableOf(rows)).ok).toBe(true);
    rows[7] = { ...rows[7], t: 0 }; // B's fourth bar goes back to day 0
    const result = validateOhlcv(tableOf(rows));
    expect(result.violations).toHaveLength(1);
    expect(result.violations[0]).toMatchObject({ row: 8, column: 'timestamp', rule: 'timestamp-increasing', value: 0 });
    expect(result.violations[0].message).toContain('of instrument "B"');
    expect(result.violations[0].message).toContain('at row 6');
  });

  it('requires a non-empty instrument when the column exists', () => {
    const rows = cleanRows().map((r) => ({ ...r, sym: 'A' }));
    rows[2] = { ...rows[2], sym: '' };
    expect(validateOhlcv(tableOf(rows)).violations.map((v) => [v.row, v.column, v.rule, v.value])).toEqual([
      [3, 'instrument', 'instrument-present', ''],
    ]);
  });

  it('caps kept violations but counts them all', () => {
    const rows = cleanRows();
    const many = Array.from({ length: 500 }, (_, i) => ({ ...rows[0], t: i, v: -1 }));
    const result = validateOhlcv(tableOf(many), { maxViolations: 100 });
    expect(result.total).toBe(500);
    expect(result.violations).toHaveLength(100);
    expect(result.violations[99].row).toBe(100);
    expect(validateOhlcv(tableOf(many)).violations).toHaveLength(100); // the default cap
  });

  it('reports missing, mistyped and unequal columns before looking at rows', () => {
    const good = tableOf(cleanRows());
    const { volume: _dropped, ...noVolume } = good;
    expect(validateOhlcv(noVolume, { source: 'f.csv' }).violations).toEqual([
      {
        row: 0,
        column: 'volume',
        rule: 'required-column',
        value: null,
        message: 'f.csv: column "volume": required column is missing [rule: required-column]',
      },
    ]);
    const mistyped = { ...good, close: Array.from(good.close) };
    expect(validateOhlcv(mistyped).violations.map((v) => [v.column, v.rule, v.value])).toEqual([['close', 'column-type', 'Array']]);
    const short = { ...good, high: good.high.subarray(0, 19) };
    expect(validateOhlcv(short).violations.map((v) => [v.column, v.rule, v.value, v.message])).toEqual([
      ['high', 'column-length', 19, 'table: column "high": has 19 rows but timestamp has 20 [rule: column-length]'],
    ]);
    expect(validateOhlcv(null).violations).toHaveLength(6);
    expect(validateOhlcv({ ...good, instrument: 'GOOG' }).violations.map((v) => v.rule)).toEqual(['column-type']);
  });

  it('accepts an empty table', () => {
    expect(validateOhlcv(tableOf([])).ok).toBe(true);
  });
});

describe('assertValidOhlcv', () => {
  it('passes clean data through', () => {
    const value: unknown = tableOf(cleanRows());
    assertValidOhlcv(value);
    expect(value.close[0]).toBe(101); // typed as OhlcvTable after the assertion
  });

  it('throws a SchemaError with the first five violations and the total', () => {
    const rows = cleanRows().map((r) => ({ ...r, v: -1 }));
    let error: unknown;
    try {
      assertValidOhlcv(tableOf(rows), { source: 'bad.csv', headerLines: 1 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SchemaError);
    const e = error as SchemaError;
    expect(e.name).toBe('SchemaError');
    expect(e.total).toBe(20);
    expect(e.violations).toHaveLength(5);
    expect(e.source).toBe('bad.csv');
    expect(e.message.split('\n')).toEqual([
      'bad.csv: 20 schema violations',
      '  bad.csv: row 2, column "volume": volume (-1) is negative [rule: volume>=0]',
      '  bad.csv: row 3, column "volume": volume (-1) is negative [rule: volume>=0]',
      '  bad.csv: row 4, column "volume": volume (-1) is negative [rule: volume>=0]',
      '  bad.csv: row 5, column "volume": volume (-1) is negative [rule: volume>=0]',
      '  bad.csv: row 6, column "volume": volume (-1) is negative [rule: volume>=0]',
      '  … and 15 more',
    ]);
  });
});
