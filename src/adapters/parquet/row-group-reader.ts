/**
 * ParquetRowGroupReader over either parquet-wasm build: ParquetFile.fromFile reads the footer through Blob slices,
 * and each row group is streamed in batches (its compressed column chunks are fetched once, then decoded a batch at a
 * time), so neither the file nor a decoded row group is ever whole in memory. Damaged data makes this reader trap
 * rather than reject; wasm-trap-guard.ts turns the trap into an error.
 */
import type * as ParquetWasm from 'parquet-wasm';
import type { ParquetRowGroupFile } from '../../ports/parquet-row-groups';
import { guardWasmTraps } from './wasm-trap-guard';

export type ParquetWasmFiles = Pick<typeof ParquetWasm, 'ParquetFile'>;

export async function openParquetRowGroups(lib: ParquetWasmFiles, blob: Blob): Promise<ParquetRowGroupFile> {
  const file = await lib.ParquetFile.fromFile(blob);
  const meta = file.metadata();
  const groups = meta.rowGroups();
  const rowGroupBytes = groups.map((g) => g.compressedSize());
  const rows = meta.fileMetadata().numRows();
  for (const g of groups) g.free();
  meta.free();
  return {
    rows,
    rowGroupBytes,
    async *readRowGroup(index, batchRows) {
      const guard = guardWasmTraps();
      let reader: ReadableStreamDefaultReader<ParquetWasm.RecordBatch> | undefined;
      try {
        const stream = (await Promise.race([
          file.stream({ rowGroups: [index], batchSize: batchRows }),
          guard.trapped,
        ])) as ReadableStream<ParquetWasm.RecordBatch>;
        reader = stream.getReader();
        for (;;) {
          const { done, value } = await Promise.race([reader.read(), guard.trapped]);
          if (done) return;
          yield value.intoIPCStream();
        }
      } catch (e) {
        // A trap leaves the stream stuck: it is abandoned, not cancelled (cancelling would wait on it).
        if (e instanceof WebAssembly.RuntimeError) {
          reader = undefined;
          throw new Error(`the reader failed on damaged data (${e.message})`, { cause: e });
        }
        throw e;
      } finally {
        guard.release();
        if (reader !== undefined) {
          await reader.cancel().catch(() => undefined);
          reader.releaseLock();
        }
      }
    },
    close() {
      file.free();
    },
  };
}
