/**
 * Canonical encoding of a table's logical content, version 1. `contentHash` is SHA-256 over exactly these bytes, so
 * anything that changes them is a change of identity: treat this header as a file format and never edit it in
 * place — add version 2 beside it.
 *
 * What is (and is not) content: the schema (column names, their order, their logical types) and the rows in order.
 * Not content: the file format, compression, row-group size, Arrow/Parquet physical types, CSV spelling of numbers.
 *
 * Byte layout (all integers little-endian; offsets from the start):
 *
 *   1. Magic + version, 8 bytes: ASCII "QLTABLE" (51 4C 54 41 42 4C 45) then the version byte 01.
 *   2. Schema: u32 S = byte length of the schema JSON, then S bytes of UTF-8
 *      `JSON.stringify(schema.map(c => ({ name: c.name, type: c.type })))` — no whitespace, keys in the order
 *      name, type; names are taken as given (no trimming, no case folding, no Unicode normalization). At least one
 *      column; names non-empty, unique and well-formed (no lone surrogate); types from LOGICAL_TYPES.
 *   3. Row count: u64 N.
 *   4. For each column, in schema order:
 *      a. Validity bitmap, ceil(N / 8) bytes: row i is non-null iff bit (i % 8) of byte floor(i / 8) is 1
 *         (least significant bit first). Unused high bits of the last byte are 0. Always present, even if no
 *         value is null, so "no nulls" needs no special case.
 *      b. N value slots (a null row keeps its slot, filled with zero bytes; for utf8 a null is length 0):
 *           float64           8 bytes, IEEE-754 binary64.
 *                             -0 is written as +0 (00 00 00 00 00 00 00 00): -0 === 0 everywhere a price or a
 *                             return is compared, and CSV/SQL round trips do not preserve the sign of zero.
 *                             Every NaN (any sign, any payload) is written as the one quiet NaN
 *                             0x7FF8000000000000 (bytes 00 00 00 00 00 00 F8 7F). NaN stays distinct from null
 *                             (validity bit 1 vs 0). ±Infinity are written as they are.
 *           int64             8 bytes, two's complement (bigint inputs, or numbers that are safe integers).
 *           timestamp-ms-utc  8 bytes, two's complement: milliseconds since 1970-01-01T00:00:00Z. Inputs must be
 *                             integral; a fractional millisecond is an error, never rounded.
 *           date-days         4 bytes, two's complement: days since 1970-01-01.
 *           bool              1 byte: 00 false, 01 true.
 *           utf8              u32 L, then L bytes of UTF-8 (no BOM, no normalization). A string with a lone
 *                             surrogate is an error (it has no UTF-8 form; replacing it would merge strings).
 *
 * Nothing is converted silently: a value that does not fit its logical type (a string in a float64 column, 1.5 as a
 * timestamp, an integer beyond 2^53 given as a number) throws CanonicalEncodingError naming column and row.
 *
 * The encoding is prefix-free and parseable (lengths precede variable parts), hence injective on canonicalized
 * values. Bytes are produced in chunks (`canonicalChunks`) so a large table is hashed without building one buffer.
 */
import { CanonicalEncodingError } from './errors';
import type { ColumnData, ColumnSpec, LogicalTable, LogicalType } from './logical-schema';
import { LOGICAL_TYPES } from './logical-schema';

export const CANONICAL_MAGIC: readonly number[] = [0x51, 0x4c, 0x54, 0x41, 0x42, 0x4c, 0x45, 0x01];
export const CANONICAL_VERSION = 1;

const TWO_32 = 4294967296;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const LONE_SURROGATE = /\p{Surrogate}/u;
const utf8 = new TextEncoder();

export interface CanonicalEncodeOptions {
  /** Rows per value chunk (memory bound while streaming); does not change the bytes. Default 65 536. */
  chunkRows?: number;
}

/** Checks the schema/columns pairing and returns the row count. */
export function canonicalRowCount(table: LogicalTable): number {
  const { schema, columns } = table;
  if (schema.length === 0) throw new CanonicalEncodingError('a table needs at least one column');
  if (columns.length !== schema.length) {
    throw new CanonicalEncodingError(`schema has ${schema.length} columns but ${columns.length} column arrays were given`);
  }
  const names = new Set<string>();
  for (const c of schema) {
    if (!(LOGICAL_TYPES as readonly string[]).includes(c.type)) {
      throw new CanonicalEncodingError(`column "${c.name}": unknown logical type "${c.type}"; expected one of ${LOGICAL_TYPES.join(', ')}`, c.name);
    }
    if (c.name.length === 0) throw new CanonicalEncodingError('a column name is empty');
    if (LONE_SURROGATE.test(c.name)) throw new CanonicalEncodingError(`column name ${JSON.stringify(c.name)} has a lone surrogate`, c.name);
    if (names.has(c.name)) throw new CanonicalEncodingError(`duplicate column name "${c.name}"`, c.name);
    names.add(c.name);
  }
  const n = columns[0].length;
  columns.forEach((col, i) => {
    if (col.length !== n) {
      throw new CanonicalEncodingError(`column "${schema[i].name}" has ${col.length} rows, column "${schema[0].name}" has ${n}`, schema[i].name);
    }
  });
  return n;
}

function header(table: Pick<LogicalTable, 'schema'>, rows: number): Uint8Array {
  const json = utf8.encode(JSON.stringify(table.schema.map((c) => ({ name: c.name, type: c.type }))));
  const out = new Uint8Array(8 + 4 + json.length + 8);
  out.set(CANONICAL_MAGIC, 0);
  const view = new DataView(out.buffer);
  view.setUint32(8, json.length, true);
  out.set(json, 12);
  view.setBigUint64(12 + json.length, BigInt(rows), true);
  return out;
}

function isTyped(data: ColumnData): data is Float64Array | BigInt64Array | Int32Array {
  return data instanceof Float64Array || data instanceof BigInt64Array || data instanceof Int32Array;
}

function checkShape(spec: ColumnSpec, data: ColumnData): void {
  const allowed: Record<LogicalType, readonly string[]> = {
    float64: ['Float64Array'],
    int64: ['BigInt64Array'],
    'timestamp-ms-utc': ['Float64Array', 'BigInt64Array'],
    'date-days': ['Int32Array', 'Float64Array'],
    utf8: [],
    bool: [],
  };
  if (isTyped(data) && !allowed[spec.type].includes(data.constructor.name)) {
    throw new CanonicalEncodingError(
      `column "${spec.name}" (${spec.type}) was given a ${data.constructor.name}; expected ${[...allowed[spec.type], 'an array'].join(' or ')}`,
      spec.name,
    );
  }
}

function validity(data: ColumnData, rows: number): Uint8Array {
  const bitmap = new Uint8Array(Math.ceil(rows / 8));
  if (isTyped(data)) {
    bitmap.fill(0xff);
    if (rows % 8 !== 0) bitmap[bitmap.length - 1] = (1 << (rows % 8)) - 1;
    return bitmap;
  }
  for (let i = 0; i < rows; i++) if (data[i] !== null) bitmap[i >> 3] |= 1 << (i & 7);
  return bitmap;
}

function fail(spec: ColumnSpec, row: number, expected: string, got: unknown): never {
  const shown = typeof got === 'bigint' ? `${got}n` : typeof got === 'string' ? JSON.stringify(got) : String(got);
  throw new CanonicalEncodingError(`column "${spec.name}" row ${row}: expected ${expected}, got ${shown}`, spec.name, row);
}

function writeFloat64(view: DataView, off: number, v: number): void {
  if (Number.isNaN(v)) {
    // DataView may write any NaN bit pattern; the canonical one is spelled out.
    view.setUint32(off, 0, true);
    view.setUint32(off + 4, 0x7ff80000, true);
  } else {
    view.setFloat64(off, v === 0 ? 0 : v, true);
  }
}

/** Writes a safe integer as 64-bit two's complement without BigInt (fast path for Float64Array timestamps). */
function writeInt64FromNumber(view: DataView, off: number, v: number): void {
  view.setUint32(off, v >>> 0, true);
  view.setInt32(off + 4, Math.floor(v / TWO_32), true);
}

function int64Value(spec: ColumnSpec, row: number, v: unknown, what: string): bigint | number {
  if (typeof v === 'bigint') {
    if (v < INT64_MIN || v > INT64_MAX) fail(spec, row, `${what} within the int64 range`, v);
    return v;
  }
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  return fail(spec, row, `${what} (a safe integer or a bigint)`, v);
}

function fixedSlice(spec: ColumnSpec, data: ColumnData, from: number, to: number): Uint8Array {
  const width = spec.type === 'bool' ? 1 : spec.type === 'date-days' ? 4 : 8;
  const out = new Uint8Array((to - from) * width);
  const view = new DataView(out.buffer);
  for (let i = from; i < to; i++) {
    const v = data[i];
    const off = (i - from) * width;
    if (v === null) continue;
    switch (spec.type) {
      case 'float64':
        if (typeof v !== 'number') fail(spec, i, 'a number or null', v);
        writeFloat64(view, off, v);
        break;
      case 'int64':
      case 'timestamp-ms-utc': {
        const what = spec.type === 'int64' ? 'an integer' : 'integral epoch milliseconds';
        const x = int64Value(spec, i, v, what);
        if (typeof x === 'bigint') view.setBigInt64(off, x, true);
        else writeInt64FromNumber(view, off, x);
        break;
      }
      case 'date-days':
        if (typeof v !== 'number' || !Number.isInteger(v) || v < -2147483648 || v > 2147483647) {
          fail(spec, i, 'integral days since 1970-01-01 within int32', v);
        }
        view.setInt32(off, v, true);
        break;
      case 'bool':
        if (typeof v !== 'boolean') fail(spec, i, 'a boolean or null', v);
        out[off] = v ? 1 : 0;
        break;
      case 'utf8':
        throw new Error('unreachable: utf8 is variable width');
    }
  }
  return out;
}

function utf8Slice(spec: ColumnSpec, data: ColumnData, from: number, to: number): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = 0;
  for (let i = from; i < to; i++) {
    const v = data[i];
    if (v === null) {
      parts.push(new Uint8Array(0));
      continue;
    }
    if (typeof v !== 'string') fail(spec, i, 'a string or null', v);
    if (LONE_SURROGATE.test(v)) fail(spec, i, 'a well-formed string (no lone surrogate)', v);
    const bytes = utf8.encode(v);
    parts.push(bytes);
    total += bytes.length;
  }
  const out = new Uint8Array(parts.length * 4 + total);
  const view = new DataView(out.buffer);
  let off = 0;
  for (const p of parts) {
    view.setUint32(off, p.length, true);
    out.set(p, off + 4);
    off += 4 + p.length;
  }
  return out;
}

/** The canonical bytes, chunk by chunk (header, then per column: bitmap, then value slices). */
export function* canonicalChunks(table: LogicalTable, options: CanonicalEncodeOptions = {}): Generator<Uint8Array> {
  const chunkRows = options.chunkRows ?? 65_536;
  if (!Number.isInteger(chunkRows) || chunkRows < 1) throw new RangeError(`chunkRows must be a positive integer, got ${chunkRows}`);
  const rows = canonicalRowCount(table);
  yield header(table, rows);
  for (let c = 0; c < table.schema.length; c++) {
    const spec = table.schema[c];
    const data = table.columns[c];
    checkShape(spec, data);
    yield validity(data, rows);
    for (let from = 0; from < rows; from += chunkRows) {
      const to = Math.min(rows, from + chunkRows);
      yield spec.type === 'utf8' ? utf8Slice(spec, data, from, to) : fixedSlice(spec, data, from, to);
    }
  }
}

/**
 * For a table encoded column by column from batches (a file too large to hold): the header, the value bytes of rows
 * [from, to) of one column, and the validity bitmap of a column without nulls — the very bytes canonicalChunks
 * writes, so hashing header, then per column bitmap and value slices in order gives the same contentHash.
 */
export const canonicalParts = {
  header: (schema: LogicalTable['schema'], rows: number): Uint8Array => header({ schema }, rows),
  values(spec: ColumnSpec, data: ColumnData, from: number, to: number): Uint8Array {
    checkShape(spec, data);
    return spec.type === 'utf8' ? utf8Slice(spec, data, from, to) : fixedSlice(spec, data, from, to);
  },
  /** The bitmap of `rows` non-null rows, in chunks of at most `chunkBytes`. */
  *allValid(rows: number, chunkBytes = 65_536): Generator<Uint8Array> {
    const bytes = Math.ceil(rows / 8);
    for (let from = 0; from < bytes; from += chunkBytes) {
      const part = new Uint8Array(Math.min(chunkBytes, bytes - from)).fill(0xff);
      if (from + part.length === bytes && rows % 8 !== 0) part[part.length - 1] = (1 << (rows % 8)) - 1;
      yield part;
    }
  },
};

/** All canonical bytes in one buffer (for tests and small tables; hashing streams instead). */
export function canonicalBytes(table: LogicalTable, options?: CanonicalEncodeOptions): Uint8Array {
  const chunks = [...canonicalChunks(table, options)];
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}
