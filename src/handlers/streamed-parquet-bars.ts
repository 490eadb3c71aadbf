/**
 * A Parquet file as StreamedBars: its row groups are read one at a time from a Blob (ParquetRowGroupReader), turned
 * into bars by the same column rules as the whole-file decoder (OhlcvArrowReader) and cut into canonical batches.
 * The source SHA-256 follows the reading: after each row group the file's bytes are hashed up to that row group's
 * end, which is also the progress reported. Memory: the largest row group's compressed bytes plus one batch — a file
 * written as one huge row group is held compressed in memory (see docs/streaming-import.md).
 *
 * Reasons are the whole-file decoder's (empty file, missing PAR1 magic, unreadable Parquet, missing column,
 * unreadable timestamp), with rows numbered from the file's start.
 */
import { tableFromIPC } from 'apache-arrow';
import { byteChunks, createByteHasher, type ByteSource } from '../core/artifacts/file-hash';
import { CsvError } from '../core/csv/csv-error';
import type { OhlcvTable } from '../core/domain/ohlcv-table';
import { rebatchOhlcv } from '../core/domain/rebatch-ohlcv';
import { OhlcvArrowReader } from '../core/projection/ohlcv-from-arrow';
import type { ParquetRowGroupFile, ParquetRowGroupReader } from '../ports/parquet-row-groups';
import { BarsDecodeError } from './decode-bars-bytes';
import { CANONICAL_PARQUET_V1 } from './import-canonical-parquet';
import type { BarsBatch, StreamedBars } from './streamed-bars';

const PAR1 = [0x50, 0x41, 0x52, 0x31];
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function hasParquetMagic(blob: Blob): Promise<boolean> {
  if (blob.size < 8) return false;
  const head = new Uint8Array(await blob.slice(0, 4).arrayBuffer());
  const tail = new Uint8Array(await blob.slice(blob.size - 4).arrayBuffer());
  return PAR1.every((m, i) => head[i] === m && tail[i] === m);
}

/** Opens the file; undefined when it is readable Parquet without rows (the caller reads it whole: it is a footer). */
export async function streamedParquetBars(
  name: string,
  blob: Blob,
  source: ByteSource,
  reader: ParquetRowGroupReader,
  onBytes?: (bytes: number) => void,
): Promise<StreamedBars | undefined> {
  let opened: ParquetRowGroupFile | BarsDecodeError;
  if (blob.size === 0) opened = new BarsDecodeError(`${name}: the file is empty`, 'empty-file');
  else if (!(await hasParquetMagic(blob)))
    opened = new BarsDecodeError(`${name}: not a Parquet file (missing PAR1 magic bytes at start and end; truncated?)`, 'not-parquet');
  else {
    opened = await reader
      .openParquet(blob)
      .catch((e: unknown) => new BarsDecodeError(`${name}: cannot decode Parquet (${message(e)})`, 'unreadable-parquet'));
  }
  if (!(opened instanceof BarsDecodeError) && opened.rows === 0) {
    opened.close();
    return undefined;
  }

  const hasher = await createByteHasher();
  const bytes = byteChunks(source)[Symbol.asyncIterator]();
  let hashed = 0;
  const hashUpTo = async (offset: number): Promise<void> => {
    while (hashed < offset) {
      const next = await bytes.next();
      if (next.done) return;
      hasher.update(next.value);
      hashed += next.value.length;
      onBytes?.(hashed);
    }
  };

  async function* pieces(file: ParquetRowGroupFile): AsyncGenerator<OhlcvTable> {
    const arrow = new OhlcvArrowReader(name);
    let end = 4; // after the leading magic
    for (let g = 0; g < file.rowGroupBytes.length; g++) {
      const ipcs = file.readRowGroup(g, CANONICAL_PARQUET_V1.rowGroupRows)[Symbol.asyncIterator]();
      for (;;) {
        let next: IteratorResult<Uint8Array>;
        try {
          next = await ipcs.next();
        } catch (e) {
          throw new BarsDecodeError(`${name}: cannot decode Parquet (row group ${g + 1}: ${message(e)})`, 'unreadable-parquet');
        }
        if (next.done) break;
        yield arrow.read(tableFromIPC(next.value));
      }
      end += file.rowGroupBytes[g];
      await hashUpTo(end);
    }
  }

  let closed = false;
  async function* batches(): AsyncGenerator<BarsBatch> {
    if (opened instanceof BarsDecodeError) throw opened;
    let first = 1;
    try {
      for await (const table of rebatchOhlcv(pieces(opened), CANONICAL_PARQUET_V1.rowGroupRows)) {
        const n = table.timestamp.length;
        const rowNumbers = new Float64Array(n);
        for (let i = 0; i < n; i++) rowNumbers[i] = first + i;
        first += n;
        yield { table, rowNumbers };
      }
    } finally {
      closed = true;
      opened.close();
    }
  }

  return {
    batches: batches(),
    problemCount: () => 0,
    problems: () => ({ list: [], total: 0 }),
    unreadable(e, max) {
      // As the whole-file decoder: a column or timestamp the rules cannot read ends the reading with its reasons.
      if (e instanceof CsvError) {
        const all = [e, ...e.more];
        const list = all.slice(0, max).map((p) => ({ code: p.rule, message: p.message, row: p.row > 0 ? p.row : null, column: p.column ?? null }));
        return { list, total: all.length };
      }
      if (e instanceof BarsDecodeError) return { list: [{ code: e.code, message: e.message, row: null, column: null }], total: 1 };
      return undefined;
    },
    bytesRead: () => hashed,
    async digest() {
      await hashUpTo(Infinity);
      return hasher.digest();
    },
    async release() {
      await bytes.return?.(undefined);
      if (!(opened instanceof BarsDecodeError) && !closed) opened.close();
    },
  };
}
