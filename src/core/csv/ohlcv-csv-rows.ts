import type { OhlcvTable } from '../domain/ohlcv-table';
import { CsvError, CsvRule, quoteField } from './csv-error';
import { resolveColumns, type ResolvedColumns } from './header';
import { parseDecimal } from './parse-number';
import { guessEpochUnit, looksLikeEpoch, parseEpoch, parseIsoTimestamp, type EpochUnit } from './parse-timestamp';
import type { ReadOhlcvCsvOptions, TimestampFormat } from './read-ohlcv-csv';
import { readRecord, sniffDelimiter } from './record';

const LF = 10;
const CR = 13;

const TS_ISO = 1;
const TS_EPOCH = 2;

/** The header as read: where the rows start in the text given to readHeader. */
export interface CsvHeaderRead {
  /** Position in the text just after the header record. */
  readonly next: number;
}

/** Rows read so far into the current batch (views trimmed to the rows kept). */
export interface CsvRowBatch {
  readonly table: OhlcvTable;
  /** 1-based line where each row starts. */
  readonly rowNumbers: Uint32Array;
}

/**
 * The OHLCV CSV reader's state machine, shared by the whole-text reader (readOhlcvCsv) and the chunked one
 * (readOhlcvCsvChunks), so both read every file to the same columns, line numbers and problems. Text comes in
 * pieces: `final` says no more text follows. A row that may continue past the end of a piece (no line break yet, or
 * a quoted field still open) is left for the next piece: the caller keeps the text from the returned position.
 *
 * Rows go into a batch of `capacity` rows; `growable` lets the batch grow (whole text), otherwise readRows stops
 * when the batch is full and the caller takes it (takeBatch) before reading on.
 */
export function ohlcvCsvRowReader(options: ReadOhlcvCsvOptions, capacityHint: number, growable: boolean) {
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
  let line = 1;
  // A broken quote leaves no record boundary to resume from: after it, nothing more is read.
  let ended = false;

  let headerRow = 0;
  let header: string[] = [];
  let resolved: ResolvedColumns | undefined;
  let delimiter = ',';
  let delim = 44;
  let newline = '\n';
  let nFields = 0;
  let lastField = -1;
  let timestampIndex = -1;
  let instrumentIndex = -1;

  let capacity = Math.max(1, capacityHint);
  let timestamp: Float64Array = new Float64Array(capacity);
  let open: Float64Array = new Float64Array(capacity);
  let high: Float64Array = new Float64Array(capacity);
  let low: Float64Array = new Float64Array(capacity);
  let close: Float64Array = new Float64Array(capacity);
  let volume: Float64Array = new Float64Array(capacity);
  let rowNumbers: Uint32Array = new Uint32Array(capacity);
  let instrument: string[] | undefined;
  const interned = new Map<string, string>();
  let numericTarget: (Float64Array | null)[] = [];
  let n = 0;

  const aim = (): void => {
    if (resolved === undefined) return;
    numericTarget = new Array<Float64Array | null>(nFields).fill(null);
    numericTarget[resolved.index.open] = open;
    numericTarget[resolved.index.high] = high;
    numericTarget[resolved.index.low] = low;
    numericTarget[resolved.index.close] = close;
    numericTarget[resolved.index.volume] = volume;
  };
  const allocate = (rows: number): void => {
    capacity = rows;
    timestamp = new Float64Array(rows);
    open = new Float64Array(rows);
    high = new Float64Array(rows);
    low = new Float64Array(rows);
    close = new Float64Array(rows);
    volume = new Float64Array(rows);
    rowNumbers = new Uint32Array(rows);
    instrument = instrumentIndex >= 0 ? [] : undefined;
    n = 0;
    aim();
  };
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

  let tsMode = 0;
  let epochUnit: EpochUnit = 'ms';

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

  let rowInstrument = '';
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
    problem(
      () => new CsvError({ source, row, rule: CsvRule.FieldCount, description: `expected ${nFields} fields as in the header, found ${found}` }),
    );
  };

  return {
    /**
     * Reads blank lines and the header at the start of `text` (a BOM is skipped). Returns where the rows start, or
     * null when the header may continue past the end of `text` and `final` is false. Throws a CsvError for a file
     * without a header or a header that cannot be used.
     */
    readHeader(text: string, final: boolean, capacityForRows?: (text: string, rowsFrom: number, newline: string) => number): CsvHeaderRead | null {
      const len = text.length;
      let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
      let lines = 1;
      while (pos < len) {
        const c = text.charCodeAt(pos);
        if (c === LF) pos++;
        else if (c === CR) {
          if (pos + 1 >= len && !final) return null;
          pos += text.charCodeAt(pos + 1) === LF ? 2 : 1;
        } else break;
        lines++;
      }
      if (pos >= len) {
        if (!final) return null;
        throw new CsvError({ source, row: 0, rule: CsvRule.EmptyFile, description: 'the file has no header line' });
      }
      const sniffed = options.delimiter ?? sniffDelimiter(text, pos);
      if (sniffed.length !== 1 || sniffed === '"' || sniffed === '\n' || sniffed === '\r') {
        throw new RangeError(`delimiter must be one character other than a quote or line break, got ${JSON.stringify(sniffed)}`);
      }
      const d = sniffed.charCodeAt(0);
      let head;
      try {
        head = readRecord(text, pos, d, { source, row: lines });
      } catch (e) {
        if (!final && e instanceof CsvError && e.rule === CsvRule.UnterminatedQuote) return null;
        throw e;
      }
      // The header ends at the end of this piece: its line break (CR or CRLF?) may not be all here yet.
      if (!final && head.next >= len) return null;
      line = lines;
      headerRow = lines;
      delimiter = sniffed;
      delim = d;
      pos = head.next;
      line += head.lineBreaks;
      header = head.fields;
      resolved = resolveColumns(header, options.columns ?? {}, source, headerRow);
      nFields = header.length;
      lastField = nFields - 1;
      timestampIndex = resolved.index.timestamp;
      instrumentIndex = resolved.index.instrument;
      // The header's terminator tells the file's line ending: a lone CR means old Mac style, anything else LF/CRLF.
      newline = pos > 0 && pos <= len && text.charCodeAt(pos - 1) === CR ? '\r' : '\n';
      allocate(capacityForRows === undefined ? capacity : Math.max(1, capacityForRows(text, pos, newline)));
      return { next: pos };
    },

    /**
     * Reads rows of `text` from `pos` until the batch is full (when not growable), the text ends, or (not `final`) a
     * row may continue past the end of `text`. Returns the position to go on from.
     */
    readRows(text: string, pos: number, final: boolean): number {
      if (ended) return text.length;
      const len = text.length;
      let nextQuote = -1;
      while (pos < len) {
        let lineEnd = text.indexOf(newline, pos);
        if (lineEnd < 0) {
          if (!final) return pos;
          lineEnd = len;
        }
        let end = lineEnd;
        if (end > pos && text.charCodeAt(end - 1) === CR) end--;
        if (end === pos) {
          pos = lineEnd + 1;
          line++;
          continue;
        }
        if (n === capacity) {
          if (!growable) return pos;
          grow();
        }
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
            if (!final && e instanceof CsvError && e.rule === CsvRule.UnterminatedQuote) return pos;
            // A broken quote leaves no record boundary to resume from: it is the last problem this reading finds.
            if (!collect || !(e instanceof CsvError)) throw e;
            problem(() => e);
            rowOk = true;
            ended = true;
            return len;
          }
          if (!final && record.next >= len) return pos;
          if (record.fields.length !== nFields) fieldCountError(record.fields.length);
          else for (let f = 0; f < nFields; f++) store(record.fields[f], 0, record.fields[f].length, f);
          pos = record.next;
          endRow(line);
          line += record.lineBreaks;
        }
      }
      return pos;
    },

    /** Rows in the current batch. */
    get rows(): number {
      return n;
    },
    get full(): boolean {
      return !growable && n === capacity;
    },

    /** The current batch (trimmed to its rows); the next rows go into a new one. */
    takeBatch(): CsvRowBatch {
      const fit = <T extends Float64Array | Uint32Array>(column: T): T => (n === capacity ? column : (column.slice(0, n) as T));
      const batch: CsvRowBatch = {
        table: {
          timestamp: fit(timestamp),
          open: fit(open),
          high: fit(high),
          low: fit(low),
          close: fit(close),
          volume: fit(volume),
          ...(instrument === undefined ? {} : { instrument }),
        },
        rowNumbers: fit(rowNumbers),
      };
      // A growable batch is the whole text's: it is taken once, at the end.
      if (!growable) allocate(capacity);
      return batch;
    },

    /** What the header said and what was found so far. */
    summary() {
      if (resolved === undefined) throw new Error('the header has not been read');
      const timestampFormat: TimestampFormat = tsMode === TS_EPOCH ? `epoch-${epochUnit}` : 'iso';
      return {
        headerRow,
        columns: resolved.names,
        delimiter,
        timestampFormat,
        problems: problems as readonly CsvError[],
        problemCount,
      };
    },
  };
}

function countFields(text: string, start: number, end: number, delimiter: string): number {
  let count = 1;
  for (let i = text.indexOf(delimiter, start); i >= 0 && i < end; i = text.indexOf(delimiter, i + 1)) count++;
  return count;
}
