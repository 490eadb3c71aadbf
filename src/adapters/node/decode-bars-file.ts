/**
 * Decodes a .csv or .parquet OHLCV file from its bytes: CSV through the core reader, Parquet through parquet-wasm's
 * Node build and ohlcvFromArrow. Reading errors become DecodeProblems naming file, row, column and rule; market
 * rules (high ≥ low, time order …) are not checked here.
 */
import { tableFromIPC } from 'apache-arrow';
import * as parquet from 'parquet-wasm';
import { CsvError } from '../../core/csv/csv-error';
import { readOhlcvCsv } from '../../core/csv/read-ohlcv-csv';
import { ohlcvFromArrow } from '../../core/projection/ohlcv-from-arrow';
import type { BarsFileBytes, BarsFileFormat, DecodedBars, DecodeProblem } from '../../handlers/import-decode';

/** A file that is not a readable .csv/.parquet OHLCV file as a whole (empty, wrong type, damaged Parquet). */
export class BarsFileError extends Error {
  override name = 'BarsFileError';
  constructor(
    message: string,
    readonly code: string = 'unreadable',
  ) {
    super(message);
  }
}

function isParquetEnvelope(bytes: Uint8Array): boolean {
  const magic = [0x50, 0x41, 0x52, 0x31]; // "PAR1"
  return bytes.length >= 8 && magic.every((m, i) => bytes[i] === m && bytes[bytes.length - 4 + i] === m);
}

function failure(format: BarsFileFormat | null, error: unknown): DecodedBars {
  const e = error instanceof Error ? error : new Error(String(error));
  let problem: DecodeProblem;
  if (e instanceof CsvError) problem = { code: e.rule, message: e.message, row: e.row > 0 ? e.row : null, column: e.column ?? null };
  else if (e instanceof BarsFileError) problem = { code: e.code, message: e.message, row: null, column: null };
  else problem = { code: 'unreadable', message: e.message, row: null, column: null };
  return { ok: false, format, problems: [problem], error: e };
}

function decodeParquet(name: string, bytes: Uint8Array): DecodedBars {
  if (!isParquetEnvelope(bytes)) {
    return failure('parquet', new BarsFileError(`${name}: not a Parquet file (missing PAR1 magic bytes at start and end; truncated?)`, 'not-parquet'));
  }
  let arrow;
  try {
    arrow = tableFromIPC(parquet.readParquet(bytes).intoIPCStream());
  } catch (e) {
    return failure('parquet', new BarsFileError(`${name}: cannot decode Parquet (${e instanceof Error ? e.message : String(e)})`, 'unreadable-parquet'));
  }
  try {
    return { ok: true, format: 'parquet', table: ohlcvFromArrow(arrow, name) };
  } catch (e) {
    return failure('parquet', e);
  }
}

function decodeCsv(name: string, bytes: Uint8Array): DecodedBars {
  try {
    const csv = readOhlcvCsv(new TextDecoder('utf-8').decode(bytes), { source: name });
    return { ok: true, format: 'csv', table: csv.table, rowNumbers: csv.rowNumbers };
  } catch (e) {
    return failure('csv', e);
  }
}

/** Decodes by file extension (.csv or .parquet, any case). */
export async function decodeBarsFile(file: BarsFileBytes): Promise<DecodedBars> {
  const { name, bytes } = file;
  if (bytes.length === 0) return failure(null, new BarsFileError(`${name}: the file is empty`, 'empty-file'));
  const lower = name.toLowerCase();
  if (lower.endsWith('.parquet')) return decodeParquet(name, bytes);
  if (lower.endsWith('.csv')) return decodeCsv(name, bytes);
  return failure(null, new BarsFileError(`${name}: unsupported file type (expected .csv or .parquet)`, 'unsupported-file-type'));
}
