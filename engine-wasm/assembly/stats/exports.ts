// Host ABI of the statistics (prefix `stats`). Everything is f64 in linear memory; layout.ts is the one place the
// output slot order and the trade column order are defined, and the host reads both name lists from here.
import { computeCompatStats } from "./compute";
import {
  COL_COMMISSIONS, COL_ENTRY_BAR, COL_ENTRY_TIME, COL_EXIT_BAR, COL_EXIT_TIME, COL_PNL, COL_RETURN_PCT,
  STATS_KEY_NAMES, STATS_SLOTS, TRADE_FIELD_NAMES, TRADE_FIELDS,
} from "./layout";
import { binKey, dataPeriodMs, periodsPerYear, resampleRule, PERIOD_DIFFS } from "./calendar";
import { logsInPlace } from "./logs";
import { workspace } from "./memory";

/**
 * backtesting.py's statistics table. equity, time, close: n f64 each; trades: statsTradeFields() columns of
 * nTrades f64 each, back to back, in the order of statsTradeFieldNames(); out: statsSlots() f64.
 * Returns 0, or -1 for invalid arguments. See compute.ts (which engine code calls directly, column by column).
 */
export function statsCompute(
  equityPtr: usize, timePtr: usize, closePtr: usize, n: i32, firstTradingBar: i32, riskFreeRate: f64,
  tradesPtr: usize, nTrades: i32, outPtr: usize,
): i32 {
  const col = (<usize>nTrades) << 3;
  return computeCompatStats(
    equityPtr, timePtr, closePtr, n, firstTradingBar, riskFreeRate, nTrades,
    tradesPtr + <usize>COL_ENTRY_BAR * col, tradesPtr + <usize>COL_EXIT_BAR * col, tradesPtr + <usize>COL_PNL * col,
    tradesPtr + <usize>COL_RETURN_PCT * col, tradesPtr + <usize>COL_COMMISSIONS * col,
    tradesPtr + <usize>COL_ENTRY_TIME * col, tradesPtr + <usize>COL_EXIT_TIME * col, outPtr,
  );
}

/**
 * The same table from trade columns anywhere in memory (e.g. the compat backtester's compatClosedColumn(c)), so a
 * run's trades need not be copied. entryTimePtr / exitTimePtr may be 0: times are then time[entryBar/exitBar].
 */
export function statsComputeColumns(
  equityPtr: usize, timePtr: usize, closePtr: usize, n: i32, firstTradingBar: i32, riskFreeRate: f64,
  nTrades: i32, entryBarPtr: usize, exitBarPtr: usize, pnlPtr: usize, returnPctPtr: usize, commissionsPtr: usize,
  entryTimePtr: usize, exitTimePtr: usize, outPtr: usize,
): i32 {
  return computeCompatStats(
    equityPtr, timePtr, closePtr, n, firstTradingBar, riskFreeRate, nTrades,
    entryBarPtr, exitBarPtr, pnlPtr, returnPctPtr, commissionsPtr, entryTimePtr, exitTimePtr, outPtr,
  );
}

/** Number of f64 slots statsCompute writes. */
export function statsSlots(): i32 {
  return STATS_SLOTS;
}

/** Number of f64 columns of the trades block. */
export function statsTradeFields(): i32 {
  return TRADE_FIELDS;
}

/** Address of the slot names (UTF-16, comma-separated, statsKeyNamesLength() code units). */
export function statsKeyNames(): usize {
  return changetype<usize>(STATS_KEY_NAMES);
}

export function statsKeyNamesLength(): i32 {
  return STATS_KEY_NAMES.length;
}

/** Address of the trade column names (UTF-16, comma-separated, statsTradeFieldNamesLength() code units). */
export function statsTradeFieldNames(): usize {
  return changetype<usize>(TRADE_FIELD_NAMES);
}

export function statsTradeFieldNamesLength(): i32 {
  return TRADE_FIELD_NAMES.length;
}

/** Periods per year the statistics annualise with, for these timestamps (n f64 at timePtr); for cross-checks. */
export function statsPeriodsPerYear(timePtr: usize, n: i32): f64 {
  return periodsPerYear(statsResampleRule(timePtr, n), timePtr, n);
}

/** Calendar bins the statistics take returns over (0 day, 1 week, 2 month, 3 year); for cross-checks. */
export function statsResampleRule(timePtr: usize, n: i32): i32 {
  return resampleRule(dataPeriodMs(timePtr, n, workspace(<usize>PERIOD_DIFFS << 3)));
}

/** Calendar bin key of a timestamp under a resample rule (0 day, 1 week, 2 month, 3 year); for cross-checks. */
export function statsBinKey(ms: f64, rule: i32): f64 {
  return binKey(ms, rule);
}

/** Replaces the n f64 at ptr by their natural logarithms as the statistics take them (logs.ts); for cross-checks. */
export function statsLogsInPlace(ptr: usize, n: i32): void {
  logsInPlace(ptr, n);
}
