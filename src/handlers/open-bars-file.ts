import type { OhlcvTable } from '../core/domain/ohlcv-table';
import { assertValidOhlcv } from '../core/schema/ohlcv';
import type { ParquetCodec } from '../ports/parquet-codec';
import type { ProjectionBuilder } from '../ports/projection-builder';

export interface BarsFile {
  name: string;
  bytes: Uint8Array;
}

export interface LoadedBars {
  table: string;
  name: string;
  columns: OhlcvTable;
}

export class UnsupportedFileError extends Error {
  override name = 'UnsupportedFileError';
}

const PARQUET_MAGIC = [0x50, 0x41, 0x52, 0x31]; // "PAR1"

function isParquet(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && PARQUET_MAGIC.every((b, i) => bytes[i] === b && bytes[bytes.length - 4 + i] === b);
}

/**
 * Opens a local .csv or .parquet file as an OHLCV projection, reads its columns back and validates them
 * (rows reported as file lines for CSV, 1-based rows for Parquet). An invalid file leaves no projection behind.
 */
export async function openBarsFile(
  deps: { projections: ProjectionBuilder; parquet: ParquetCodec },
  file: BarsFile,
  table: string,
): Promise<LoadedBars> {
  const lower = file.name.toLowerCase();
  if (file.bytes.length === 0) throw new UnsupportedFileError(`${file.name}: the file is empty`);
  let headerLines = 0;
  if (lower.endsWith('.parquet')) {
    if (!isParquet(file.bytes)) {
      throw new UnsupportedFileError(`${file.name}: not a Parquet file (missing PAR1 magic bytes at start and end; truncated?)`);
    }
    await deps.projections.fromArrowIpc(table, file.name, await deps.parquet.toArrowIpc(file.bytes));
  } else if (lower.endsWith('.csv')) {
    await deps.projections.fromCsv(table, file.name, file.bytes);
    headerLines = 1;
  } else {
    throw new UnsupportedFileError(`${file.name}: unsupported file type (expected .csv or .parquet)`);
  }
  const columns = await deps.projections.ohlcv(table);
  try {
    assertValidOhlcv(columns, { source: file.name, headerLines });
  } catch (e) {
    await deps.projections.drop(table);
    throw e;
  }
  return { table, name: file.name, columns };
}
