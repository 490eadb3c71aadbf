/**
 * Reads a Parquet file row group by row group from a Blob (a File in the browser, a file-backed Blob from
 * `fs.openAsBlob` in Node): only the footer and the byte ranges of the row group being read are in memory, so a
 * file of any size is read in the memory of its largest row group's compressed bytes plus one batch of rows.
 */
export interface ParquetRowGroupFile {
  /** Rows in the file, from its footer. */
  readonly rows: number;
  /** Compressed bytes of each row group, in file order. */
  readonly rowGroupBytes: readonly number[];
  /** The rows of row group `index` as Arrow IPC streams of at most `batchRows` rows each, in order. */
  readRowGroup(index: number, batchRows: number): AsyncIterable<Uint8Array>;
  /** Frees the reader's memory (the footer). */
  close(): void;
}

export interface ParquetRowGroupReader {
  /** Reads the footer; rejects when the file is not readable Parquet. */
  openParquet(file: Blob): Promise<ParquetRowGroupFile>;
}
