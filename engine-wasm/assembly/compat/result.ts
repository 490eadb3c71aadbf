// The tables a run leaves for the host, reused from run to run: closed trades in closing order and trades still
// open, one f64 column per numeric field of ClosedTradeRecord / OpenTradeRecord (src/core/compat/result.ts).
// Bars are whole numbers stored as f64; sl / tp are NaN where the record has null.
import { cash } from "./broker";
import { F64Table } from "./columns";
import { orders } from "./orders";
import { closedTrades, openTrades, trades } from "./trades";

export const CLOSED_SIZE: i32 = 0;
export const CLOSED_ENTRY_BAR: i32 = 1;
export const CLOSED_EXIT_BAR: i32 = 2;
export const CLOSED_ENTRY_PRICE: i32 = 3;
export const CLOSED_EXIT_PRICE: i32 = 4;
export const CLOSED_SL: i32 = 5;
export const CLOSED_TP: i32 = 6;
export const CLOSED_PNL: i32 = 7;
export const CLOSED_RETURN_PCT: i32 = 8;
export const CLOSED_COMMISSIONS: i32 = 9;
export const CLOSED_COLUMNS: i32 = 10;

export const OPEN_SIZE: i32 = 0;
export const OPEN_ENTRY_BAR: i32 = 1;
export const OPEN_ENTRY_PRICE: i32 = 2;
export const OPEN_SL: i32 = 3;
export const OPEN_TP: i32 = 4;
export const OPEN_COLUMNS: i32 = 5;

export const closedTable = new F64Table(CLOSED_COLUMNS);
export const openTable = new F64Table(OPEN_COLUMNS);

export let firstTradingBar: i32 = 0;
export let startBar: i32 = 0;
export let outOfMoney: bool = false;
export let finalCash: f64 = 0;

/** Empty the tables, so that a failed run leaves no stale rows behind. */
export function clearResult(): void {
  closedTable.rows = 0;
  openTable.rows = 0;
}

export function setRunSummary(first: i32, start: i32, broke: bool): void {
  firstTradingBar = first;
  startBar = start;
  outOfMoney = broke;
  finalCash = cash;
}

/** The trade's stop-loss price as the reference's `trade.sl` reads it after the run (NaN if none). */
@inline function slOf(t: i32): f64 {
  const o = unchecked(trades.slOrder[t]);
  return o < 0 ? NaN : unchecked(orders.stop[o]);
}

@inline function tpOf(t: i32): f64 {
  const o = unchecked(trades.tpOrder[t]);
  return o < 0 ? NaN : unchecked(orders.limit[o]);
}

/** Fill both tables from the finished run; returns the number of closed trades. */
export function buildResult(): i32 {
  const nc = closedTrades.length;
  closedTable.reset(nc);
  for (let r = 0; r < nc; r++) {
    const t = closedTrades.at(r);
    const exit = unchecked(trades.exitPrice[t]);
    closedTable.set(CLOSED_SIZE, r, unchecked(trades.size[t]));
    closedTable.set(CLOSED_ENTRY_BAR, r, <f64>unchecked(trades.entryBar[t]));
    closedTable.set(CLOSED_EXIT_BAR, r, <f64>unchecked(trades.exitBar[t]));
    closedTable.set(CLOSED_ENTRY_PRICE, r, unchecked(trades.entryPrice[t]));
    closedTable.set(CLOSED_EXIT_PRICE, r, exit);
    closedTable.set(CLOSED_SL, r, slOf(t));
    closedTable.set(CLOSED_TP, r, tpOf(t));
    closedTable.set(CLOSED_PNL, r, trades.plAt(t, exit));
    closedTable.set(CLOSED_RETURN_PCT, r, trades.plPctAt(t, exit));
    closedTable.set(CLOSED_COMMISSIONS, r, unchecked(trades.commissions[t]));
  }
  const no = openTrades.length;
  openTable.reset(no);
  for (let r = 0; r < no; r++) {
    const t = openTrades.at(r);
    openTable.set(OPEN_SIZE, r, unchecked(trades.size[t]));
    openTable.set(OPEN_ENTRY_BAR, r, <f64>unchecked(trades.entryBar[t]));
    openTable.set(OPEN_ENTRY_PRICE, r, unchecked(trades.entryPrice[t]));
    openTable.set(OPEN_SL, r, slOf(t));
    openTable.set(OPEN_TP, r, tpOf(t));
  }
  return nc;
}
