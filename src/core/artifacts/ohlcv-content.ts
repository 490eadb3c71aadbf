/**
 * The logical content of an `ohlcv` artifact: the canonical OHLCV columns, whatever file they came from. A CSV and a
 * Parquet file of the same bars project to the same `OhlcvTable`, hence the same canonical bytes and contentHash.
 */
import type { OhlcvTable } from '../domain/ohlcv-table';
import { OHLCV_COLUMNS } from '../domain/ohlcv-table';
import type { CanonicalSchema, LogicalTable } from './logical-schema';

export const OHLCV_SCHEMA: CanonicalSchema = Object.freeze(
  OHLCV_COLUMNS.map((name) => Object.freeze({ name, type: name === 'timestamp' ? ('timestamp-ms-utc' as const) : ('float64' as const) })),
);

export function ohlcvLogicalTable(columns: OhlcvTable): LogicalTable {
  return { schema: OHLCV_SCHEMA, columns: OHLCV_COLUMNS.map((f) => columns[f]) };
}

export interface TimeRange {
  /** First bar, epoch ms UTC (inclusive). */
  startMs: number;
  /** Last bar, epoch ms UTC (inclusive). */
  endMs: number;
}

/** Smallest and largest timestamp, or null for an empty table. */
export function ohlcvTimeRange(columns: OhlcvTable): TimeRange | null {
  const ts = columns.timestamp;
  if (ts.length === 0) return null;
  let lo = ts[0];
  let hi = ts[0];
  for (let i = 1; i < ts.length; i++) {
    if (ts[i] < lo) lo = ts[i];
    if (ts[i] > hi) hi = ts[i];
  }
  return { startMs: lo, endMs: hi };
}
