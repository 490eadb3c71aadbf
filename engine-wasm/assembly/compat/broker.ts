// The simulated broker of the backtesting.py profile: the AssemblyScript port of src/core/compat/broker.ts.
//
// Every rule, every quirk and every floating-point expression (operands and evaluation order) is the
// reference's, so sizes, fills and equity come out bit-identical. Read that file for the reasons behind the
// rules; comments here only mark where the port differs in form (slots instead of objects, error records
// instead of throws). One broker per engine instance: the state is module-level and reset by `brokerReset`.
import { barCount, closeAt, closeColumn, highAt, lowAt, openAt } from "./bars";
import { IdList, withLength } from "./columns";
import {
  fail, failed, ERR_BRACKET_PRICE, ERR_LONG_BOUNDS, ERR_ORDER_NOT_PENDING, ERR_ORDER_SIZE, ERR_PORTION,
  ERR_SHORT_BOUNDS, ERR_TRADE_NOT_OPEN,
} from "./errors";
import { addNote, clearNotes, NOTE_BRACKET_DEFERRED, NOTE_INSUFFICIENT_MARGIN, NOTE_RELATIVE_SIZE_TOO_SMALL } from "./notes";
import { orders, queue, queuePushBack, queuePushFront, queueRemove } from "./orders";
import { copysign, floorDiv, isSet, priceOrNaN, roundHalfEven } from "./pymath";
import { closedTrades, openTrades, trades } from "./trades";

/** Index of the bar being processed. */
export let barIndex: i32 = -1;
export let cash: f64 = 0;
/** Account equity at each bar's close, from the first bar the broker runs on. */
export let equity: StaticArray<f64> = new StaticArray<f64>(0);

let spread: f64 = 0;
let leverage: f64 = 1;
let commissionFixed: f64 = 0;
let commissionRelative: f64 = 0;
let tradeOnClose: bool = false;
let hedging: bool = false;
let exclusiveOrders: bool = false;

const orderScratch = new IdList();
const tradeScratch = new IdList();

export function brokerReset(
  n: i32, startCash: f64, fixed: f64, relative: f64, spreadFraction: f64, margin: f64,
  onClose: bool, hedge: bool, exclusive: bool,
): void {
  barIndex = -1;
  cash = startCash;
  spread = spreadFraction;
  leverage = 1 / margin;
  commissionFixed = fixed;
  commissionRelative = relative;
  tradeOnClose = onClose;
  hedging = hedge;
  exclusiveOrders = exclusive;
  // Not pre-filled with NaN: the run writes every bar from its start bar on, and fills the bars before it.
  equityColumn(n);
  equityHadNaN = false;
  orders.reset();
  queue.clear();
  trades.reset();
  openTrades.clear();
  closedTrades.clear();
  positionChanged();
  clearNotes();
}

/**
 * The engine's one per-bar equity buffer, at least `n` values: the backtester's, and lent to the SMA kernel for its
 * output, so a process running both touches one buffer of pages, not two. Returns its address.
 */
export function equityColumn(n: i32): usize {
  equity = withLength<f64>(equity, n);
  return changetype<usize>(equity);
}

// ---- account ----------------------------------------------------------------------------------------------

@inline export function lastPrice(): f64 {
  return closeAt(barIndex);
}

@inline function commission(size: f64, price: f64): f64 {
  return commissionFixed + Math.abs(size) * price * commissionRelative;
}

@inline function adjustedPrice(size: f64, price: f64): f64 {
  return price * (1 + copysign(spread, size));
}

// The position's size and entry value (the reference's two sums over open trades) change only when a trade opens,
// closes or shrinks, so they are summed then, not on every bar: the same terms in the same order, the same bits.
let positionStale: bool = true;
let positionUnits: f64 = 0;
let positionPaid: f64 = 0;

@inline function positionChanged(): void {
  positionStale = true;
}

function sumPosition(): void {
  let size: f64 = 0;
  let paid: f64 = 0;
  const items = openTrades.items;
  const sizes = trades.size;
  const entries = trades.entryPrice;
  for (let k = 0, m = openTrades.length; k < m; k++) {
    const t = unchecked(items[k]);
    const s = unchecked(sizes[t]);
    size += Math.trunc(s);
    paid += s * unchecked(entries[t]);
  }
  positionUnits = size;
  positionPaid = paid;
  positionStale = false;
}

export function positionSize(): f64 {
  if (positionStale) sumPosition();
  return positionUnits;
}

@inline function unrealizedPl(): f64 {
  if (positionStale) sumPosition();
  return lastPrice() * positionUnits - positionPaid;
}

export function currentEquity(): f64 {
  return cash + unrealizedPl();
}

function marginAvailable(): f64 {
  const last = lastPrice();
  let used: f64 = 0;
  for (let k = 0, m = openTrades.length; k < m; k++) {
    used += (Math.abs(unchecked(trades.size[openTrades.at(k)])) * last) / leverage;
  }
  const free = currentEquity() - used;
  return free > 0 ? free : 0;
}

/** A stop-loss or take-profit bracket of a live trade (not an order that merely closes it). */
export function isContingent(o: i32): bool {
  const p = unchecked(orders.parent[o]);
  return p >= 0 && (unchecked(trades.slOrder[p]) == o || unchecked(trades.tpOrder[p]) == o);
}

// ---- order placement (strategy side) ----------------------------------------------------------------------

/**
 * Place an order (reference `newOrder`); prices NaN when not set, `parent` -1 except for brackets. Returns the
 * order slot, or -1 with the error recorded where the reference throws.
 */
export function newOrder(size: f64, limit: f64, stop: f64, sl: f64, tp: f64, parent: i32): i32 {
  limit = priceOrNaN(limit);
  stop = priceOrNaN(stop);
  sl = priceOrNaN(sl);
  tp = priceOrNaN(tp);
  const isLong = size > 0;
  const adjusted = adjustedPrice(size, lastPrice());
  const ref = isSet(limit) ? limit : isSet(stop) ? stop : adjusted;
  if (isLong) {
    if (!((isSet(sl) ? sl : -Infinity) < ref && ref < (isSet(tp) ? tp : Infinity))) {
      fail(ERR_LONG_BOUNDS, sl, ref, tp);
      return -1;
    }
  } else if (!((isSet(tp) ? tp : -Infinity) < ref && ref < (isSet(sl) ? sl : Infinity))) {
    fail(ERR_SHORT_BOUNDS, tp, ref, sl);
    return -1;
  }
  if (size == 0 || isNaN<f64>(size)) {
    fail(ERR_ORDER_SIZE, size);
    return -1;
  }
  const order = orders.create(size, limit, stop, sl, tp, parent);
  if (parent < 0 && exclusiveOrders) {
    // The reference cancels while iterating the same list, skipping the order after each cancelled one. Kept.
    for (let k = 0; k < queue.length; k++) {
      const o = queue.at(k);
      if (!isContingent(o)) {
        cancelOrder(o);
        if (failed()) return -1;
      }
    }
    for (let k = 0; k < openTrades.length; k++) {
      closeTradeLater(openTrades.at(k), 1);
      if (failed()) return -1;
    }
  }
  if (parent >= 0 && isSet(stop)) queuePushFront(order);
  else queuePushBack(order);
  return order;
}

export function cancelOrder(o: i32): void {
  if (!queueRemove(o)) {
    fail(ERR_ORDER_NOT_PENDING);
    return;
  }
  const t = unchecked(orders.parent[o]);
  if (t >= 0) {
    if (o == unchecked(trades.slOrder[t])) unchecked((trades.slOrder[t] = -1));
    else if (o == unchecked(trades.tpOrder[t])) unchecked((trades.tpOrder[t] = -1));
  }
}

/** Queue a market order closing `portion` of a trade (reference `closeTradeLater`); it is processed first. */
export function closeTradeLater(t: i32, portion: f64): void {
  if (!(portion > 0 && portion <= 1)) {
    fail(ERR_PORTION, portion);
    return;
  }
  const size = unchecked(trades.size[t]);
  const units = Math.max(1, Math.trunc(roundHalfEven(Math.abs(size) * portion)));
  const orderSize = copysign(units, -size);
  if (orderSize == 0 || isNaN<f64>(orderSize)) {
    fail(ERR_ORDER_SIZE, orderSize);
    return;
  }
  queuePushFront(orders.create(orderSize, NaN, NaN, NaN, NaN, t));
}

/** Set, move or (with NaN) remove a trade's stop-loss or take-profit (reference `setBracket`). */
function setBracket(t: i32, stopLoss: bool, price: f64): void {
  if (!(isNaN<f64>(price) || (price > 0 && price < Infinity))) {
    fail(ERR_BRACKET_PRICE, price);
    return;
  }
  const existing = stopLoss ? unchecked(trades.slOrder[t]) : unchecked(trades.tpOrder[t]);
  if (existing >= 0) {
    cancelOrder(existing);
    if (failed()) return;
  }
  if (isSet(price)) {
    const size = -unchecked(trades.size[t]);
    const order = stopLoss ? newOrder(size, NaN, price, NaN, NaN, t) : newOrder(size, price, NaN, NaN, NaN, t);
    if (order < 0) return;
    if (stopLoss) unchecked((trades.slOrder[t] = order));
    else unchecked((trades.tpOrder[t] = order));
  }
}

// ---- bar processing (broker side) -------------------------------------------------------------------------

/** Some recorded equity value was NaN (possible only with infinite prices); reset by brokerReset. */
export let equityHadNaN: bool = false;

/**
 * Process bar `i`: fill what can be filled, then record equity at the bar's close. Returns false when the
 * account is wiped out (equity <= 0) or an error was recorded; the caller tells the two apart with `failed()`.
 * Inlined into the run loop: on most bars nothing is pending and the position is unchanged, and all that is
 * left is the equity at the close (currentEquity's arithmetic, from the position's cached sums).
 */
@inline export function brokerNext(i: i32): bool {
  barIndex = i;
  let ok = true;
  if (queue.length != 0) {
    processOrders();
    if (failed()) ok = false;
  }
  if (ok) {
    if (positionStale) sumPosition();
    const eq = cash + (closeAt(i) * positionUnits - positionPaid);
    unchecked((equity[i] = eq));
    equityHadNaN = equityHadNaN | (eq != eq);
    if (eq <= 0) ok = wipeOut(i);
  }
  return ok;
}

/**
 * Bars [from, to) on which nothing is pending and the strategy does not act (the caller knows both): each one
 * only records the equity at its close, brokerNext's arithmetic with the position held in locals. Stops before a
 * bar whose equity is at or below zero, which brokerNext must process (the account is wiped out there); returns
 * that bar, or `to`.
 */
export function recordQuietBars(from: i32, to: i32): i32 {
  if (positionStale) sumPosition();
  const c = cash;
  const units = positionUnits;
  const paid = positionPaid;
  const eqAt = changetype<usize>(equity);
  const closes = closeColumn();
  // Two bars at a time while neither is wiped out (each lane the scalar expression below); then bar by bar.
  const cc = f64x2.splat(c);
  const uu = f64x2.splat(units);
  const pp = f64x2.splat(paid);
  const zero = f64x2.splat(0);
  let nans = i64x2.splat(0);
  let i = from;
  for (; i + 2 <= to; i += 2) {
    const at = <usize>i << 3;
    const eq = f64x2.add(cc, f64x2.sub(f64x2.mul(v128.load(closes + at), uu), pp));
    if (v128.any_true(f64x2.le(eq, zero))) break;
    v128.store(eqAt + at, eq);
    nans = v128.or(nans, f64x2.ne(eq, eq));
  }
  let nan = v128.any_true(nans);
  for (; i < to; i++) {
    const eq = c + (load<f64>(closes + (<usize>i << 3)) * units - paid);
    if (eq <= 0) break;
    store<f64>(eqAt + (<usize>i << 3), eq);
    nan = nan | (eq != eq);
  }
  equityHadNaN = equityHadNaN | nan;
  if (i > from) barIndex = i - 1;
  return i;
}

/** Equity at or below zero on bar `i`: close what is open at the close and end the run (returns false). */
function wipeOut(i: i32): bool {
  const last = lastPrice();
  // The reference closes while iterating the same list, which skips every other trade. Kept.
  for (let k = 0; k < openTrades.length; k++) {
    closeTrade(openTrades.at(k), last, i);
    if (failed()) return false;
  }
  cash = 0;
  for (let j = i; j < barCount; j++) unchecked((equity[j] = 0));
  return false;
}

function processOrders(): void {
  const i = barIndex;
  const open = openAt(i);
  const high = highAt(i);
  const low = lowAt(i);
  let again = true;
  while (again) {
    again = false;
    orderScratch.copyFrom(queue);
    const n = orderScratch.length;
    for (let k = 0; k < n; k++) {
      const order = orderScratch.at(k);
      if (!unchecked(orders.queued[order])) continue; // removed earlier in this pass
      const isLong = unchecked(orders.size[order]) > 0;
      const contingent = isContingent(order);

      const stopPrice = unchecked(orders.stop[order]);
      const hasStop = isSet(stopPrice);
      if (hasStop) {
        const stopHit = isLong ? high >= stopPrice : low <= stopPrice;
        if (!stopHit) continue;
        unchecked((orders.stop[order] = NaN));
      }

      let price: f64;
      const limit = unchecked(orders.limit[order]);
      const hasLimit = isSet(limit);
      if (hasLimit) {
        const limitHit = isLong ? low <= limit : high >= limit;
        const limitBeforeStop =
          limitHit && (isLong ? limit <= (hasStop ? stopPrice : -Infinity) : limit >= (hasStop ? stopPrice : Infinity));
        if (!limitHit || limitBeforeStop) continue;
        price = isLong ? Math.min(hasStop ? stopPrice : open, limit) : Math.max(hasStop ? stopPrice : open, limit);
      } else {
        price = tradeOnClose && !contingent ? closeAt(i - 1) : open;
        if (hasStop) price = isLong ? Math.max(price, stopPrice) : Math.min(price, stopPrice);
      }

      const isMarket = !hasLimit && !hasStop;
      const timeIndex = isMarket && tradeOnClose && !contingent ? i - 1 : i;

      const parent = unchecked(orders.parent[order]);
      if (parent >= 0) {
        const orderSize = unchecked(orders.size[order]);
        const size = copysign(Math.min(Math.abs(unchecked(trades.size[parent])), Math.abs(orderSize)), orderSize);
        if (unchecked(trades.active[parent])) {
          reduceTrade(parent, price, size, timeIndex);
          if (failed()) return;
          if (order == unchecked(trades.slOrder[parent])) unchecked((orders.stop[order] = stopPrice));
        }
        if (order != unchecked(trades.slOrder[parent]) && order != unchecked(trades.tpOrder[parent])) {
          if (!removeOrder(order)) return;
        }
        continue;
      }

      // A stand-alone order, sized including spread and commission per unit.
      const orderSize = unchecked(orders.size[order]);
      const adjusted = adjustedPrice(orderSize, price);
      const perUnit = adjusted + commission(orderSize, price) / Math.abs(orderSize);
      let size = orderSize;
      if (-1 < size && size < 1) {
        const units = floorDiv(marginAvailable() * leverage * Math.abs(size), perUnit);
        if (failed()) return;
        size = copysign(Math.trunc(units), size);
        if (size == 0) {
          addNote(NOTE_RELATIVE_SIZE_TOO_SMALL, i, NaN);
          if (!removeOrder(order)) return;
          continue;
        }
      }
      let needSize = Math.trunc(size);

      if (!hedging) {
        tradeScratch.copyFrom(openTrades);
        const tn = tradeScratch.length;
        for (let k2 = 0; k2 < tn; k2++) {
          const trade = tradeScratch.at(k2);
          const tradeSize = unchecked(trades.size[trade]);
          if ((tradeSize > 0) == isLong) continue;
          if (Math.abs(needSize) >= Math.abs(tradeSize)) {
            closeTrade(trade, price, timeIndex);
            needSize += unchecked(trades.size[trade]);
          } else {
            reduceTrade(trade, price, needSize, timeIndex);
            needSize = 0;
          }
          if (failed()) return;
          if (needSize == 0) break;
        }
      }

      if (Math.abs(needSize) * perUnit > marginAvailable() * leverage) {
        addNote(NOTE_INSUFFICIENT_MARGIN, i, needSize);
        if (!removeOrder(order)) return;
        continue;
      }

      if (needSize != 0) {
        openTrade(adjusted, needSize, unchecked(orders.sl[order]), unchecked(orders.tp[order]), timeIndex);
        if (failed()) return;
        const sl = unchecked(orders.sl[order]);
        const tp = unchecked(orders.tp[order]);
        if (isSet(sl) || isSet(tp)) {
          if (isMarket) {
            again = true;
          } else if (
            hasStop && !hasLimit && isSet(tp) &&
            ((isLong && tp <= high && (isSet(sl) ? sl : -Infinity) < low) ||
              (!isLong && tp >= low && (isSet(sl) ? sl : Infinity) > high))
          ) {
            again = true;
          } else if ((low <= (isSet(sl) ? sl : -Infinity) && sl <= high) || (low <= (isSet(tp) ? tp : -Infinity) && tp <= high)) {
            addNote(NOTE_BRACKET_DEFERRED, i, NaN);
          }
        }
      }
      if (!removeOrder(order)) return;
    }
  }
}

/** Remove a pending order, recording the reference's error when it is not pending. */
function removeOrder(o: i32): bool {
  if (queueRemove(o)) return true;
  fail(ERR_ORDER_NOT_PENDING);
  return false;
}

/** Close `size` (signed against the trade) units of a trade; a partial close books a split-off copy. */
function reduceTrade(t: i32, price: f64, size: f64, timeIndex: i32): void {
  const left = unchecked(trades.size[t]) + size;
  let closing: i32;
  if (left == 0) {
    closing = t;
  } else {
    unchecked((trades.size[t] = left));
    positionChanged();
    const sl = unchecked(trades.slOrder[t]);
    const tp = unchecked(trades.tpOrder[t]);
    if (sl >= 0) unchecked((orders.size[sl] = -left));
    if (tp >= 0) unchecked((orders.size[tp] = -left));
    closing = trades.splitOff(t, -size);
    unchecked((trades.active[closing] = true));
    openTrades.push(closing);
    positionChanged();
  }
  closeTrade(closing, price, timeIndex);
}

function closeTrade(t: i32, price: f64, timeIndex: i32): void {
  const k = openTrades.indexOf(t);
  if (k < 0) {
    fail(ERR_TRADE_NOT_OPEN);
    return;
  }
  openTrades.removeAt(k);
  positionChanged();
  unchecked((trades.active[t] = false));
  const sl = unchecked(trades.slOrder[t]);
  const tp = unchecked(trades.tpOrder[t]);
  if (sl >= 0 && unchecked(orders.queued[sl])) queueRemove(sl);
  if (tp >= 0 && unchecked(orders.queued[tp])) queueRemove(tp);
  unchecked((trades.exitPrice[t] = price));
  unchecked((trades.exitBar[t] = timeIndex));
  closedTrades.push(t);
  const size = unchecked(trades.size[t]);
  const exitCommission = commission(size, price);
  cash += trades.plAt(t, price) - exitCommission;
  // Entry commission is recomputed for the (possibly reduced) size, as the reference does.
  unchecked((trades.commissions[t] = exitCommission + commission(size, unchecked(trades.entryPrice[t]))));
}

function openTrade(price: f64, size: f64, sl: f64, tp: f64, timeIndex: i32): void {
  const t = trades.create(size, price, timeIndex);
  unchecked((trades.active[t] = true));
  openTrades.push(t);
  positionChanged();
  cash -= commission(size, price);
  if (isSet(tp)) {
    setBracket(t, false, tp);
    if (failed()) return;
  }
  if (isSet(sl)) setBracket(t, true, sl);
}
