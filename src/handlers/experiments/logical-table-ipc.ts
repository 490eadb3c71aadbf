/**
 * A logical table (the content a contentHash is over) as an Arrow IPC stream, for the canonical Parquet writer.
 * One Arrow type per logical type, spelled out so no library default decides the file's schema:
 *
 *   float64 → Float64   int64 → Int64   timestamp-ms-utc → Timestamp(ms, "UTC")   date-days → Date(day)
 *   utf8 → Utf8         bool → Bool
 *
 * Nullability is declared per column by the caller (the table's schema, not its data, decides it, so a table
 * without nulls today and one with nulls tomorrow share one Parquet schema). A null in a column not declared
 * nullable is an error naming column and row.
 */
import {
  Bool,
  DateDay,
  Field,
  Float64,
  Int64,
  makeData,
  RecordBatch,
  Schema,
  Struct,
  Table,
  TimestampMillisecond,
  tableToIPC,
  Utf8,
  type Data,
  type DataType,
} from 'apache-arrow';
import type { ColumnData, ColumnSpec, LogicalTable } from '../../core/artifacts/logical-schema';
import { canonicalRowCount } from '../../core/artifacts/canonical-encoding';

const utf8 = new TextEncoder();

function arrowType(spec: ColumnSpec): DataType {
  switch (spec.type) {
    case 'float64':
      return new Float64();
    case 'int64':
      return new Int64();
    case 'timestamp-ms-utc':
      return new TimestampMillisecond('UTC');
    case 'date-days':
      return new DateDay();
    case 'utf8':
      return new Utf8();
    case 'bool':
      return new Bool();
  }
}

/** Validity bitmap (LSB first) and null count; undefined bitmap when nothing is null. */
function validity(spec: ColumnSpec, data: ColumnData, rows: number, nullable: boolean): { bitmap: Uint8Array | undefined; nulls: number } {
  if (data instanceof Float64Array || data instanceof BigInt64Array || data instanceof Int32Array) return { bitmap: undefined, nulls: 0 };
  const bitmap = new Uint8Array(Math.ceil(rows / 8));
  let nulls = 0;
  for (let i = 0; i < rows; i++) {
    if (data[i] === null) {
      if (!nullable) throw new RangeError(`column "${spec.name}" row ${i}: null in a column that is not nullable`);
      nulls++;
    } else bitmap[i >> 3] |= 1 << (i & 7);
  }
  return { bitmap: nulls === 0 ? undefined : bitmap, nulls };
}

function int64Values(data: ColumnData, rows: number): BigInt64Array {
  if (data instanceof BigInt64Array) return data;
  const out = new BigInt64Array(rows);
  for (let i = 0; i < rows; i++) {
    const v = data[i];
    out[i] = v === null ? 0n : typeof v === 'bigint' ? v : BigInt(v);
  }
  return out;
}

function columnData(spec: ColumnSpec, data: ColumnData, rows: number, nullable: boolean): Data {
  const type = arrowType(spec);
  const { bitmap, nulls } = validity(spec, data, rows, nullable);
  const base = { type, length: rows, nullCount: nulls, ...(bitmap ? { nullBitmap: bitmap } : {}) };
  switch (spec.type) {
    case 'float64': {
      const values = data instanceof Float64Array ? data : Float64Array.from(data as ArrayLike<number | null>, (v) => v ?? 0);
      return makeData({ ...base, type: type as Float64, data: values });
    }
    case 'int64':
    case 'timestamp-ms-utc':
      return makeData({ ...base, type: type as Int64, data: int64Values(data, rows) });
    case 'date-days': {
      const values = data instanceof Int32Array ? data : Int32Array.from(data as ArrayLike<number | null>, (v) => v ?? 0);
      return makeData({ ...base, type: type as DateDay, data: values });
    }
    case 'bool': {
      const bits = new Uint8Array(Math.ceil(rows / 8));
      for (let i = 0; i < rows; i++) if (data[i] === true) bits[i >> 3] |= 1 << (i & 7);
      return makeData({ ...base, type: type as Bool, data: bits });
    }
    case 'utf8': {
      const parts = Array.from({ length: rows }, (_, i) => (data[i] === null ? new Uint8Array(0) : utf8.encode(String(data[i]))));
      const offsets = new Int32Array(rows + 1);
      for (let i = 0; i < rows; i++) offsets[i + 1] = offsets[i] + parts[i].length;
      const bytes = new Uint8Array(offsets[rows]);
      parts.forEach((p, i) => bytes.set(p, offsets[i]));
      return makeData({ ...base, type: type as Utf8, data: bytes, valueOffsets: offsets });
    }
  }
}

/** The table as one Arrow IPC stream (one record batch); `nullable` names the columns that may hold nulls. */
export function logicalTableIpc(table: LogicalTable, nullable: readonly string[] = []): Uint8Array {
  const rows = canonicalRowCount(table);
  const fields = table.schema.map((c) => new Field(c.name, arrowType(c), nullable.includes(c.name)));
  const children = table.schema.map((c, i) => columnData(c, table.columns[i], rows, nullable.includes(c.name)));
  const schema = new Schema(fields);
  const batch = new RecordBatch(schema, makeData({ type: new Struct(fields), length: rows, nullCount: 0, children }));
  return tableToIPC(new Table(schema, batch), 'stream');
}
