// The numeric form of an order (OrderFields of src/core/lab/order-book.ts). The host writes orders as rows of
// FIELD_COUNT f64 in the order of the F_* offsets below (integer codes as numbers, NaN for "not set"); the
// engine reads a row into one reusable OrderFields record, so nothing is allocated per order.

export const F_INSTRUMENT: i32 = 0;
export const F_SIDE: i32 = 1;
export const F_TYPE: i32 = 2;
export const F_QUANTITY: i32 = 3;
export const F_WEIGHT: i32 = 4;
export const F_LIMIT: i32 = 5;
export const F_STOP: i32 = 6;
export const F_TRAIL_AMOUNT: i32 = 7;
export const F_TRAIL_FRACTION: i32 = 8;
export const F_TIF: i32 = 9;
export const F_TIF_BARS: i32 = 10;
export const F_REDUCE_ONLY: i32 = 11;
export const F_STOP_LOSS: i32 = 12;
export const F_TAKE_PROFIT: i32 = 13;
export const F_STOP_LOSS_FRACTION: i32 = 14;
export const F_TAKE_PROFIT_FRACTION: i32 = 15;
export const F_EXIT_TRAIL_AMOUNT: i32 = 16;
export const F_EXIT_TRAIL_FRACTION: i32 = 17;
export const F_TIME_STOP_BARS: i32 = 18;
export const F_SOURCE: i32 = 19;
export const FIELD_COUNT: i32 = 20;

export class OrderFields {
  instrument: i32 = 0;
  side: i32 = 1;
  type: i32 = 0;
  /** Units (> 0), or NaN when sized by weight. */
  quantity: f64 = NaN;
  weight: f64 = NaN;
  limit: f64 = NaN;
  stop: f64 = NaN;
  trailAmount: f64 = NaN;
  trailFraction: f64 = NaN;
  tif: i32 = 0;
  tifBars: i32 = 0;
  reduceOnly: i32 = 0;
  stopLoss: f64 = NaN;
  takeProfit: f64 = NaN;
  stopLossFraction: f64 = NaN;
  takeProfitFraction: f64 = NaN;
  exitTrailAmount: f64 = NaN;
  exitTrailFraction: f64 = NaN;
  timeStopBars: i32 = 0;
  source: i32 = 0;

  /** A market GTC order with nothing set (blankOrderFields of the reference). */
  blank(): void {
    this.instrument = 0;
    this.side = 1;
    this.type = 0;
    this.quantity = NaN;
    this.weight = NaN;
    this.limit = NaN;
    this.stop = NaN;
    this.trailAmount = NaN;
    this.trailFraction = NaN;
    this.tif = 0;
    this.tifBars = 0;
    this.reduceOnly = 0;
    this.stopLoss = NaN;
    this.takeProfit = NaN;
    this.stopLossFraction = NaN;
    this.takeProfitFraction = NaN;
    this.exitTrailAmount = NaN;
    this.exitTrailFraction = NaN;
    this.timeStopBars = 0;
    this.source = 0;
  }

  /** Reads the row at `offset` of `rows` (integer fields arrive as exact integers; the host applies ToInt32). */
  read(rows: StaticArray<f64>, offset: i32): void {
    this.instrument = <i32>unchecked(rows[offset + F_INSTRUMENT]);
    this.side = <i32>unchecked(rows[offset + F_SIDE]);
    this.type = <i32>unchecked(rows[offset + F_TYPE]);
    this.quantity = unchecked(rows[offset + F_QUANTITY]);
    this.weight = unchecked(rows[offset + F_WEIGHT]);
    this.limit = unchecked(rows[offset + F_LIMIT]);
    this.stop = unchecked(rows[offset + F_STOP]);
    this.trailAmount = unchecked(rows[offset + F_TRAIL_AMOUNT]);
    this.trailFraction = unchecked(rows[offset + F_TRAIL_FRACTION]);
    this.tif = <i32>unchecked(rows[offset + F_TIF]);
    this.tifBars = <i32>unchecked(rows[offset + F_TIF_BARS]);
    this.reduceOnly = <i32>unchecked(rows[offset + F_REDUCE_ONLY]);
    this.stopLoss = unchecked(rows[offset + F_STOP_LOSS]);
    this.takeProfit = unchecked(rows[offset + F_TAKE_PROFIT]);
    this.stopLossFraction = unchecked(rows[offset + F_STOP_LOSS_FRACTION]);
    this.takeProfitFraction = unchecked(rows[offset + F_TAKE_PROFIT_FRACTION]);
    this.exitTrailAmount = unchecked(rows[offset + F_EXIT_TRAIL_AMOUNT]);
    this.exitTrailFraction = unchecked(rows[offset + F_EXIT_TRAIL_FRACTION]);
    this.timeStopBars = <i32>unchecked(rows[offset + F_TIME_STOP_BARS]);
    this.source = <i32>unchecked(rows[offset + F_SOURCE]);
  }
}
