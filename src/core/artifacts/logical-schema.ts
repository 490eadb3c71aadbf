/**
 * The logical shape of a table, independent of how it is stored (Parquet physical types, compression, row groups,
 * CSV text). Content identity is defined over this shape, so it must stay small and exact.
 */
/** Logical column types. Their byte encodings are fixed in `canonical-encoding.ts`. */
export const LOGICAL_TYPES = ['float64', 'int64', 'utf8', 'bool', 'timestamp-ms-utc', 'date-days'] as const;
export type LogicalType = (typeof LOGICAL_TYPES)[number];

export interface ColumnSpec {
  readonly name: string;
  readonly type: LogicalType;
}

/** Ordered columns: order is part of the content (a table with swapped columns is a different table). */
export type CanonicalSchema = readonly ColumnSpec[];

/**
 * Values of one column, row by row. Typed arrays cannot hold nulls; plain arrays may hold `null` (never `undefined`).
 * - float64: Float64Array or (number | null)[]
 * - int64: BigInt64Array or (bigint | number | null)[] (numbers must be safe integers)
 * - timestamp-ms-utc: Float64Array / BigInt64Array / (number | bigint | null)[] of integral epoch milliseconds
 * - date-days: Int32Array / Float64Array / (number | null)[] of integral days since 1970-01-01
 * - utf8: (string | null)[]
 * - bool: (boolean | null)[]
 */
export type ColumnData = Float64Array | BigInt64Array | Int32Array | ReadonlyArray<number | bigint | string | boolean | null>;

/** A table as the content hash sees it: `columns[i]` holds the values of `schema[i]`. */
export interface LogicalTable {
  readonly schema: CanonicalSchema;
  readonly columns: readonly ColumnData[];
}

export function sameSchema(a: CanonicalSchema, b: CanonicalSchema): boolean {
  return a.length === b.length && a.every((c, i) => c.name === b[i].name && c.type === b[i].type);
}

export function formatSchema(schema: CanonicalSchema): string {
  return schema.map((c) => `${c.name}:${c.type}`).join(', ');
}
