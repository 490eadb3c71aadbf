/**
 * Scratch space for one import of a file too large to hold: append-only spools of bytes (a column's canonical
 * bytes, the Parquet being written) that can be read back, several times, in order. Node keeps them in a temp
 * directory, the browser in Blobs (which Chromium pages to disk). Nothing in it outlives `release()`, which the
 * import calls whatever happens — a cancelled or failed import leaves no temp data behind.
 */
export interface TempSpool {
  append(chunk: Uint8Array): Promise<void>;
  /** Everything appended so far, in order. */
  read(): AsyncIterable<Uint8Array>;
  /** Bytes appended. */
  readonly size: number;
}

export interface TempSpace {
  spool(): Promise<TempSpool>;
  /** Drops every spool of this space. */
  release(): Promise<void>;
}

/** Opens a new, empty space (one per import). */
export type OpenTempSpace = () => Promise<TempSpace>;
