/**
 * How an ohlcv artifact's bytes are written: one Arrow schema and one set of Parquet writer settings, so the same
 * content gives the same bytes (the same fileHash) on every machine running the same parquet-wasm build. The
 * contentHash — hence the artifact id — does not depend on any of this (see canonical-encoding.ts); fileHash does,
 * and changes if these settings or the Parquet writer change. Treat CANONICAL_PARQUET_V1 like a file format: add a
 * v2 beside it rather than editing it.
 *
 * Arrow schema: timestamp Timestamp(ms, "UTC"), open/high/low/close/volume Float64 — all non-nullable, in the
 * canonical column order (OHLCV_SCHEMA), so ohlcvFromArrow reads the file back without guessing.
 */
import { Field, Float64, makeData, RecordBatch, Schema, Struct, Table, TimestampMillisecond, tableToIPC } from 'apache-arrow';
import { OHLCV_COLUMNS, type OhlcvTable } from '../core/domain/ohlcv-table';
import type { ParquetWriteSettings } from '../ports/canonical-parquet-writer';

export const CANONICAL_PARQUET_V1: ParquetWriteSettings = Object.freeze({
  compression: 'zstd',
  rowGroupRows: 65_536,
  createdBy: 'quantlab canonical parquet v1',
  dictionary: false,
  statistics: 'chunk',
  dataPageBytes: 1_048_576,
  writeBatchRows: 1_024,
  writerVersion: '1.0',
});

/** The rows [from, to) of `table` (views, no copy), for cutting bars into row-group batches. */
export function ohlcvRows(table: OhlcvTable, from: number, to: number): OhlcvTable {
  const slice = (c: Float64Array) => c.subarray(from, to);
  return {
    timestamp: slice(table.timestamp),
    open: slice(table.open),
    high: slice(table.high),
    low: slice(table.low),
    close: slice(table.close),
    volume: slice(table.volume),
  };
}

/**
 * The bars as an Arrow IPC stream with the canonical schema. Timestamps must be integral milliseconds (the
 * canonical encoding already refused anything else); the instrument column is not part of an ohlcv artifact.
 */
export function canonicalOhlcvIpc(table: OhlcvTable): Uint8Array {
  const n = table.timestamp.length;
  const timestampType = new TimestampMillisecond('UTC');
  const fields = OHLCV_COLUMNS.map((name) => new Field(name, name === 'timestamp' ? timestampType : new Float64(), false));
  const ts = new BigInt64Array(n);
  for (let i = 0; i < n; i++) {
    const t = table.timestamp[i];
    if (!Number.isSafeInteger(t)) throw new RangeError(`row ${i + 1}: timestamp ${t} is not an integral number of milliseconds`);
    ts[i] = BigInt(t);
  }
  const children = OHLCV_COLUMNS.map((name) =>
    name === 'timestamp'
      ? makeData({ type: timestampType, length: n, nullCount: 0, data: ts })
      : makeData({ type: new Float64(), length: n, nullCount: 0, data: table[name] }),
  );
  const schema = new Schema(fields);
  const batch = new RecordBatch(schema, makeData({ type: new Struct(fields), length: n, nullCount: 0, children }));
  return tableToIPC(new Table(schema, batch), 'stream');
}
