/**
 * The Parquet writer the artifact store's bytes depend on: settings applied exactly (no library default may leak in),
 * whole files or a stream of row groups. The Node and browser parquet-wasm codecs implement it; the settings in force
 * are CANONICAL_PARQUET_V1 (src/handlers/import-canonical-parquet.ts).
 */
/** Writer settings the Parquet codec must apply exactly (no other defaults may leak in). */
export interface ParquetWriteSettings {
  readonly compression: 'zstd';
  /** Rows per row group (the last group holds the rest). */
  readonly rowGroupRows: number;
  /** Written into the footer instead of the library's own version string. */
  readonly createdBy: string;
  readonly dictionary: false;
  /** Min/max per column chunk (not per page). */
  readonly statistics: 'chunk';
  readonly dataPageBytes: number;
  readonly writeBatchRows: number;
  readonly writerVersion: '1.0';
}

/** Writes Parquet with given settings (the handler's view of a Parquet codec; the Node and browser codecs implement it). */
export interface CanonicalParquetWriter {
  writeParquet(arrowIpc: Uint8Array, settings: ParquetWriteSettings): Promise<Uint8Array>;
}

/**
 * Writes Parquet from a stream of Arrow IPC batches, yielding the file's bytes as they are made: the memory is one
 * row group's, whatever the file's size. The bytes equal writeParquet's for the same rows only when every batch
 * but the last holds exactly `settings.rowGroupRows` rows (pages are cut per write batch, so other batch sizes move
 * page boundaries); implementations refuse other batch sizes rather than write different bytes.
 */
export interface CanonicalParquetStreamWriter {
  writeParquetStream(batches: AsyncIterable<Uint8Array>, settings: ParquetWriteSettings): AsyncIterable<Uint8Array>;
}
