// One backtest run: the port of runBacktest (src/core/backtest/run.ts). Indicators are declared by the strategy's
// init; from the bar after the warm-up on, each bar lets the broker fill pending orders and record equity, then
// calls the strategy, whose orders fill on later bars. Results are left in reusable tables (result.ts).
import { setBars } from "./bars";
import { brokerNext, brokerReset, cash, closeTradeLater, equity } from "./broker";
import { clearError, errorCode, fail, failed, ERR_BAD_ARGUMENTS, ERR_BAD_PARAMS, ERR_UNKNOWN_STRATEGY } from "./errors";
import { registryReset, warmupBars } from "./indicators";
import { buildResult, clearResult, setRunSummary } from "./result";
import { isKnownStrategy, strategyInit, strategyNext } from "./strategies";
import { openTrades } from "./trades";

/** Layout of the options block (f64 each); flags are 0 or 1. */
export const OPT_CASH: i32 = 0;
export const OPT_COMMISSION_FIXED: i32 = 1;
export const OPT_COMMISSION_RELATIVE: i32 = 2;
export const OPT_SPREAD: i32 = 3;
export const OPT_MARGIN: i32 = 4;
export const OPT_TRADE_ON_CLOSE: i32 = 5;
export const OPT_HEDGING: i32 = 6;
export const OPT_EXCLUSIVE_ORDERS: i32 = 7;
export const OPT_FINALIZE_TRADES: i32 = 8;
export const OPTION_COUNT: i32 = 9;

@inline function option(ptr: usize, k: i32): f64 {
  return load<f64>(ptr + (<usize>k << 3));
}

/**
 * Run strategy `strategyId` with `nParams` f64 parameters at `paramsPtr` over `n` bars at `dataPtr` (open, high,
 * low, close, volume, each `n` f64), with the options block at `optionsPtr`. Returns the number of closed
 * trades, or a negative error code (see errors.ts) where the reference would throw.
 */
export function runCompat(dataPtr: usize, n: i32, optionsPtr: usize, strategyId: i32, paramsPtr: usize, nParams: i32): i32 {
  clearError();
  clearResult();
  const startCash = option(optionsPtr, OPT_CASH);
  const margin = option(optionsPtr, OPT_MARGIN);
  if (n <= 0 || !(startCash > 0) || !(margin > 0 && margin <= 1) || nParams < 0) {
    fail(ERR_BAD_ARGUMENTS);
    return -errorCode;
  }
  if (!isKnownStrategy(strategyId)) {
    fail(ERR_UNKNOWN_STRATEGY, <f64>strategyId);
    return -errorCode;
  }
  setBars(dataPtr, n);
  brokerReset(
    n, startCash, option(optionsPtr, OPT_COMMISSION_FIXED), option(optionsPtr, OPT_COMMISSION_RELATIVE),
    option(optionsPtr, OPT_SPREAD), margin,
    option(optionsPtr, OPT_TRADE_ON_CLOSE) != 0, option(optionsPtr, OPT_HEDGING) != 0,
    option(optionsPtr, OPT_EXCLUSIVE_ORDERS) != 0,
  );
  registryReset(n);
  if (!strategyInit(strategyId, paramsPtr, nParams, n)) {
    fail(ERR_BAD_PARAMS);
    return -errorCode;
  }
  const firstTradingBar = warmupBars();
  // +1: a strategy's `next` needs the previous bar too (e.g. for a crossover).
  const startBar = 1 + firstTradingBar;

  let outOfMoney = false;
  for (let i = startBar; i < n; i++) {
    if (!brokerNext(i)) {
      if (failed()) return -errorCode;
      outOfMoney = true;
      break;
    }
    strategyNext(strategyId, i);
    if (failed()) return -errorCode;
  }

  if (!outOfMoney && option(optionsPtr, OPT_FINALIZE_TRADES) != 0) {
    // Queue closes for what is open, then run the broker once more on the last bar (as the reference does).
    for (let k = openTrades.length - 1; k >= 0; k--) {
      closeTradeLater(openTrades.at(k), 1);
      if (failed()) return -errorCode;
    }
    if (startBar < n) {
      brokerNext(n - 1);
      if (failed()) return -errorCode;
    }
  }

  // Bars before the first recorded value take that value (pandas bfill); anything left is the cash. Every bar
  // from `startBar` on was written by the broker (an out-of-money stop writes zeros to the end), so only the bars
  // before it are unset; one backward pass then does the reference's bfill-then-cash, including for NaN equity
  // values (from infinite prices): a NaN takes the next value, and a NaN tail the cash.
  for (let i = 0, m = startBar < n ? startBar : n; i < m; i++) unchecked((equity[i] = NaN));
  let next = cash;
  for (let i = n - 1; i >= 0; i--) {
    const v = unchecked(equity[i]);
    if (isNaN<f64>(v)) unchecked((equity[i] = next));
    else next = v;
  }

  setRunSummary(firstTradingBar, startBar, outOfMoney);
  return buildResult();
}
