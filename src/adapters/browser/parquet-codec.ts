import init, { readParquet, writeParquet, Table as WasmTable, WriterPropertiesBuilder, Compression } from 'parquet-wasm/esm';
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import type { ParquetCodec } from '../../ports/parquet-codec';

let ready: Promise<unknown> | undefined;

/** parquet-wasm, initialized lazily from the lab's own copy of its wasm. */
export class BrowserParquetCodec implements ParquetCodec {
  private init(): Promise<unknown> {
    ready ??= init({ module_or_path: parquetWasmUrl });
    return ready;
  }

  async toArrowIpc(parquet: Uint8Array): Promise<Uint8Array> {
    await this.init();
    return readParquet(parquet).intoIPCStream();
  }

  async fromArrowIpc(ipc: Uint8Array): Promise<Uint8Array> {
    await this.init();
    const props = new WriterPropertiesBuilder().setCompression(Compression.ZSTD).build();
    return writeParquet(WasmTable.fromIPCStream(ipc), props);
  }
}
