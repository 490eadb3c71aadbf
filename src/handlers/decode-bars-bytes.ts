/**
 * A DecodeBarsFile over the ParquetCodec port, for platforms whose Parquet reader is an adapter (the browser):
 * CSV through the core reader — the very reader the CLI uses, so a file gets the same columns, the same
 * contentHash and the same quarantine reasons in both — and Parquet through `codec.toArrowIpc` + ohlcvFromArrow.
 * Reading errors become DecodeProblems naming file, row, column and rule; market rules are the handler's job.
 */
import { tableFromIPC } from 'apache-arrow';
import { MAX_STORED_REASONS } from '../core/artifacts/quarantine';
import { CsvError } from '../core/csv/csv-error';
import { readOhlcvCsv } from '../core/csv/read-ohlcv-csv';
import { ohlcvFromArrow } from '../core/projection/ohlcv-from-arrow';
import type { ParquetCodec } from '../ports/parquet-codec';
import { barsFileFormat } from './bars-file-format';
import type { BarsFileBytes, BarsFileFormat, DecodeBarsFile, DecodedBars, DecodeProblem } from './import-decode';

/** A file that cannot be read as a whole (empty, wrong type, damaged Parquet); `code` is the rule. */
export class BarsDecodeError extends Error {
  override name = 'BarsDecodeError';
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

const PAR1 = [0x50, 0x41, 0x52, 0x31];

function hasParquetMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && PAR1.every((m, i) => bytes[i] === m && bytes[bytes.length - 4 + i] === m);
}

function csvProblem(e: CsvError): DecodeProblem {
  return { code: e.rule, message: e.message, row: e.row > 0 ? e.row : null, column: e.column ?? null };
}

function failure(format: BarsFileFormat | null, error: unknown): DecodedBars {
  const e = error instanceof Error ? error : new Error(String(error));
  let problems: DecodeProblem[];
  if (e instanceof CsvError) problems = [e, ...e.more].map(csvProblem);
  else if (e instanceof BarsDecodeError) problems = [{ code: e.code, message: e.message, row: null, column: null }];
  else problems = [{ code: 'unreadable', message: e.message, row: null, column: null }];
  return { ok: false, format, problems, error: e };
}

export { barsFileFormat };

export function barsDecoder(codec: Pick<ParquetCodec, 'toArrowIpc'>): DecodeBarsFile {
  async function decodeParquet(name: string, bytes: Uint8Array): Promise<DecodedBars> {
    if (!hasParquetMagic(bytes)) {
      return failure(
        'parquet',
        new BarsDecodeError(`${name}: not a Parquet file (missing PAR1 magic bytes at start and end; truncated?)`, 'not-parquet'),
      );
    }
    let ipc: Uint8Array;
    try {
      ipc = await codec.toArrowIpc(bytes);
    } catch (e) {
      return failure(
        'parquet',
        new BarsDecodeError(`${name}: cannot decode Parquet (${e instanceof Error ? e.message : String(e)})`, 'unreadable-parquet'),
      );
    }
    try {
      return { ok: true, format: 'parquet', table: ohlcvFromArrow(tableFromIPC(ipc), name) };
    } catch (e) {
      return failure('parquet', e);
    }
  }

  function decodeCsv(name: string, bytes: Uint8Array): DecodedBars {
    try {
      const csv = readOhlcvCsv(new TextDecoder('utf-8').decode(bytes), { source: name, collectProblems: MAX_STORED_REASONS });
      const first = csv.problems[0];
      if (first === undefined) return { ok: true, format: 'csv', table: csv.table, rowNumbers: csv.rowNumbers };
      return {
        ok: false,
        format: 'csv',
        problems: csv.problems.map(csvProblem),
        problemCount: csv.problemCount,
        error: first,
        readable: { table: csv.table, rowNumbers: csv.rowNumbers },
      };
    } catch (e) {
      return failure('csv', e);
    }
  }

  return async ({ name, bytes }: BarsFileBytes) => {
    if (bytes.length === 0) return failure(null, new BarsDecodeError(`${name}: the file is empty`, 'empty-file'));
    const format = barsFileFormat(name);
    if (format === 'parquet') return decodeParquet(name, bytes);
    if (format === 'csv') return decodeCsv(name, bytes);
    return failure(null, new BarsDecodeError(`${name}: unsupported file type (expected .csv or .parquet)`, 'unsupported-file-type'));
  };
}
