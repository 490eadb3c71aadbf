/**
 * ParquetCodec on parquet-wasm's ESM build, initialized lazily from the lab's own copy of its wasm (the same binary
 * as the Node build). `writeParquet` applies the writer settings of src/adapters/parquet/writer-properties.ts, as the Node codec does, so an
 * artifact's stored bytes — hence its fileHash — are the same whether the browser or the CLI wrote them.
 */
import init, { Compression, EnabledStatistics, readParquet, Table as WasmTable, transformParquetStream, writeParquet, WriterPropertiesBuilder, WriterVersion } from 'parquet-wasm/esm';
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import type { CanonicalParquetStreamWriter, CanonicalParquetWriter, ParquetWriteSettings } from '../../ports/canonical-parquet-writer';
import type { ParquetCodec } from '../../ports/parquet-codec';
import { writeParquetStream } from '../parquet/stream-writer';
import { canonicalWriterProperties } from '../parquet/writer-properties';

let ready: Promise<unknown> | undefined;

const builders = { Compression, EnabledStatistics, WriterPropertiesBuilder, WriterVersion };
const writerProperties = (settings: ParquetWriteSettings) => canonicalWriterProperties(builders, settings);

export class BrowserParquetCodec implements ParquetCodec, CanonicalParquetWriter, CanonicalParquetStreamWriter {
  private init(): Promise<unknown> {
    ready ??= init({ module_or_path: parquetWasmUrl });
    return ready;
  }

  async toArrowIpc(parquet: Uint8Array): Promise<Uint8Array> {
    await this.init();
    return readParquet(parquet).intoIPCStream();
  }

  /** ZSTD with the library's other defaults (the ParquetCodec port); artifacts are written with writeParquet. */
  async fromArrowIpc(ipc: Uint8Array): Promise<Uint8Array> {
    await this.init();
    const props = new WriterPropertiesBuilder().setCompression(Compression.ZSTD).build();
    return writeParquet(WasmTable.fromIPCStream(ipc), props);
  }

  async writeParquet(ipc: Uint8Array, settings: ParquetWriteSettings): Promise<Uint8Array> {
    await this.init();
    return writeParquet(WasmTable.fromIPCStream(ipc), writerProperties(settings));
  }

  /** Row group by row group, as the Node codec (same bytes as writeParquet). */
  async *writeParquetStream(batches: AsyncIterable<Uint8Array>, settings: ParquetWriteSettings): AsyncIterable<Uint8Array> {
    await this.init();
    yield* writeParquetStream({ Compression, EnabledStatistics, WriterPropertiesBuilder, WriterVersion, Table: WasmTable, transformParquetStream }, batches, settings);
  }
}
