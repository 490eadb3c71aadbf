/**
 * CanonicalParquetStreamWriter over either parquet-wasm build (Node's or the browser's ESM build, which export the
 * same streaming API): Arrow IPC batches of exactly one row group each go through transformParquetStream, so the
 * bytes equal writeParquet's for the same rows; any other batch size is refused rather than written differently.
 */
import type * as ParquetWasm from 'parquet-wasm';
import type { ParquetWriteSettings } from '../../ports/canonical-parquet-writer';
import { canonicalWriterProperties, type ParquetWasmBuilders } from './writer-properties';

/** The parts of a parquet-wasm build this needs. */
export type ParquetWasmStreaming = ParquetWasmBuilders & Pick<typeof ParquetWasm, 'Table' | 'transformParquetStream'>;

export async function* writeParquetStream(
  lib: ParquetWasmStreaming,
  batches: AsyncIterable<Uint8Array>,
  settings: ParquetWriteSettings,
): AsyncIterable<Uint8Array> {
  const source = batches[Symbol.asyncIterator]();
  let short: number | undefined;
  // The Rust side does not surface an error of its input stream: a refused batch ends the input, and is thrown here.
  let refused: Error | undefined;
  const input = new ReadableStream<ParquetWasm.RecordBatch>({
    async pull(controller) {
      const next = await source.next();
      if (next.done) {
        controller.close();
        return;
      }
      // The Table lives in the module's memory until freed; left to the garbage collector's finalizers, tables of
      // earlier batches piled up there and the memory of an import in Chromium grew with the file's size.
      const table = lib.Table.fromIPCStream(next.value);
      const recordBatches = table.recordBatches();
      table.free();
      const rows = recordBatches.reduce((sum, b) => sum + b.numRows, 0);
      if (short !== undefined)
        refused = new RangeError(`a batch of ${short} rows came before the last; batches must hold ${settings.rowGroupRows} rows each`);
      else if (rows > settings.rowGroupRows)
        refused = new RangeError(`a batch of ${rows} rows is more than one row group (${settings.rowGroupRows})`);
      if (refused !== undefined) {
        await source.return?.();
        controller.close();
        return;
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
    output = (await lib.transformParquetStream(input, canonicalWriterProperties(lib, settings))) as ReadableStream<Uint8Array>;
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
