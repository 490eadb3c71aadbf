/** One instrument's bars as columns. Timestamps are epoch milliseconds UTC, strictly increasing. */
export interface OhlcvColumns {
  timestamp: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

export const OHLCV_FIELDS = ['timestamp', 'open', 'high', 'low', 'close', 'volume'] as const;
export type OhlcvField = (typeof OHLCV_FIELDS)[number];
