import type { OhlcvTable } from '../domain/ohlcv-table';
import { CsvError, CsvRule, quoteField } from './csv-error';
import { resolveColumns, type CsvColumnNames, type ResolvedColumns } from './header';
import { parseDecimal } from './parse-number';
import { guessEpochUnit, looksLikeEpoch, parseEpoch, parseIsoTimestamp, type EpochUnit } from './parse-timestamp';
import { readRecord, sniffDelimiter } from './record';

export interface ReadOhlcvCsvOptions {
  /** File name for messages. Default `"input.csv"`. */
  readonly source?: string;
  /** One character; default: sniffed from the header among `, ; TAB |`. */
  readonly delimiter?: string;
  /** Header names to use for roles the recognised names do not find or find twice. */
  readonly columns?: CsvColumnNames;
  /** Unit of integer timestamps; default judged from the first row's magnitude (see guessEpochUnit). */
  readonly epochUnit?: EpochUnit;
  /** An empty numeric or timestamp field: an error (default) or NaN (left for validation to report). */
  readonly missing?: 'error' | 'nan';
  /**
   * Keep reading past rows that cannot be read, so a file's every problem is reported at once: each bad field is a
   * problem (the first `collectProblems` are kept in `problems`, all are counted in `problemCount`) and its row is
   * left out of the table. Without it the first problem throws. A header that cannot be read, and a quote that
   * breaks the record structure, still end the reading (the first throws; the second is the last problem).
   */
  readonly collectProblems?: number;
}

export type TimestampFormat = 'iso' | `epoch-${EpochUnit}`;

export interface OhlcvCsv {
  readonly table: OhlcvTable;
  /** 1-based line of the text where each data row starts; pass to validateOhlcv as `rowNumbers`. */
  readonly rowNumbers: Uint32Array;
  /** Line of the header (1 unless blank lines precede it). */
  readonly headerRow: number;
  /** Which header column became which role, as spelled in the file. */
  readonly columns: ResolvedColumns['names'];
  readonly delimiter: string;
  /** How the timestamp column was read (decided on the first data row, then required of every row). */
  readonly timestampFormat: TimestampFormat;
  /** Problems found in collect mode (see `collectProblems`), in file order; empty otherwise. */
  readonly problems: readonly CsvError[];
  /** Every problem found, including those beyond the kept ones. */
  readonly problemCount: number;
}

const LF = 10;
const CR = 13;

const TS_ISO = 1;
const TS_EPOCH = 2;

/**
 * Reads OHLCV CSV text into columns. Fails with a CsvError naming file, row (1-based line), column and rule at
 * the first field it cannot read. It does not check market rules (high ≥ low, order of time…): that is
 * validateOhlcv's job, which reports every violation.
 *
 * Accepted: UTF-8 BOM; LF, CRLF or CR line ends; a trailing newline; blank lines (skipped); quoted fields
 * (RFC 4180); timestamps as ISO dates/times (UTC unless an offset is given) or integer epochs.
 *
 * Speed: lines without a quote take a fast path that finds fields with indexOf and parses numbers in place,
 * with no per-field string or regular expression; only quoted lines build field strings.
 */
export function readOhlcvCsv(text: string, options: ReadOhlcvCsvOptions = {}): OhlcvCsv {
  const source = options.source ?? 'input.csv';
  const missingAsNaN = options.missing === 'nan';
  const collect = options.collectProblems !== undefined;
  const keepProblems = options.collectProblems ?? 0;
  const problems: CsvError[] = [];
  let problemCount = 0;
  // In collect mode a bad field marks its row instead of throwing; the error object is only built while kept.
  let rowOk = true;
  const problem = (make: () => CsvError): void => {
    if (!collect) throw make();
    rowOk = false;
    if (problemCount++ < keepProblems) problems.push(make());
  };
  const len = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;

  while (pos < len) {
    const c = text.charCodeAt(pos);
    if (c === LF) pos++;
    else if (c === CR) pos += text.charCodeAt(pos + 1) === LF ? 2 : 1;
    else break;
    line++;
  }
  if (pos >= len) {
    throw new CsvError({ source, row: 0, rule: CsvRule.EmptyFile, description: 'the file has no header line' });
  }

  const delimiter = options.delimiter ?? sniffDelimiter(text, pos);
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new RangeError(`delimiter must be one character other than a quote or line break, got ${JSON.stringify(delimiter)}`);
  }
  const delim = delimiter.charCodeAt(0);

  const headerRow = line;
  const head = readRecord(text, pos, delim, { source, row: headerRow });
  pos = head.next;
  line += head.lineBreaks;
  const header = head.fields;
  const resolved = resolveColumns(header, options.columns ?? {}, source, headerRow);
  const nFields = header.length;
  const lastField = nFields - 1;

  // Lines after the header bound the row count from above; one pass of indexOf is cheap next to parsing.
  // The header's terminator tells the file's line ending: a lone CR means old Mac style, anything else LF/CRLF.
  const newline = pos > 0 && pos <= len && text.charCodeAt(pos - 1) === CR ? '\r' : '\n';
  let capacity = 1;
  for (let i = text.indexOf(newline, pos); i >= 0; i = text.indexOf(newline, i + 1)) capacity++;

  let timestamp: Float64Array = new Float64Array(capacity);
  let open: Float64Array = new Float64Array(capacity);
  let high: Float64Array = new Float64Array(capacity);
  let low: Float64Array = new Float64Array(capacity);
  let close: Float64Array = new Float64Array(capacity);
  let volume: Float64Array = new Float64Array(capacity);
  let rowNumbers: Uint32Array = new Uint32Array(capacity);
  const instrumentIndex = resolved.index.instrument;
  const instrument: string[] | undefined = instrumentIndex >= 0 ? [] : undefined;
  const interned = new Map<string, string>();

  const numericTarget: (Float64Array | null)[] = new Array<Float64Array | null>(nFields).fill(null);
  const aim = (): void => {
    numericTarget[resolved.index.open] = open;
    numericTarget[resolved.index.high] = high;
    numericTarget[resolved.index.low] = low;
    numericTarget[resolved.index.close] = close;
    numericTarget[resolved.index.volume] = volume;
  };
  aim();
  // Only reachable when lone CRs end quoted records in an LF file; the newline count bounds everything else.
  const grow = (): void => {
    capacity *= 2;
    const f64 = (column: Float64Array): Float64Array => {
      const next = new Float64Array(capacity);
      next.set(column);
      return next;
    };
    timestamp = f64(timestamp);
    open = f64(open);
    high = f64(high);
    low = f64(low);
    close = f64(close);
    volume = f64(volume);
    const rows = new Uint32Array(capacity);
    rows.set(rowNumbers);
    rowNumbers = rows;
    aim();
  };
  const timestampIndex = resolved.index.timestamp;

  let tsMode = 0;
  let epochUnit: EpochUnit = 'ms';
  let n = 0;

  const isBlank = (s: string, a: number, b: number): boolean => {
    for (let i = a; i < b; i++) {
      const c = s.charCodeAt(i);
      if (c !== 32 && c !== 9) return false;
    }
    return true;
  };

  const fieldError = (f: number, rule: CsvRule, raw: string, description: string): void => {
    const row = line;
    problem(() => new CsvError({ source, row, column: header[f], rule, value: raw, description }));
  };

  const missingValue = (f: number): number => {
    if (missingAsNaN) return NaN;
    fieldError(f, CsvRule.MissingValue, '', 'value is empty');
    return NaN;
  };

  const readTimestamp = (s: string, a: number, b: number): number => {
    if (tsMode === 0) {
      if (looksLikeEpoch(s, a, b)) {
        tsMode = TS_EPOCH;
        epochUnit = options.epochUnit ?? guessEpochUnit(Number(s.slice(a, b).trim()));
      } else {
        tsMode = TS_ISO;
      }
    }
    const t = tsMode === TS_ISO ? parseIsoTimestamp(s, a, b) : parseEpoch(s, a, b, epochUnit);
    if (t === t) return t;
    if (isBlank(s, a, b)) return missingValue(timestampIndex);
    const expected =
      tsMode === TS_ISO
        ? 'YYYY-MM-DD, optionally with a time HH:MM[:SS[.fff]] and a zone Z or ±HH:MM'
        : `integer epoch ${epochUnit === 's' ? 'seconds' : epochUnit === 'ms' ? 'milliseconds' : epochUnit === 'us' ? 'microseconds' : 'nanoseconds'}`;
    fieldError(
      timestampIndex,
      CsvRule.UnparseableTimestamp,
      s.slice(a, b),
      `cannot parse ${quoteField(s.slice(a, b))} as a timestamp (expected ${expected}, as in the first row)`,
    );
    return NaN;
  };

  // One field of the current row; `s[a, b)` is its text (the whole line for the fast path).
  const store = (s: string, a: number, b: number, f: number): void => {
    const target = numericTarget[f];
    if (target !== null) {
      let v = parseDecimal(s, a, b);
      if (v !== v) {
        if (isBlank(s, a, b)) v = missingValue(f);
        else fieldError(f, CsvRule.UnparseableNumber, s.slice(a, b), `cannot parse ${quoteField(s.slice(a, b))} as a number`);
      }
      target[n] = v;
    } else if (f === timestampIndex) {
      timestamp[n] = readTimestamp(s, a, b);
    } else if (f === instrumentIndex && instrument !== undefined) {
      const raw = s.slice(a, b);
      let name = interned.get(raw);
      if (name === undefined) {
        name = raw;
        interned.set(raw, raw);
      }
      rowInstrument = name;
    }
  };
  let rowInstrument = '';
  // Ends a row whose fields were stored at index n: kept, or (collect mode, a field was bad) overwritten by the next.
  const endRow = (row: number): void => {
    if (rowOk) {
      if (instrument !== undefined) instrument.push(rowInstrument);
      rowNumbers[n++] = row;
    }
    rowOk = true;
  };

  const fieldCountError = (found: number): void => {
    const row = line;
    problem(() => new CsvError({ source, row, rule: CsvRule.FieldCount, description: `expected ${nFields} fields as in the header, found ${found}` }));
  };

  let nextQuote = -1;
  while (pos < len) {
    let lineEnd = text.indexOf(newline, pos);
    if (lineEnd < 0) lineEnd = len;
    let end = lineEnd;
    if (end > pos && text.charCodeAt(end - 1) === CR) end--;
    if (end === pos) {
      pos = lineEnd + 1;
      line++;
      continue;
    }
    if (n === capacity) grow();
    if (nextQuote < pos) {
      nextQuote = text.indexOf('"', pos);
      if (nextQuote < 0) nextQuote = len;
    }

    if (nextQuote >= end) {
      let p = pos;
      for (let f = 0; f < nFields; f++) {
        let fe = text.indexOf(delimiter, p);
        if (fe < 0 || fe > end) fe = end;
        if (fe === end ? f !== lastField : f === lastField) {
          fieldCountError(countFields(text, pos, end, delimiter));
          break;
        }
        store(text, p, fe, f);
        p = fe + 1;
      }
      pos = lineEnd + 1;
      endRow(line++);
    } else {
      let record;
      try {
        record = readRecord(text, pos, delim, { source, row: line, header });
      } catch (e) {
        // A broken quote leaves no record boundary to resume from: it is the last problem this reading finds.
        if (!collect || !(e instanceof CsvError)) throw e;
        problem(() => e);
        break;
      }
      if (record.fields.length !== nFields) fieldCountError(record.fields.length);
      else for (let f = 0; f < nFields; f++) store(record.fields[f], 0, record.fields[f].length, f);
      pos = record.next;
      endRow(line);
      line += record.lineBreaks;
    }
  }

  const fit = <T extends Float64Array | Uint32Array>(column: T): T => (n === capacity ? column : (column.slice(0, n) as T));
  const table: OhlcvTable = {
    timestamp: fit(timestamp),
    open: fit(open),
    high: fit(high),
    low: fit(low),
    close: fit(close),
    volume: fit(volume),
    ...(instrument === undefined ? {} : { instrument }),
  };
  return {
    table,
    rowNumbers: fit(rowNumbers),
    headerRow,
    columns: resolved.names,
    delimiter,
    timestampFormat: tsMode === TS_EPOCH ? `epoch-${epochUnit}` : 'iso',
    problems,
    problemCount,
  };
}

function countFields(text: string, start: number, end: number, delimiter: string): number {
  let count = 1;
  for (let i = text.indexOf(delimiter, start); i >= 0 && i < end; i = text.indexOf(delimiter, i + 1)) count++;
  return count;
}
