import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { OhlcvTable } from '../../core/domain/ohlcv-table';
import { assertValidOhlcv } from '../../core/schema/ohlcv';
import { BarsFileError, decodeBarsFile } from './decode-bars-file';

export { BarsFileError };

/** Decodes and validates bytes of a .csv or .parquet OHLCV file; throws the decoder's error or a SchemaError. */
export async function readBarsBytes(name: string, bytes: Uint8Array): Promise<OhlcvTable> {
  const decoded = await decodeBarsFile({ name, bytes });
  if (!decoded.ok) throw decoded.error;
  assertValidOhlcv(decoded.table, { source: name, ...(decoded.rowNumbers === undefined ? {} : { rowNumbers: decoded.rowNumbers }) });
  return decoded.table;
}

/** Reads and validates a .csv or .parquet OHLCV file; errors name the file, row, column and rule. */
export async function readBarsFile(path: string): Promise<OhlcvTable> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new BarsFileError(`${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`, 'unreadable');
  }
  return readBarsBytes(basename(path), new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length));
}
