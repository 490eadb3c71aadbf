import type { Bar } from './bar';

/**
 * Columnar OHLCV data: the form data travels in (typed arrays transfer across workers without copying).
 * All columns have the same length; row i is one bar. `instrument` is present for multi-instrument tables.
 */
export interface OhlcvTable {
  /** Epoch milliseconds UTC. */
  readonly timestamp: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  readonly instrument?: string[];
}

export const OHLCV_COLUMNS = ['timestamp', 'open', 'high', 'low', 'close', 'volume'] as const;

export type OhlcvColumn = (typeof OHLCV_COLUMNS)[number];

export function ohlcvLength(table: OhlcvTable): number {
  return table.timestamp.length;
}

export function barAt(table: OhlcvTable, index: number): Bar {
  if (!Number.isInteger(index) || index < 0 || index >= table.timestamp.length) {
    throw new RangeError(`bar index ${index} out of range [0, ${table.timestamp.length})`);
  }
  return {
    timestamp: table.timestamp[index],
    open: table.open[index],
    high: table.high[index],
    low: table.low[index],
    close: table.close[index],
    volume: table.volume[index],
  };
}
