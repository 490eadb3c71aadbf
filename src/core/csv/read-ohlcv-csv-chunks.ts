import { ohlcvCsvRowReader, type CsvRowBatch } from './ohlcv-csv-rows';
import type { OhlcvCsv, ReadOhlcvCsvOptions } from './read-ohlcv-csv';

/** Rows per batch by default: one canonical Parquet row group, so batches go to the Parquet writer as they are. */
export const CSV_BATCH_ROWS = 65_536;

export interface ReadOhlcvCsvChunksOptions extends ReadOhlcvCsvOptions {
  /** Rows per batch (every batch but the last holds exactly this many). Default CSV_BATCH_ROWS. */
  readonly batchRows?: number;
}

/** What the file said besides its rows, known once the last batch was read (the reader's `summary()`). */
export type OhlcvCsvSummary = Omit<OhlcvCsv, 'table' | 'rowNumbers'>;

/**
 * Reads OHLCV CSV from byte chunks (a file stream) as batches of rows, holding one batch and the text of one
 * unfinished row at a time: memory does not depend on the file's size. Rows, line numbers, problems and the
 * timestamp format are those readOhlcvCsv gives for the whole text (the same reader reads both) — a row split
 * across chunks, even inside a quoted field or between CR and LF, is read once it is whole.
 *
 * Yields each batch when it is full and the last (possibly empty) one at the end; `summary()` is valid after the
 * iteration ended. Throws a CsvError for a missing or unusable header, as readOhlcvCsv does.
 */
export function readOhlcvCsvChunks(chunks: AsyncIterable<Uint8Array>, options: ReadOhlcvCsvChunksOptions = {}) {
  const batchRows = options.batchRows ?? CSV_BATCH_ROWS;
  if (!Number.isInteger(batchRows) || batchRows < 1) throw new RangeError(`batchRows must be a positive integer, got ${batchRows}`);
  const reader = ohlcvCsvRowReader(options, batchRows, false);
  let finished = false;
  let headerSeen = false;
  const headerDone = (): boolean => headerSeen;

  async function* batches(): AsyncGenerator<CsvRowBatch> {
    // Same decoding as the whole-file reader: UTF-8, a leading BOM dropped, bad bytes as U+FFFD.
    const decoder = new TextDecoder('utf-8');
    let text = '';
    let headerRead = false;
    const consume = function* (final: boolean): Generator<CsvRowBatch> {
      let pos = 0;
      if (!headerRead) {
        const head = reader.readHeader(text, final);
        if (head === null) return;
        headerRead = true;
        headerSeen = true;
        pos = head.next;
      }
      for (;;) {
        pos = reader.readRows(text, pos, final);
        if (!reader.full) break;
        yield reader.takeBatch();
      }
      text = text.slice(pos);
    };
    for await (const chunk of chunks) {
      const piece = decoder.decode(chunk, { stream: true });
      if (piece.length === 0) continue;
      text = text.length === 0 ? piece : text + piece;
      yield* consume(false);
    }
    text += decoder.decode();
    yield* consume(true);
    finished = true;
    yield reader.takeBatch();
  }

  return {
    batches: batches(),
    /** Problems found so far (0 before the header was read). */
    get problemCount(): number {
      return headerDone() ? reader.summary().problemCount : 0;
    },
    summary(): OhlcvCsvSummary {
      if (!finished) throw new Error('the CSV has not been read to its end');
      return reader.summary();
    },
  };
}
