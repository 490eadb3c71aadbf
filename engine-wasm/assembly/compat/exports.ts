// Entry points of the backtesting.py-compatible backtester (re-exported by ../index.ts). ABI:
//
//   runCompat(dataPtr, n, optionsPtr, strategyId, paramsPtr, nParams) -> closed-trade count, or -errorCode
//     dataPtr:    open, high, low, close, volume — each n f64, one after the other (written by the host, e.g.
//                 into `scratch`); read during the call only.
//     optionsPtr: 9 f64 — cash, commission fixed, commission relative, spread, margin, tradeOnClose, hedging,
//                 exclusiveOrders, finalizeTrades (flags 0/1).
//     strategyId: 1 sma-cross (params fast, slow, sl, tp; NaN = not given), 100 broker-probe (no params).
//   After a successful run (pointers are valid until the next run; re-create views, memory may have grown):
//     compatEquityPtr()                  n f64 equity values
//     compatClosedColumn(c), c in 0..9   f64 columns of compatClosedCount() rows: size, entryBar, exitBar,
//                                        entryPrice, exitPrice, sl, tp, pnl, returnPct, commissions
//     compatOpenColumn(c), c in 0..4     f64 columns of compatOpenCount() rows: size, entryBar, entryPrice, sl, tp
//     compatNoteCount(), compatNoteColumn(c), c in 0..2: kind, bar, value
//     compatFirstTradingBar(), compatStartBar(), compatCash(), compatOutOfMoney()
//   After a failed run: compatErrorCode(), compatErrorValue(k), k in 0..2 (the numbers of the message).
import { equity } from "./broker";
import { errorA, errorB, errorC, errorCode } from "./errors";
import { noteBar, noteCount, noteKind, noteValue } from "./notes";
import { closedTable, finalCash, firstTradingBar, openTable, outOfMoney, startBar } from "./result";

export { runCompat } from "./run";

export function compatEquityPtr(): usize {
  return changetype<usize>(equity);
}

export function compatClosedCount(): i32 {
  return closedTable.rows;
}

export function compatClosedColumn(column: i32): usize {
  return closedTable.columnPtr(column);
}

export function compatOpenCount(): i32 {
  return openTable.rows;
}

export function compatOpenColumn(column: i32): usize {
  return openTable.columnPtr(column);
}

export function compatNoteCount(): i32 {
  return noteCount;
}

export function compatNoteColumn(column: i32): usize {
  const col = column == 0 ? noteKind : column == 1 ? noteBar : noteValue;
  return changetype<usize>(col);
}

export function compatFirstTradingBar(): i32 {
  return firstTradingBar;
}

export function compatStartBar(): i32 {
  return startBar;
}

export function compatCash(): f64 {
  return finalCash;
}

export function compatOutOfMoney(): bool {
  return outOfMoney;
}

export function compatErrorCode(): i32 {
  return errorCode;
}

export function compatErrorValue(k: i32): f64 {
  return k == 0 ? errorA : k == 1 ? errorB : errorC;
}
