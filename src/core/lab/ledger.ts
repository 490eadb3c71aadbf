import { ClosedTrades } from './closed-trades';
import { EndReason } from './codes';
import { FillLog } from './fill-log';
import type { OrderBook } from './order-book';
import { TradeBook } from './trade-book';

/**
 * The account: cash, signed positions (in lots), marks, open trades, closed trades and the fill log.
 *
 * Accounting rules:
 * - A fill of `units` at `price` changes cash by −side × units × price − commission (short sales credit cash).
 * - NAV = cash + Σ_k position_k × mark_k, summed in instrument order; mark_k is instrument k's last known
 *   close (a missing bar keeps the previous close). Flat instruments are skipped.
 * - Netting with FIFO trades: an order's fill first closes open trades of the opposite side on the same
 *   instrument, oldest first; what is left opens a trade (or extends the trade this order opened earlier).
 *   Long and short trades never coexist on one instrument. A trade's own exits close only that trade.
 * - A fill's commission is split over the trades it touches in proportion to lots; a trade's entry
 *   commission is charged to its closed-trade records in proportion to the lots each one closes.
 *
 * Risk rules (`riskCheck`, applied to fills that add exposure — a fill that only reduces a position is
 * never refused):
 * - allowShort false: a fill that would leave the position below zero is refused.
 * - Margin: after the fill, gross exposure × marginRatio must not exceed NAV, with the filled instrument
 *   marked at the fill price and the others at their marks. marginRatio 1 is a cash account (no leverage);
 *   0.5 allows gross exposure of 2 × NAV, and so on.
 */
export class Ledger {
  cash: number;
  readonly lots: Float64Array;
  readonly lotSize: Float64Array;
  readonly mark: Float64Array;
  readonly trades = new TradeBook();
  readonly closed = new ClosedTrades();
  readonly fills = new FillLog();

  constructor(cash: number, lotSize: Float64Array) {
    this.cash = cash;
    this.lotSize = lotSize;
    this.lots = new Float64Array(lotSize.length);
    this.mark = new Float64Array(lotSize.length).fill(NaN);
  }

  nav(): number {
    let v = this.cash;
    const K = this.lots.length;
    for (let k = 0; k < K; k++) {
      const q = this.lots[k];
      if (q !== 0) v += q * this.lotSize[k] * this.mark[k];
    }
    return v;
  }

  /** EndReason.None when the fill may proceed, else why it is refused. */
  riskCheck(k: number, side: number, lots: number, price: number, commission: number, marginRatio: number, allowShort: boolean): number {
    const old = this.lots[k];
    if (old * side < 0 && lots <= (old < 0 ? -old : old)) return EndReason.None;
    const next = old + side * lots;
    if (!allowShort && next < 0) return EndReason.ShortNotAllowed;
    let nav = this.cash - side * (lots * this.lotSize[k]) * price - commission;
    let gross = 0;
    const K = this.lots.length;
    for (let i = 0; i < K; i++) {
      const units = (i === k ? next : this.lots[i]) * this.lotSize[i];
      if (units === 0) continue;
      const p = i === k ? price : this.mark[i];
      nav += units * p;
      gross += (units < 0 ? -units : units) * p;
    }
    return gross * marginRatio > nav ? EndReason.Margin : EndReason.None;
  }

  /**
   * Books one fill. `exitTrade` ≥ 0: the fill closes that trade (an exit rule fired). Otherwise it nets FIFO
   * and may open or extend the trade of order `orderId` (whose exit rules it copies); `armedFrom` is the first
   * bar on which a new trade's exits are evaluated.
   *
   * A closed trade stays in `trades.openIds` with 0 lots until the caller compacts the list (the engine does so
   * after each phase), so that loops over the open trades are never disturbed by fills inside them.
   */
  applyFill(
    bar: number,
    k: number,
    side: number,
    lots: number,
    price: number,
    commission: number,
    slippageCost: number,
    spreadCost: number,
    orderId: number,
    reason: number,
    exitTrade: number,
    book: OrderBook,
    armedFrom: number,
  ): void {
    const units = lots * this.lotSize[k];
    this.fills.add(bar, k, side, units, price, commission, slippageCost, spreadCost, orderId, reason);
    this.cash = this.cash - side * units * price - commission;
    this.lots[k] += side * lots;
    const tb = this.trades;
    if (exitTrade >= 0) {
      this.closePart(exitTrade, lots, price, commission, bar, reason);
      return;
    }
    let rest = lots;
    const n = tb.openCount;
    for (let i = 0; i < n && rest > 0; i++) {
      const id = tb.openIds[i];
      if (tb.lots[id] === 0 || tb.instrument[id] !== k || tb.side[id] !== -side) continue;
      const c = rest < tb.lots[id] ? rest : tb.lots[id];
      this.closePart(id, c, price, commission * (c / lots), bar, reason);
      rest -= c;
    }
    if (rest > 0) {
      const share = commission * (rest / lots);
      const prior = orderId >= 0 ? book.trade[orderId] : -1;
      if (prior >= 0 && tb.lots[prior] > 0) {
        tb.extend(prior, rest, price, share);
      } else {
        const id = tb.open(k, side, rest, price, share, bar, armedFrom, orderId);
        if (orderId >= 0) {
          book.trade[orderId] = id;
          this.copyExitRules(id, orderId, side, price, book);
        }
      }
    }
  }

  /**
   * Exit rules of a new trade from its entry order. Fractions are taken of the first fill's price:
   * stop-loss = entry × (1 − side × f), take-profit = entry × (1 + side × f); they are not moved when later
   * fills of the same order change the average entry price. A trailing exit starts from the entry price.
   */
  private copyExitRules(id: number, orderId: number, side: number, price: number, book: OrderBook): void {
    const tb = this.trades;
    const sl = book.stopLoss[orderId];
    const slf = book.stopLossFraction[orderId];
    const tp = book.takeProfit[orderId];
    const tpf = book.takeProfitFraction[orderId];
    tb.stopLoss[id] = sl === sl ? sl : slf === slf ? price * (1 - side * slf) : NaN;
    tb.takeProfit[id] = tp === tp ? tp : tpf === tpf ? price * (1 + side * tpf) : NaN;
    tb.trailAmount[id] = book.exitTrailAmount[orderId];
    tb.trailFraction[id] = book.exitTrailFraction[orderId];
    const trailing = tb.trailAmount[id] === tb.trailAmount[id] || tb.trailFraction[id] === tb.trailFraction[id];
    tb.trailRef[id] = trailing ? price : NaN;
    tb.timeStopBars[id] = book.timeStopBars[orderId];
  }

  /** Closes `lots` of trade `id` at `price` and writes the closed-trade record. */
  private closePart(id: number, lots: number, price: number, exitCommission: number, bar: number, reason: number): void {
    const tb = this.trades;
    const open = tb.lots[id];
    const entryShare = tb.entryCommission[id] * (lots / open);
    const k = tb.instrument[id];
    this.closed.add(
      id,
      k,
      tb.side[id],
      tb.entryBar[id],
      tb.entryOrder[id],
      lots * this.lotSize[k],
      tb.entryPrice[id],
      bar,
      price,
      entryShare + exitCommission,
      reason,
    );
    tb.lots[id] = open - lots;
    tb.entryCommission[id] -= entryShare;
    if (tb.lots[id] === 0) tb.pendingExit[id] = 0;
  }
}
