import { describe, expect, it } from 'vitest';
import { CsvError } from '../../../src/core/csv/csv-error';
import { readOhlcvCsv, type ReadOhlcvCsvOptions } from '../../../src/core/csv/read-ohlcv-csv';

const D19 = Date.UTC(2004, 7, 19);
const D20 = Date.UTC(2004, 7, 20);

function errorOf(text: string, options: ReadOhlcvCsvOptions = { source: 'bad.csv' }): CsvError {
  try {
    readOhlcvCsv(text, options);
  } catch (e) {
    if (e instanceof CsvError) return e;
    throw e;
  }
  throw new Error('expected a CsvError, but the text was read');
}

/** The fields of a CsvError that tests pin. */
function brief(e: CsvError): { row: number; column: string | undefined; rule: string; value: string | undefined } {
  return { row: e.row, column: e.column, rule: e.rule, value: e.value };
}

describe('readOhlcvCsv layouts', () => {
  it('reads a Yahoo-style file: Date column, Adj Close ignored', () => {
    const text =
      'Date,Open,High,Low,Close,Adj Close,Volume\n2004-08-19,100,104.06,95.96,100.34,50.2,22351900\n2004-08-20,101.01,109.08,100.5,108.31,54.1,11428600\n';
    const { table, columns } = readOhlcvCsv(text);
    expect(columns).toEqual({ timestamp: 'Date', open: 'Open', high: 'High', low: 'Low', close: 'Close', volume: 'Volume' });
    expect(Array.from(table.timestamp)).toEqual([D19, D20]);
    expect(Array.from(table.close)).toEqual([100.34, 108.31]);
    expect(Array.from(table.volume)).toEqual([22351900, 11428600]);
  });

  it('reads lowercase names, ISO T/Z timestamps and columns in any order', () => {
    const text = 'volume,close,low,high,open,timestamp\n5,1.5,1,2,1.25,2017-04-19T09:00:00Z\n6,1.6,1.1,2.1,1.5,2017-04-19T10:00:00.250Z\n';
    const { table } = readOhlcvCsv(text);
    expect(Array.from(table.timestamp)).toEqual([Date.UTC(2017, 3, 19, 9), Date.UTC(2017, 3, 19, 10, 0, 0, 250)]);
    expect(Array.from(table.open)).toEqual([1.25, 1.5]);
    expect(Array.from(table.volume)).toEqual([5, 6]);
  });

  it('sniffs semicolon and tab delimiters; uppercase names; DATETIME', () => {
    const semi = readOhlcvCsv('DATETIME;OPEN;HIGH;LOW;CLOSE;VOLUME\n2004-08-19 09:30;1;2;0.5;1.5;10\n');
    expect(semi.delimiter).toBe(';');
    expect(semi.table.timestamp[0]).toBe(Date.UTC(2004, 7, 19, 9, 30));
    const tab = readOhlcvCsv('time\topen\thigh\tlow\tclose\tvolume\n2004-08-19\t1\t2\t0.5\t1.5\t10\n');
    expect(tab.delimiter).toBe('\t');
    expect(tab.table.high[0]).toBe(2);
  });

  it('reads epoch seconds and milliseconds, judged by magnitude or given', () => {
    const seconds = readOhlcvCsv('time,open,high,low,close,volume\n1492592400,1,2,0.5,1.5,10\n1492596000,1,2,0.5,1.5,10\n');
    expect(seconds.timestampFormat).toBe('epoch-s');
    expect(Array.from(seconds.table.timestamp)).toEqual([1_492_592_400_000, 1_492_596_000_000]);
    const millis = readOhlcvCsv('timestamp,open,high,low,close,volume\n1492592400000,1,2,0.5,1.5,10\n');
    expect(millis.timestampFormat).toBe('epoch-ms');
    expect(millis.table.timestamp[0]).toBe(1_492_592_400_000);
    const micros = readOhlcvCsv('timestamp,open,high,low,close,volume\n1492592400123456,1,2,0.5,1.5,10\n');
    expect(micros.timestampFormat).toBe('epoch-us');
    expect(micros.table.timestamp[0]).toBe(1_492_592_400_123);
    const nanos = readOhlcvCsv('timestamp,open,high,low,close,volume\n1492592400123456789,1,2,0.5,1.5,10\n');
    expect(nanos.timestampFormat).toBe('epoch-ns');
    expect(nanos.table.timestamp[0]).toBe(1_492_592_400_123);
    const given = readOhlcvCsv('timestamp,open,high,low,close,volume\n5000,1,2,0.5,1.5,10\n', { epochUnit: 'ms' });
    expect(given.table.timestamp[0]).toBe(5000);
  });

  it('applies UTC offsets and truncates sub-millisecond digits', () => {
    const text = [
      'timestamp,open,high,low,close,volume',
      '2017-04-19T09:00:00+02:00,1,1,1,1,1',
      '2017-04-19T09:00:00-05:30,1,1,1,1,1',
      '2017-04-19 09:00:00+0200,1,1,1,1,1',
      '2017-04-19 09:00:00+02,1,1,1,1,1',
      '2017-04-19 09:00:00.123999,1,1,1,1,1',
      '2017-04-19 9:00,1,1,1,1,1',
      '2017-4-9,1,1,1,1,1',
      '2017-04-19 24:00:00,1,1,1,1,1',
    ].join('\n');
    expect(Array.from(readOhlcvCsv(text).table.timestamp)).toEqual([
      Date.UTC(2017, 3, 19, 7),
      Date.UTC(2017, 3, 19, 14, 30),
      Date.UTC(2017, 3, 19, 7),
      Date.UTC(2017, 3, 19, 7),
      Date.UTC(2017, 3, 19, 9, 0, 0, 123),
      Date.UTC(2017, 3, 19, 9),
      Date.UTC(2017, 3, 9),
      Date.UTC(2017, 3, 20),
    ]);
  });

  it('reads an instrument column and keeps interleaved rows in file order', () => {
    const text =
      'Ticker,Date,Open,High,Low,Close,Volume\nAAPL,2004-08-19,1,2,0.5,1.5,10\nGOOG,2004-08-19,100,104,95,100,20\nAAPL,2004-08-20,1.5,2,1,1.8,30\n';
    const { table, columns } = readOhlcvCsv(text);
    expect(columns.instrument).toBe('Ticker');
    expect(table.instrument).toEqual(['AAPL', 'GOOG', 'AAPL']);
    expect(Array.from(table.timestamp)).toEqual([D19, D19, D20]);
    expect(readOhlcvCsv(text.replace('Ticker', 'symbol')).table.instrument).toEqual(['AAPL', 'GOOG', 'AAPL']);
    expect(readOhlcvCsv(text.replace('Ticker', 'Instrument')).table.instrument).toEqual(['AAPL', 'GOOG', 'AAPL']);
  });

  it('handles quoted fields, doubled quotes and line breaks inside quotes', () => {
    const text =
      'symbol,date,open,high,low,close,volume\n' +
      '"BRK, Class ""B""","2004-08-19","1.5",2,1,"1.75",10\n' +
      '"multi\nline",2004-08-20,1,2,0.5,1.5,10\n' +
      'PLAIN,2004-08-21,1,2,0.5,1.5,10\n';
    const csv = readOhlcvCsv(text);
    expect(csv.table.instrument).toEqual(['BRK, Class "B"', 'multi\nline', 'PLAIN']);
    expect(Array.from(csv.table.open)).toEqual([1.5, 1, 1]);
    expect(csv.table.close[0]).toBe(1.75);
    expect(Array.from(csv.rowNumbers)).toEqual([2, 3, 5]);
  });

  it('accepts BOM, CRLF, CR, no trailing newline, extra trailing newlines and blank lines', () => {
    const rows = ['date,open,high,low,close,volume', '2004-08-19,1,2,0.5,1.5,10', '2004-08-20,2,3,1.5,2.5,20'];
    const expected = { timestamp: [D19, D20], close: [1.5, 2.5] };
    const variants = [
      rows.join('\n'),
      rows.join('\n') + '\n',
      '\uFEFF' + rows.join('\r\n') + '\r\n',
      rows.join('\r') + '\r',
      rows.join('\n') + '\n\n\n',
      '\n' + rows.join('\n\n') + '\n',
    ];
    for (const text of variants) {
      const { table } = readOhlcvCsv(text);
      expect({ timestamp: Array.from(table.timestamp), close: Array.from(table.close) }).toEqual(expected);
    }
    const spaced = readOhlcvCsv(variants[5]);
    expect(spaced.headerRow).toBe(2);
    expect(Array.from(spaced.rowNumbers)).toEqual([4, 6]);
    expect(readOhlcvCsv(variants[2]).columns.timestamp).toBe('date'); // BOM not part of the first name
  });

  it('ignores spaces around numbers and header names', () => {
    const { table, columns } = readOhlcvCsv(' Date , Open ,High,Low,Close,Volume\n2004-08-19 , 1 ,2,0.5, 1.5,\t10\n');
    expect(columns.open).toBe(' Open ');
    expect(Array.from(barOf(table))).toEqual([D19, 1, 2, 0.5, 1.5, 10]);
  });

  it('reads a header-only file as an empty table', () => {
    const { table, rowNumbers } = readOhlcvCsv('timestamp,open,high,low,close,volume\n');
    expect(table.timestamp.length).toBe(0);
    expect(rowNumbers.length).toBe(0);
  });

  it('turns empty fields into NaN when asked', () => {
    const { table } = readOhlcvCsv('date,open,high,low,close,volume\n2004-08-19,1,,0.5,1.5,\n', { missing: 'nan' });
    expect(table.high[0]).toBeNaN();
    expect(table.volume[0]).toBeNaN();
  });

  it('lets the caller pick columns when names are ambiguous or unusual', () => {
    const text = 'Date,Time,O,H,L,C,V\n2004-08-19,09:30,1,2,0.5,1.5,10\n';
    const { table } = readOhlcvCsv(text, { columns: { timestamp: 'Date', open: 'o', high: 'H', low: 'L', close: 'C', volume: 'V' } });
    expect(Array.from(barOf(table))).toEqual([D19, 1, 2, 0.5, 1.5, 10]);
    expect(() => readOhlcvCsv(text, { columns: { timestamp: 'Date', open: 'C', high: 'H', low: 'L', close: 'C', volume: 'V' } })).toThrow(
      'columns option: "C" cannot be both open and close',
    );
  });

  it('grows past its line-count estimate when quoted records end in lone CRs', () => {
    const text = 'date,open,high,low,close,volume\n"2004-08-19",1,2,0.5,1.5,10\r"2004-08-20",2,3,1.5,2.5,20\r"2004-08-21",3,4,2.5,3.5,30\n';
    const { table, rowNumbers } = readOhlcvCsv(text);
    expect(Array.from(table.close)).toEqual([1.5, 2.5, 3.5]);
    expect(Array.from(rowNumbers)).toEqual([2, 3, 4]);
  });

  it('returns compact columns (no spare capacity)', () => {
    const { table } = readOhlcvCsv('date,open,high,low,close,volume\n2004-08-19,1,2,0.5,1.5,10\n\n\n\n');
    expect(table.close.buffer.byteLength).toBe(8);
  });
});

function barOf(table: {
  timestamp: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}): number[] {
  return [table.timestamp[0], table.open[0], table.high[0], table.low[0], table.close[0], table.volume[0]];
}

describe('readOhlcvCsv errors name file, row, column and rule', () => {
  const HEADER = ',Open,High,Low,Close,Volume\n';
  const ROW = '2004-08-19,100,104.06,95.96,100.34,22351900\n';

  it('unparseable number', () => {
    const e = errorOf(HEADER + ROW + '2004-08-20,101.01,10x.5,100.5,108.31,11428600\n', { source: 'GOOG.csv' });
    expect(e).toBeInstanceOf(CsvError);
    expect(e.name).toBe('CsvError');
    expect(brief(e)).toEqual({ row: 3, column: 'High', rule: 'unparseable-number', value: '10x.5' });
    expect(e.message).toBe('GOOG.csv: row 3, column "High": cannot parse "10x.5" as a number [rule: unparseable-number]');
    expect(e.source).toBe('GOOG.csv');
  });

  it('words, thousands separators and hex are not numbers', () => {
    for (const bad of ['NaN', 'inf', '0x10', '1_000', '1.2.3', '-', '.', 'e5', '1e', '1e+']) {
      expect(brief(errorOf(HEADER + ROW.replace('95.96', bad)))).toEqual({ row: 2, column: 'Low', rule: 'unparseable-number', value: bad });
    }
    expect(brief(errorOf(HEADER + '2004-08-19,"1,5",2,1,1.5,10\n'))).toEqual({ row: 2, column: 'Open', rule: 'unparseable-number', value: '1,5' });
  });

  it('unparseable timestamp', () => {
    const e = errorOf(HEADER + ROW + '2004-13-01,1,2,0.5,1.5,10\n');
    expect(brief(e)).toEqual({ row: 3, column: '', rule: 'unparseable-timestamp', value: '2004-13-01' });
    expect(e.message).toBe(
      'bad.csv: row 3, column "": cannot parse "2004-13-01" as a timestamp (expected YYYY-MM-DD, optionally with a time HH:MM[:SS[.fff]] and a zone Z or ±HH:MM, as in the first row) [rule: unparseable-timestamp]',
    );
    for (const bad of [
      '2017-02-29',
      '2004-08-19 25:00',
      '2004-08-19 09:60',
      '2004-08-19T09',
      '2004-08-19t09:00',
      '2004-08-19 09:00 +02:00',
      '19/08/2004',
      '2004-08-19 24:00:01',
      '2004-08-19 09:00:00Zulu',
    ]) {
      expect(brief(errorOf(HEADER + ROW.replace('2004-08-19', bad)))).toEqual({ row: 2, column: '', rule: 'unparseable-timestamp', value: bad });
    }
  });

  it('a timestamp in another format than the first row', () => {
    const e = errorOf('time,open,high,low,close,volume\n1492592400,1,2,0.5,1.5,10\n2017-04-19,1,2,0.5,1.5,10\n');
    expect(brief(e)).toEqual({ row: 3, column: 'time', rule: 'unparseable-timestamp', value: '2017-04-19' });
    expect(e.message).toContain('expected integer epoch seconds, as in the first row');
  });

  it('missing column, with a "did you mean" suggestion by edit distance', () => {
    const e = errorOf(',Open,High,Low,Clse,Volume\n' + ROW, { source: 'GOOG.csv' });
    expect(brief(e)).toEqual({ row: 1, column: 'close', rule: 'missing-column', value: undefined });
    expect(e.suggestion).toBe('Clse');
    expect(e.message).toBe(
      'GOOG.csv: row 1, column "close": required column is missing (header: "", "Open", "High", "Low", "Clse", "Volume"); did you mean "Clse"? [rule: missing-column]',
    );
    expect(errorOf('Dates,Open,High,Low,Close,Volume\n').suggestion).toBe('Dates');
    expect(errorOf('Date,Open,High,Low,Close,Vol\n').suggestion).toBe('Vol');
    expect(errorOf('Date,Open,High,Low,Close,Adj Close\n').suggestion).toBeUndefined();
    const noTime = errorOf('Open,High,Low,Close,Volume\n');
    expect(brief(noTime)).toEqual({ row: 1, column: 'timestamp', rule: 'missing-column', value: undefined });
    expect(noTime.message).toBe(
      'bad.csv: row 1, column "timestamp": required column is missing: no timestamp, datetime, date or time column and no unnamed first column (header: "Open", "High", "Low", "Close", "Volume") [rule: missing-column]',
    );
    const named = errorOf(ROW.replace('2004-08-19', 'Date'), { source: 'bad.csv', columns: { timestamp: 'Day' } });
    expect(brief(named)).toMatchObject({ rule: 'missing-column', column: 'timestamp' });
  });

  it('duplicate and ambiguous columns', () => {
    const dup = errorOf('date,Close,open,high,low,close,volume\n');
    expect(brief(dup)).toEqual({ row: 1, column: 'close', rule: 'duplicate-column', value: undefined });
    expect(dup.message).toBe('bad.csv: row 1, column "close": close appears 2 times in the header ("Close", "close") [rule: duplicate-column]');
    const amb = errorOf('Date,Time,Open,High,Low,Close,Volume\n');
    expect(brief(amb)).toEqual({ row: 1, column: 'Time', rule: 'ambiguous-column', value: undefined });
    expect(amb.message).toContain('several columns could be the timestamp ("Date", "Time"); choose one with the columns.timestamp option');
    expect(errorOf('symbol,ticker,date,open,high,low,close,volume\n').rule).toBe('ambiguous-column');
  });

  it('wrong field count, too many and too few', () => {
    const many = errorOf(HEADER + ROW + ROW + '2004-08-21,1,2,0.5,1.5,10,7\n');
    expect(brief(many)).toEqual({ row: 4, column: undefined, rule: 'field-count', value: undefined });
    expect(many.message).toBe('bad.csv: row 4: expected 6 fields as in the header, found 7 [rule: field-count]');
    const few = errorOf(HEADER + '2004-08-21,1,2,0.5,1.5\n');
    expect(few.message).toBe('bad.csv: row 2: expected 6 fields as in the header, found 5 [rule: field-count]');
    const quotedFew = errorOf(HEADER + '"2004-08-21",1,2,0.5,1.5\n');
    expect(brief(quotedFew)).toEqual({ row: 2, column: undefined, rule: 'field-count', value: undefined });
  });

  it('empty values', () => {
    const e = errorOf(HEADER + ROW + '2004-08-20,1,2,,1.5,10\n');
    expect(brief(e)).toEqual({ row: 3, column: 'Low', rule: 'missing-value', value: '' });
    expect(e.message).toBe('bad.csv: row 3, column "Low": value is empty [rule: missing-value]');
    expect(brief(errorOf(HEADER + ',1,2,0.5,1.5,10\n'))).toEqual({ row: 2, column: '', rule: 'missing-value', value: '' });
  });

  it('quotes that never close or are followed by junk', () => {
    const open = errorOf('symbol,date,open,high,low,close,volume\nA,2004-08-19,1,2,0.5,1.5,10\n"B,2004-08-20,1,2,0.5,1.5,10\n');
    expect(brief(open)).toEqual({ row: 3, column: 'symbol', rule: 'unterminated-quote', value: undefined });
    const junk = errorOf('symbol,date,open,high,low,close,volume\n"B"x,2004-08-20,1,2,0.5,1.5,10\n');
    expect(brief(junk)).toEqual({ row: 2, column: 'symbol', rule: 'unexpected-quote', value: 'B' });
  });

  it('rows after a multi-line quoted field are numbered by line', () => {
    const e = errorOf('symbol,date,open,high,low,close,volume\n"a\nb",2004-08-19,1,2,0.5,1.5,10\nC,2004-08-20,1,2,0.5,x,10\n');
    expect(brief(e)).toEqual({ row: 4, column: 'close', rule: 'unparseable-number', value: 'x' });
  });

  it('empty input', () => {
    for (const text of ['', '\n\n', '\uFEFF']) {
      const e = errorOf(text);
      expect(brief(e)).toEqual({ row: 0, column: undefined, rule: 'empty-file', value: undefined });
      expect(e.message).toBe('bad.csv: the file has no header line [rule: empty-file]');
    }
  });

  it('bad delimiter option is a programming error', () => {
    expect(() => readOhlcvCsv(HEADER, { delimiter: '"' })).toThrow(RangeError);
    expect(() => readOhlcvCsv(HEADER, { delimiter: ';;' })).toThrow(RangeError);
  });
});

describe('readOhlcvCsv collecting problems', () => {
  it('reads past bad rows, reports each bad field once and leaves those rows out', () => {
    const text =
      'symbol,date,open,high,low,close,volume\n' +
      'A,2004-08-19,1,2,0.5,1.5,10\n' +
      'B,2004-08-20,x,2,0.5,,10\n' +
      'C,2004-08-21,1,2\n' +
      'D,someday,1,2,0.5,1.5,10\n' +
      '"E\nF",2004-08-22,1,2,0.5,1.5,10\n' +
      'G,2004-08-23,1,2,0.5,1.5,10\n';
    const csv = readOhlcvCsv(text, { source: 'bad.csv', collectProblems: 10 });
    expect(csv.problems.map(brief)).toEqual([
      { row: 3, column: 'open', rule: 'unparseable-number', value: 'x' },
      { row: 3, column: 'close', rule: 'missing-value', value: '' },
      { row: 4, column: undefined, rule: 'field-count', value: undefined },
      { row: 5, column: 'date', rule: 'unparseable-timestamp', value: 'someday' },
    ]);
    expect(csv.problemCount).toBe(4);
    expect(csv.table.instrument).toEqual(['A', 'E\nF', 'G']);
    expect(Array.from(csv.rowNumbers)).toEqual([2, 6, 8]);
    expect(Array.from(csv.table.timestamp)).toEqual([D19, Date.UTC(2004, 7, 22), Date.UTC(2004, 7, 23)]);
  });

  it('keeps the first problems and counts the rest', () => {
    const rows = Array.from({ length: 50 }, (_, i) => `2004-08-19,1,2,0.5,1.5,v${i}\n`).join('');
    const csv = readOhlcvCsv(',Open,High,Low,Close,Volume\n' + rows, { collectProblems: 3 });
    expect(csv.problems.map((p) => p.row)).toEqual([2, 3, 4]);
    expect(csv.problemCount).toBe(50);
    expect(csv.table.timestamp).toHaveLength(0);
  });

  it('a broken quote is the last problem: rows before it are kept', () => {
    const csv = readOhlcvCsv(
      'symbol,date,open,high,low,close,volume\nA,2004-08-19,1,2,0.5,x,10\nA,2004-08-20,1,2,0.5,1.5,10\n"B,2004-08-21,1,2,0.5,1.5,10\n',
      { collectProblems: 10 },
    );
    expect(csv.problems.map((p) => p.rule)).toEqual(['unparseable-number', 'unterminated-quote']);
    expect(Array.from(csv.rowNumbers)).toEqual([3]);
  });

  it('a header with several missing columns names them all', () => {
    const e = errorOf('date,open,close\n');
    expect([e, ...e.more].map((x) => x.column)).toEqual(['high', 'low', 'volume']);
  });
});
