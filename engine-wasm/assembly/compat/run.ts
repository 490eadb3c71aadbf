// One backtest run: the port of runBacktest (src/core/compat/run.ts). Indicators are declared by the strategy's
// init; from the bar after the warm-up on, each bar lets the broker fill pending orders and record equity, then
// calls the strategy, whose orders fill on later bars. Results are left in reusable tables (result.ts).
import { barCount, setBars } from "./bars";
import { brokerNext, brokerReset, cash, closeTradeLater, equity, equityHadNaN, recordQuietBars } from "./broker";
import { queue } from "./orders";
import { clearError, errorCode, fail, failed, ERR_BAD_ARGUMENTS, ERR_BAD_PARAMS, ERR_UNKNOWN_STRATEGY } from "./errors";
import { registryReset, warmupBars } from "./indicators";
import { seriesCacheActive } from "./series-cache";
import { buildResult, clearResult, setRunSummary } from "./result";
import { isKnownStrategy, strategyInit, strategyNext, strategyNextSignal } from "./strategies";
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

/** The checks runCompat makes of its arguments before anything else (ERR_BAD_ARGUMENTS when they fail). */
export function validRunArguments(n: i32, optionsPtr: usize, nParams: i32): bool {
  const startCash = option(optionsPtr, OPT_CASH);
  const margin = option(optionsPtr, OPT_MARGIN);
  return n > 0 && startCash > 0 && margin > 0 && margin <= 1 && nParams >= 0;
}

/**
 * Run strategy `strategyId` with `nParams` f64 parameters at `paramsPtr` over `n` bars at `dataPtr` (open, high,
 * low, close, volume, each `n` f64), with the options block at `optionsPtr`. Returns the number of closed
 * trades, or a negative error code (see errors.ts) where the reference would throw.
 */
export function runCompat(dataPtr: usize, n: i32, optionsPtr: usize, strategyId: i32, paramsPtr: usize, nParams: i32): i32 {
  clearError();
  clearResult();
  if (!validRunArguments(n, optionsPtr, nParams)) {
    fail(ERR_BAD_ARGUMENTS);
    return -errorCode;
  }
  if (!isKnownStrategy(strategyId)) {
    fail(ERR_UNKNOWN_STRATEGY, <f64>strategyId);
    return -errorCode;
  }
  setBars(dataPtr, n);
  // These bars may not be a sweep's: indicators are computed afresh.
  seriesCacheActive(false);
  return runOnBars(optionsPtr, strategyId, paramsPtr, nParams);
}

/**
 * The run itself, over the bars already set (bars.ts), with arguments runCompat has validated. Also the entry of
 * a sweep, which sets its bars once and runs every combination through here.
 */
export function runOnBars(optionsPtr: usize, strategyId: i32, paramsPtr: usize, nParams: i32): i32 {
  clearError();
  clearResult();
  const n = barCount;
  brokerReset(
    n, option(optionsPtr, OPT_CASH), option(optionsPtr, OPT_COMMISSION_FIXED),
    option(optionsPtr, OPT_COMMISSION_RELATIVE), option(optionsPtr, OPT_SPREAD), option(optionsPtr, OPT_MARGIN),
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
  let i = startBar;
  while (i < n) {
    if (queue.length == 0) {
      // Nothing pending: until the strategy next acts, a bar only records the equity (or wipes the account out,
      // which brokerNext below then handles).
      i = recordQuietBars(i, strategyNextSignal(strategyId, i, n));
      if (i == n) break;
    }
    if (!brokerNext(i)) {
      if (failed()) return -errorCode;
      outOfMoney = true;
      break;
    }
    strategyNext(strategyId, i);
    if (failed()) return -errorCode;
    i++;
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
  // before it are unset. Unless the broker recorded a NaN (from infinite prices) they all take equity[startBar]
  // (the cash when no bar was run); otherwise one backward pass does the reference's bfill-then-cash: a NaN takes
  // the next value, and a NaN tail the cash.
  const warm = startBar < n ? startBar : n;
  if (!equityHadNaN) {
    const fill = startBar < n ? unchecked(equity[startBar]) : cash;
    for (let i = 0; i < warm; i++) unchecked((equity[i] = fill));
  } else {
    for (let i = 0; i < warm; i++) unchecked((equity[i] = NaN));
    let next = cash;
    for (let i = n - 1; i >= 0; i--) {
      const v = unchecked(equity[i]);
      if (isNaN<f64>(v)) unchecked((equity[i] = next));
      else next = v;
    }
  }

  setRunSummary(firstTradingBar, startBar, outOfMoney);
  return buildResult();
}
