/**
 * What the streaming import loop needs from a file format's reader: the bars in batches of one canonical row group
 * (65,536 rows, the last the rest) with their source rows, the reading problems, and the source file's SHA-256 —
 * taken on the way, so the file is never whole in memory.
 */
import type { FileDigest } from '../core/artifacts/file-hash';
import type { OhlcvTable } from '../core/domain/ohlcv-table';
import type { Reasons } from './import-artifact';

export interface BarsBatch {
  readonly table: OhlcvTable;
  /** Source row of each table row (CSV: its line; Parquet: 1-based row). */
  readonly rowNumbers: ArrayLike<number>;
}

export interface StreamedBars {
  readonly batches: AsyncIterable<BarsBatch>;
  /** Problems found so far while reading rows (a file with any is read on, for every reason, but not written). */
  problemCount(): number;
  /** The reading problems, once `batches` is over (the first `max`, and how many in all). */
  problems(max: number): Reasons;
  /** The reasons the file cannot be read, when `batches` threw `error`; undefined for errors that are not the file's. */
  unreadable(error: unknown, max: number): Reasons | undefined;
  /** Bytes of the source file read so far. */
  bytesRead(): number;
  /** SHA-256 and size of the whole source file (reads what is left of it). */
  digest(): Promise<FileDigest>;
  /** Closes what the reader still holds open (called whatever happened). */
  release(): Promise<void>;
}
