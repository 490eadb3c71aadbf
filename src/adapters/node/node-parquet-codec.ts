/**
 * ParquetCodec on parquet-wasm's Node build (initialized on import, no fetch). Also writes Parquet with explicit
 * settings for the artifact store (CanonicalParquetWriter), spelled out once in src/adapters/parquet/writer-properties.ts.
 */
import * as parquet from 'parquet-wasm';
import type { CanonicalParquetStreamWriter, CanonicalParquetWriter, ParquetWriteSettings } from '../../ports/canonical-parquet-writer';
import type { ParquetCodec } from '../../ports/parquet-codec';
import { canonicalWriterProperties } from '../parquet/writer-properties';

const writerProperties = (settings: ParquetWriteSettings) => canonicalWriterProperties(parquet, settings);

export class NodeParquetCodec implements ParquetCodec, CanonicalParquetWriter, CanonicalParquetStreamWriter {
  async toArrowIpc(bytes: Uint8Array): Promise<Uint8Array> {
    return parquet.readParquet(bytes).intoIPCStream();
  }

  /** ZSTD with the library's other defaults (the ParquetCodec port); the store uses writeParquet. */
  async fromArrowIpc(ipc: Uint8Array): Promise<Uint8Array> {
    const props = new parquet.WriterPropertiesBuilder().setCompression(parquet.Compression.ZSTD).build();
    return parquet.writeParquet(parquet.Table.fromIPCStream(ipc), props);
  }

  async writeParquet(ipc: Uint8Array, settings: ParquetWriteSettings): Promise<Uint8Array> {
    return parquet.writeParquet(parquet.Table.fromIPCStream(ipc), writerProperties(settings));
  }

  /** parquet-wasm's streaming writer over whole row groups: the same bytes as writeParquet (checked in the tests). */
  async *writeParquetStream(batches: AsyncIterable<Uint8Array>, settings: ParquetWriteSettings): AsyncIterable<Uint8Array> {
    const source = batches[Symbol.asyncIterator]();
    let short: number | undefined;
    // The Rust side does not surface an error of its input stream: a refused batch ends the input, and is thrown here.
    let refused: Error | undefined;
    const input = new ReadableStream<parquet.RecordBatch>({
      async pull(controller) {
        const next = await source.next();
        if (next.done) { controller.close(); return; }
        const recordBatches = parquet.Table.fromIPCStream(next.value).recordBatches();
        const rows = recordBatches.reduce((sum, b) => sum + b.numRows, 0);
        if (short !== undefined) refused = new RangeError(`a batch of ${short} rows came before the last; batches must hold ${settings.rowGroupRows} rows each`);
        else if (rows > settings.rowGroupRows) refused = new RangeError(`a batch of ${rows} rows is more than one row group (${settings.rowGroupRows})`);
        if (refused !== undefined) {
          await source.return?.();
          controller.close(); return;
        }
        if (rows < settings.rowGroupRows) short = rows;
        for (const batch of recordBatches) controller.enqueue(batch);
      },
      async cancel() {
        await source.return?.();
      },
    });
    let output: ReadableStream<Uint8Array>;
    try {
      output = (await parquet.transformParquetStream(input, writerProperties(settings))) as ReadableStream<Uint8Array>;
    } catch (e) {
      throw refused ?? e;
    }
    const reader = output.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read().catch((e: unknown) => {
          throw refused ?? e;
        });
        if (refused !== undefined) throw refused;
        if (done) return;
        yield value;
      }
    } finally {
      if (refused !== undefined) await reader.cancel().catch(() => undefined);
      reader.releaseLock();
    }
  }
}
