import type { OhlcvTable } from '../../core/domain/ohlcv-table';

/** Columns of the packed bars a sweep worker receives, each n f64, in this order. */
export const SWEEP_BAR_COLUMNS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

/**
 * The bars as SWEEP_BAR_COLUMNS in one buffer: one transfer per worker, or one SharedArrayBuffer that every worker
 * reads when the page is cross-origin isolated.
 */
export function packBars(table: OhlcvTable, shared: boolean): Float64Array {
  const n = table.close.length;
  const bytes = SWEEP_BAR_COLUMNS.length * n * 8;
  const packed = new Float64Array(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  SWEEP_BAR_COLUMNS.forEach((name, k) => packed.set(name === 'time' ? table.timestamp : table[name], k * n));
  return packed;
}
