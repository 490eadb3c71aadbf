/**
 * ParquetCodec on parquet-wasm's ESM build, initialized lazily from the lab's own copy of its wasm (the same binary
 * as the Node build). `writeParquet` applies the writer settings of src/adapters/parquet/writer-properties.ts, as the Node codec does, so an
 * artifact's stored bytes — hence its fileHash — are the same whether the browser or the CLI wrote them.
 */
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import type { CanonicalParquetStreamWriter, CanonicalParquetWriter, ParquetWriteSettings } from '../../ports/canonical-parquet-writer';
import type { ParquetCodec } from '../../ports/parquet-codec';
import type { ParquetRowGroupFile, ParquetRowGroupReader } from '../../ports/parquet-row-groups';
import { openParquetRowGroups } from '../parquet/row-group-reader';
import { writeParquetStream } from '../parquet/stream-writer';
import { canonicalWriterProperties, zstdWriterProperties } from '../parquet/writer-properties';

type ParquetWasm = typeof import('parquet-wasm/esm');

// Loaded at its first use rather than with the page, so the page's first script stays small.
let ready: Promise<ParquetWasm> | undefined;

export class BrowserParquetCodec implements ParquetCodec, CanonicalParquetWriter, CanonicalParquetStreamWriter, ParquetRowGroupReader {
  private init(): Promise<ParquetWasm> {
    ready ??= import('parquet-wasm/esm').then(async (lib) => {
      await lib.default({ module_or_path: parquetWasmUrl });
      return lib;
    });
    return ready;
  }

  async toArrowIpc(parquet: Uint8Array): Promise<Uint8Array> {
    const { readParquet } = await this.init();
    return readParquet(parquet).intoIPCStream();
  }

  /** ZSTD with the library's other defaults (the ParquetCodec port); artifacts are written with writeParquet. */
  async fromArrowIpc(ipc: Uint8Array): Promise<Uint8Array> {
    const lib = await this.init();
    return lib.writeParquet(lib.Table.fromIPCStream(ipc), zstdWriterProperties(lib));
  }

  async writeParquet(ipc: Uint8Array, settings: ParquetWriteSettings): Promise<Uint8Array> {
    const lib = await this.init();
    return lib.writeParquet(lib.Table.fromIPCStream(ipc), canonicalWriterProperties(lib, settings));
  }

  /** Row group by row group, as the Node codec (same bytes as writeParquet). */
  async *writeParquetStream(batches: AsyncIterable<Uint8Array>, settings: ParquetWriteSettings): AsyncIterable<Uint8Array> {
    yield* writeParquetStream(await this.init(), batches, settings);
  }

  /** Row group by row group from the File itself (Blob slices), as the Node codec. */
  async openParquet(file: Blob): Promise<ParquetRowGroupFile> {
    return openParquetRowGroups(await this.init(), file);
  }
}
