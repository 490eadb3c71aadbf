import type { OhlcvTable } from '../core/domain/ohlcv-table';

/** A disposable table built from source bytes; rebuilding it from the same bytes gives the same rows. */
export interface ProjectionInfo {
  table: string;
  rows: number;
}

/** Builds and queries projections (DuckDB tables) from artifact bytes. */
export interface ProjectionBuilder {
  /** Loads CSV bytes through the SQL engine's CSV reader and normalizes them to the OHLCV columns. */
  fromCsv(table: string, fileName: string, bytes: Uint8Array): Promise<ProjectionInfo>;
  /** Loads an Arrow IPC stream (e.g. from Parquet) and normalizes it to the OHLCV columns. */
  fromArrowIpc(table: string, fileName: string, ipc: Uint8Array): Promise<ProjectionInfo>;
  /** Loads columns that are already canonical (the embedded sample data). */
  fromColumns(table: string, columns: OhlcvTable): Promise<ProjectionInfo>;
  /** Reads a projection back as columns, in stored order. */
  ohlcv(table: string): Promise<OhlcvTable>;
  drop(table: string): Promise<void>;
}
