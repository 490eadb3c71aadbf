import type { OhlcvTable } from '../domain/ohlcv-table';

/**
 * One instrument's bars as flat columns. `time` holds epoch milliseconds (UTC), one per bar, ascending.
 * The backtester never copies these arrays; strategies see them only through a view that stops at the current bar.
 */
export interface Bars {
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

/** An OHLCV table's columns as the backtester reads them (shared, not copied). */
export function barsOfTable(table: OhlcvTable): Bars {
  return { time: table.timestamp, open: table.open, high: table.high, low: table.low, close: table.close, volume: table.volume };
}

const PRICE_COLUMNS = ['open', 'high', 'low', 'close'] as const;

/** Fail fast on data the broker cannot trade: which row, which column, what was expected. */
export function validateBars(bars: Bars): void {
  const n = bars.close.length;
  if (n === 0) throw new RangeError('bars are empty');
  for (const key of ['time', 'open', 'high', 'low', 'volume'] as const) {
    if (bars[key].length !== n) throw new RangeError(`column ${key} has ${bars[key].length} rows, close has ${n}`);
  }
  for (const key of PRICE_COLUMNS) {
    const col = bars[key];
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(col[i])) throw new RangeError(`row ${i}: ${key} is NaN; drop or fill missing prices first`);
    }
  }
  const t = bars.time;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(t[i])) throw new RangeError(`row ${i}: time must be finite epoch milliseconds, got ${t[i]}`);
    if (i > 0 && t[i] < t[i - 1]) throw new RangeError(`row ${i}: time ${t[i]} is before the previous row's ${t[i - 1]}; sort bars ascending`);
  }
}
