/** Converts between Parquet bytes and Arrow IPC streams. */
export interface ParquetCodec {
  toArrowIpc(parquet: Uint8Array): Promise<Uint8Array>;
  fromArrowIpc(ipc: Uint8Array): Promise<Uint8Array>;
}
