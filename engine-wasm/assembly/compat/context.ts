// What a built-in strategy may do on a bar: the port of StrategyContext (src/core/compat/context.ts) minus
// the bar window and indicator lookups, which strategies read directly (bars.ts, indicator views).
import { cancelOrder, closeTradeLater, newOrder } from "./broker";
import { IdList } from "./columns";
import { fail, failed, ERR_ORDER_REQUEST_SIZE } from "./errors";
import { queue } from "./orders";
import { openTrades } from "./trades";

export { positionSize, currentEquity as equity, isContingent } from "./broker";

/** backtesting.py's default order size: "all of it", a hair below 1 so that it reads as a fraction. */
export const FULL_EQUITY: f64 = 1 - f64.EPSILON;

// Math.floor(x) == x is the same whole-number test as the reference's Math.round(x) === x for x >= 1.
function checkSize(size: f64): bool {
  if (!((size > 0 && size < 1) || (size >= 1 && Math.floor(size) == size))) {
    fail(ERR_ORDER_REQUEST_SIZE, size);
    return false;
  }
  return true;
}

/** Buy `size` (FULL_EQUITY for all); prices NaN when not given. Returns the order slot, -1 on error. */
export function buy(size: f64, limit: f64, stop: f64, sl: f64, tp: f64): i32 {
  if (!checkSize(size)) return -1;
  return newOrder(size, limit, stop, sl, tp, -1);
}

export function sell(size: f64, limit: f64, stop: f64, sl: f64, tp: f64): i32 {
  if (!checkSize(size)) return -1;
  return newOrder(-size, limit, stop, sl, tp, -1);
}

/** Close `portion` of every open trade at the next fill. */
export function closePosition(portion: f64): void {
  for (let k = 0; k < openTrades.length; k++) {
    closeTradeLater(openTrades.at(k), portion);
    if (failed()) return;
  }
}

export function openTradeCount(): i32 {
  return openTrades.length;
}

export function pendingOrderCount(): i32 {
  return queue.length;
}

const pendingCopy = new IdList();

/** A copy of the pending order slots, in processing order (valid until the next call). */
export function pendingOrders(): IdList {
  pendingCopy.copyFrom(queue);
  return pendingCopy;
}

export function cancel(order: i32): void {
  cancelOrder(order);
}
