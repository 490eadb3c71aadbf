/**
 * One OHLCV bar. The row view of an OhlcvTable; the engine works on the columns, this shape is for
 * strategies' per-bar callbacks, tests and display.
 */
export interface Bar {
  /** Bar open time, epoch milliseconds UTC. */
  readonly timestamp: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}
