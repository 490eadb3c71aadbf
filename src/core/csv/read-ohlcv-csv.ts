import type { OhlcvTable } from '../domain/ohlcv-table';
import type { CsvError } from './csv-error';
import type { CsvColumnNames, ResolvedColumns } from './header';
import { ohlcvCsvRowReader } from './ohlcv-csv-rows';
import type { EpochUnit } from './parse-timestamp';

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
  const reader = ohlcvCsvRowReader(options, 1, true);
  // Lines after the header bound the row count from above; one pass of indexOf is cheap next to parsing.
  const head = reader.readHeader(text, true, (all, from, newline) => {
    let capacity = 1;
    for (let i = all.indexOf(newline, from); i >= 0; i = all.indexOf(newline, i + 1)) capacity++;
    return capacity;
  });
  reader.readRows(text, head!.next, true);
  const { table, rowNumbers } = reader.takeBatch();
  return { table, rowNumbers, ...reader.summary() };
}
