import type { Bars } from './bars';
import type { BacktestOptions } from './options';
import { Order, OrderQueue } from './orders';
import { copysign, floorDiv, isSet, priceOrNaN, roundHalfEven } from './pymath';
import { Trade } from './trades';

/**
 * The simulated broker of the backtesting.py profile (its `_Broker`), for one instrument.
 *
 * Every rule below follows backtesting.py's source, including its evaluation order of floating-point
 * expressions, so that sizes, fills and equity come out identical. Where backtesting.py behaves oddly (it
 * iterates Python lists while removing from them), the oddity is kept and marked: compatibility is the point
 * of this profile.
 *
 * The per-bar path (`next`) allocates nothing unless an order fills; scratch arrays are reused.
 */
export class Broker {
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;

  /** Index of the bar being processed. */
  i: number = -1;
  cash: number;
  readonly equity: Float64Array;
  readonly orders: OrderQueue = new OrderQueue();
  /** Open trades, in the order they were opened. */
  readonly trades: Trade[] = [];
  /** Closed trades, in the order they were closed. */
  readonly closedTrades: Trade[] = [];
  /** Human-readable notes for orders the broker cancelled (backtesting.py emits warnings). */
  readonly notes: string[] = [];

  private readonly spread: number;
  private readonly leverage: number;
  private readonly commissionFixed: number;
  private readonly commissionRelative: number;
  private readonly tradeOnClose: boolean;
  private readonly hedging: boolean;
  private readonly exclusiveOrders: boolean;

  private readonly orderScratch: Order[] = [];
  private readonly tradeScratch: Trade[] = [];

  constructor(bars: Bars, options: BacktestOptions) {
    this.open = bars.open;
    this.high = bars.high;
    this.low = bars.low;
    this.close = bars.close;
    this.cash = options.cash;
    this.spread = options.spread;
    this.leverage = 1 / options.margin;
    this.commissionFixed = options.commission.fixed;
    this.commissionRelative = options.commission.relative;
    this.tradeOnClose = options.tradeOnClose;
    this.hedging = options.hedging;
    this.exclusiveOrders = options.exclusiveOrders;
    this.equity = new Float64Array(bars.close.length).fill(NaN);
  }

  // ---- account ----------------------------------------------------------------------------------------------

  /** Close of the current bar: the price open trades are marked at. */
  lastPrice(): number {
    return this.close[this.i];
  }

  commission(size: number, price: number): number {
    return this.commissionFixed + Math.abs(size) * price * this.commissionRelative;
  }

  /** Entry price after the spread: a fraction higher for longs, lower for shorts. */
  adjustedPrice(size: number, price: number): number {
    return price * (1 + copysign(this.spread, size));
  }

  positionSize(): number {
    let s = 0;
    for (let k = 0; k < this.trades.length; k++) s += Math.trunc(this.trades[k].size);
    return s;
  }

  unrealizedPl(): number {
    let paid = 0;
    for (let k = 0; k < this.trades.length; k++) paid += this.trades[k].size * this.trades[k].entryPrice;
    return this.lastPrice() * this.positionSize() - paid;
  }

  currentEquity(): number {
    return this.cash + this.unrealizedPl();
  }

  marginAvailable(): number {
    const last = this.lastPrice();
    let used = 0;
    for (let k = 0; k < this.trades.length; k++) used += (Math.abs(this.trades[k].size) * last) / this.leverage;
    const free = this.currentEquity() - used;
    return free > 0 ? free : 0;
  }

  // ---- order placement (strategy side) --------------------------------------------------------------------

  /**
   * Place an order (backtesting.py `_Broker.new_order`). `size` is signed; prices NaN when not set. `parent` is
   * given only for the stop-loss / take-profit orders of a trade.
   */
  newOrder(size: number, limit: number, stop: number, sl: number, tp: number, tag: string | null, parent: Trade | null): Order {
    limit = priceOrNaN(limit);
    stop = priceOrNaN(stop);
    sl = priceOrNaN(sl);
    tp = priceOrNaN(tp);
    const isLong = size > 0;
    const adjusted = this.adjustedPrice(size, this.lastPrice());
    const ref = isSet(limit) ? limit : isSet(stop) ? stop : adjusted;
    if (isLong) {
      if (!((isSet(sl) ? sl : -Infinity) < ref && ref < (isSet(tp) ? tp : Infinity))) {
        throw new RangeError(`long orders require SL (${sl}) < LIMIT (${ref}) < TP (${tp})`);
      }
    } else if (!((isSet(tp) ? tp : -Infinity) < ref && ref < (isSet(sl) ? sl : Infinity))) {
      throw new RangeError(`short orders require TP (${tp}) < LIMIT (${ref}) < SL (${sl})`);
    }
    const order = new Order(size, limit, stop, sl, tp, parent, tag);
    if (parent === null && this.exclusiveOrders) {
      // backtesting.py cancels while iterating the same list, so the order right after each cancelled one
      // is skipped. Kept on purpose.
      for (let k = 0; k < this.orders.length; k++) {
        const o = this.orders.at(k);
        if (!o.isContingent) this.cancelOrder(o);
      }
      for (let k = 0; k < this.trades.length; k++) this.closeTradeLater(this.trades[k], 1);
    }
    // Stop-losses go first so that, of a bracket hit within one bar, the stop-loss wins.
    if (parent !== null && isSet(stop)) this.orders.pushFront(order);
    else this.orders.pushBack(order);
    return order;
  }

  cancelOrder(order: Order): void {
    this.orders.remove(order);
    const t = order.parent;
    if (t !== null) {
      if (order === t.slOrder) t.slOrder = null;
      else if (order === t.tpOrder) t.tpOrder = null;
    }
  }

  /** Queue a market order closing `portion` of a trade (backtesting.py `Trade.close`); it is processed first. */
  closeTradeLater(trade: Trade, portion: number): void {
    if (!(portion > 0 && portion <= 1)) throw new RangeError(`portion must be in (0, 1], got ${portion}`);
    const units = Math.max(1, Math.trunc(roundHalfEven(Math.abs(trade.size) * portion)));
    const order = new Order(copysign(units, -trade.size), NaN, NaN, NaN, NaN, trade, trade.tag);
    this.orders.pushFront(order);
  }

  /** Set, move or (with NaN) remove a trade's stop-loss or take-profit (backtesting.py `Trade.sl = …`). */
  setBracket(trade: Trade, stopLoss: boolean, price: number): void {
    if (!(Number.isNaN(price) || (price > 0 && price < Infinity))) throw new RangeError(`bracket price must be in (0, inf), got ${price}`);
    const existing = stopLoss ? trade.slOrder : trade.tpOrder;
    if (existing !== null) this.cancelOrder(existing);
    if (isSet(price)) {
      const order = stopLoss
        ? this.newOrder(-trade.size, NaN, price, NaN, NaN, trade.tag, trade)
        : this.newOrder(-trade.size, price, NaN, NaN, NaN, trade.tag, trade);
      if (stopLoss) trade.slOrder = order;
      else trade.tpOrder = order;
    }
  }

  // ---- bar processing (broker side) -----------------------------------------------------------------------

  /**
   * Process bar `i`: fill what can be filled, then record equity at the bar's close. Returns false when the
   * account is wiped out (equity <= 0): trades are liquidated, equity is zero from here on, the run stops.
   */
  next(i: number): boolean {
    this.i = i;
    this.processOrders();
    const eq = this.currentEquity();
    this.equity[i] = eq;
    if (eq <= 0) {
      const last = this.lastPrice();
      // backtesting.py closes while iterating the same list, which skips every other trade. Kept on purpose.
      for (let k = 0; k < this.trades.length; k++) this.closeTrade(this.trades[k], last, i);
      this.cash = 0;
      this.equity.fill(0, i);
      return false;
    }
    return true;
  }

  private processOrders(): void {
    const i = this.i;
    const open = this.open[i];
    const high = this.high[i];
    const low = this.low[i];
    const scratch = this.orderScratch;
    let again = true;
    while (again) {
      again = false;
      const n = this.orders.snapshotInto(scratch);
      for (let k = 0; k < n; k++) {
        const order = scratch[k];
        if (!order.queued) continue; // removed earlier in this pass (e.g. the other leg of an OCO bracket)
        const isLong = order.size > 0;
        const contingent = order.isContingent;

        // A stop order becomes a market / limit order once its stop price is touched; the stop is consumed.
        const stopPrice = order.stop;
        const hasStop = isSet(stopPrice);
        if (hasStop) {
          const stopHit = isLong ? high >= stopPrice : low <= stopPrice;
          if (!stopHit) continue;
          order.stop = NaN;
        }

        let price: number;
        const limit = order.limit;
        const hasLimit = isSet(limit);
        if (hasLimit) {
          const limitHit = isLong ? low <= limit : high >= limit;
          // Stop and limit both inside this bar: pessimistically assume the limit came first, i.e. before
          // the order was live, so it does not fill on this bar.
          const limitBeforeStop = limitHit && (isLong ? limit <= (hasStop ? stopPrice : -Infinity) : limit >= (hasStop ? stopPrice : Infinity));
          if (!limitHit || limitBeforeStop) continue;
          price = isLong ? Math.min(hasStop ? stopPrice : open, limit) : Math.max(hasStop ? stopPrice : open, limit);
        } else {
          // Market (or triggered stop-market). Brackets always fill from the open, even with trade-on-close.
          price = this.tradeOnClose && !contingent ? this.close[i - 1] : open;
          if (hasStop) price = isLong ? Math.max(price, stopPrice) : Math.min(price, stopPrice);
        }

        const isMarket = !hasLimit && !hasStop;
        const timeIndex = isMarket && this.tradeOnClose && !contingent ? i - 1 : i;

        const parent = order.parent;
        if (parent !== null) {
          // A bracket or close order: reduce / close the trade it belongs to.
          const size = copysign(Math.min(Math.abs(parent.size), Math.abs(order.size)), order.size);
          if (parent.active) {
            this.reduceTrade(parent, price, size, timeIndex);
            // Keep the stop-loss price on record for the trade list even when the bar gapped through it.
            if (order === parent.slOrder) order.stop = stopPrice;
          }
          if (order !== parent.slOrder && order !== parent.tpOrder) this.orders.remove(order);
          continue;
        }

        // A stand-alone order. Size it including spread and commission per unit.
        const adjusted = this.adjustedPrice(order.size, price);
        const perUnit = adjusted + this.commission(order.size, price) / Math.abs(order.size);
        let size = order.size;
        if (-1 < size && size < 1) {
          size = copysign(Math.trunc(floorDiv(this.marginAvailable() * this.leverage * Math.abs(size), perUnit)), size);
          if (size === 0) {
            this.notes.push(`bar ${i}: relative-sized order cancelled, not enough margin for one unit`);
            this.orders.remove(order);
            continue;
          }
        }
        let needSize = Math.trunc(size);

        if (!this.hedging) {
          // Net against opposite trades first, oldest first, at the unadjusted price.
          const tn = this.snapshotTrades();
          for (let k2 = 0; k2 < tn; k2++) {
            const trade = this.tradeScratch[k2];
            if (trade.isLong === isLong) continue;
            if (Math.abs(needSize) >= Math.abs(trade.size)) {
              this.closeTrade(trade, price, timeIndex);
              needSize += trade.size;
            } else {
              this.reduceTrade(trade, price, needSize, timeIndex);
              needSize = 0;
            }
            if (needSize === 0) break;
          }
        }

        if (Math.abs(needSize) * perUnit > this.marginAvailable() * this.leverage) {
          this.notes.push(`bar ${i}: order of ${needSize} units cancelled, insufficient margin`);
          this.orders.remove(order);
          continue;
        }

        if (needSize !== 0) {
          this.openTrade(adjusted, needSize, order.sl, order.tp, timeIndex, order.tag);
          const sl = order.sl;
          const tp = order.tp;
          if (isSet(sl) || isSet(tp)) {
            if (isMarket) {
              // Let the new brackets act on this same bar.
              again = true;
            } else if (
              hasStop &&
              !hasLimit &&
              isSet(tp) &&
              ((isLong && tp <= high && (isSet(sl) ? sl : -Infinity) < low) || (!isLong && tp >= low && (isSet(sl) ? sl : Infinity) > high))
            ) {
              // Stop entry and take-profit on the same bar, stop-loss untouched: unambiguous.
              again = true;
            } else if ((low <= (isSet(sl) ? sl : -Infinity) && sl <= high) || (low <= (isSet(tp) ? tp : -Infinity) && tp <= high)) {
              this.notes.push(`bar ${i}: a bracket of a stop/limit entry would fill on the entry bar; deferred to the next bar`);
            }
          }
        }
        this.orders.remove(order);
      }
    }
    scratch.length = 0;
  }

  private snapshotTrades(): number {
    const out = this.tradeScratch;
    const n = this.trades.length;
    for (let k = 0; k < n; k++) out[k] = this.trades[k];
    out.length = n;
    return n;
  }

  /** Close `size` (signed against the trade) units of a trade; a partial close books a split-off copy. */
  private reduceTrade(trade: Trade, price: number, size: number, timeIndex: number): void {
    const left = trade.size + size;
    let closing: Trade;
    if (left === 0) {
      closing = trade;
    } else {
      trade.size = left;
      if (trade.slOrder !== null) trade.slOrder.size = -trade.size;
      if (trade.tpOrder !== null) trade.tpOrder.size = -trade.size;
      closing = trade.splitOff(-size);
      closing.active = true;
      this.trades.push(closing);
    }
    this.closeTrade(closing, price, timeIndex);
  }

  private closeTrade(trade: Trade, price: number, timeIndex: number): void {
    const k = this.trades.indexOf(trade);
    if (k < 0) throw new Error('trade is not open');
    this.trades.splice(k, 1);
    trade.active = false;
    if (trade.slOrder !== null && trade.slOrder.queued) this.orders.remove(trade.slOrder);
    if (trade.tpOrder !== null && trade.tpOrder.queued) this.orders.remove(trade.tpOrder);
    trade.exitPrice = price;
    trade.exitBar = timeIndex;
    this.closedTrades.push(trade);
    const exitCommission = this.commission(trade.size, price);
    this.cash += trade.plAt(price) - exitCommission;
    // Entry commission is recomputed for the (possibly reduced) size, as backtesting.py does.
    trade.commissions = exitCommission + this.commission(trade.size, trade.entryPrice);
  }

  private openTrade(price: number, size: number, sl: number, tp: number, timeIndex: number, tag: string | null): void {
    const trade = new Trade(size, price, timeIndex, tag);
    trade.active = true;
    this.trades.push(trade);
    this.cash -= this.commission(size, price);
    if (isSet(tp)) this.setBracket(trade, false, tp);
    if (isSet(sl)) this.setBracket(trade, true, sl);
  }
}
