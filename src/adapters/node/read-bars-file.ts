import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import * as parquet from 'parquet-wasm';
import { loadOhlcvCsv } from '../../core/csv/load-ohlcv-csv';
import type { OhlcvTable } from '../../core/domain/ohlcv-table';
import { ohlcvFromArrow } from '../../core/projection/ohlcv-from-arrow';
import { assertValidOhlcv } from '../../core/schema/ohlcv';

export class BarsFileError extends Error {
  override name = 'BarsFileError';
}

const PAR1 = Buffer.from('PAR1');

/** Reads and validates a .csv or .parquet OHLCV file; errors name the file, row, column and rule. */
export async function readBarsFile(path: string): Promise<OhlcvTable> {
  const name = basename(path);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new BarsFileError(`${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  if (bytes.length === 0) throw new BarsFileError(`${name}: the file is empty`);
  const lower = name.toLowerCase();
  if (lower.endsWith('.parquet')) {
    if (bytes.length < 8 || !bytes.subarray(0, 4).equals(PAR1) || !bytes.subarray(-4).equals(PAR1)) {
      throw new BarsFileError(`${name}: not a Parquet file (missing PAR1 magic bytes at start and end; truncated?)`);
    }
    let table;
    try {
      table = tableFromIPC(parquet.readParquet(new Uint8Array(bytes)).intoIPCStream());
    } catch (e) {
      throw new BarsFileError(`${name}: cannot decode Parquet (${e instanceof Error ? e.message : String(e)})`);
    }
    const bars = ohlcvFromArrow(table, name);
    assertValidOhlcv(bars, { source: name });
    return bars;
  }
  if (lower.endsWith('.csv')) return loadOhlcvCsv(bytes.toString('utf8'), { source: name }).table;
  throw new BarsFileError(`${name}: unsupported file type (expected .csv or .parquet)`);
}
