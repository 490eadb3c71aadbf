/** A CSV file as StreamedBars: the core chunked reader over the file's bytes, hashed as they go by. */
import { byteChunks, createByteHasher, type ByteSource } from '../core/artifacts/file-hash';
import { CsvError } from '../core/csv/csv-error';
import { readOhlcvCsvChunks } from '../core/csv/read-ohlcv-csv-chunks';
import { MAX_STORED_REASONS } from '../core/artifacts/quarantine';
import { CANONICAL_PARQUET_V1 } from './import-canonical-parquet';
import type { StreamedBars } from './streamed-bars';

export async function streamedCsvBars(name: string, source: ByteSource, onBytes?: (bytes: number) => void): Promise<StreamedBars> {
  const hasher = await createByteHasher();
  let bytesRead = 0;
  async function* tapped(): AsyncGenerator<Uint8Array> {
    for await (const chunk of byteChunks(source)) {
      hasher.update(chunk);
      bytesRead += chunk.length;
      onBytes?.(bytesRead);
      yield chunk;
    }
  }
  const csv = readOhlcvCsvChunks(tapped(), { source: name, collectProblems: MAX_STORED_REASONS, batchRows: CANONICAL_PARQUET_V1.rowGroupRows });
  return {
    batches: csv.batches,
    problemCount: () => csv.problemCount,
    problems(max) {
      const summary = csv.summary();
      const list = summary.problems
        .slice(0, max)
        .map((p) => ({ code: p.rule, message: p.message, row: p.row > 0 ? p.row : null, column: p.column ?? null }));
      return { list, total: summary.problemCount };
    },
    unreadable(e, max) {
      // The header could not be read (or the file is empty): the reasons are the reader's, as importArtifact's.
      if (!(e instanceof CsvError)) return undefined;
      if (bytesRead === 0 && e.rule === 'empty-file')
        return { list: [{ code: 'empty-file', message: `${name}: the file is empty`, row: null, column: null }], total: 1 };
      const list = [e, ...e.more]
        .slice(0, max)
        .map((p) => ({ code: p.rule, message: p.message, row: p.row > 0 ? p.row : null, column: p.column ?? null }));
      return { list, total: 1 + e.more.length };
    },
    bytesRead: () => bytesRead,
    async digest() {
      return hasher.digest();
    },
    async release() {
      await csv.batches.return?.(undefined);
    },
  };
}
