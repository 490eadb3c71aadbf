import { OrderType } from '../domain/order-type';
import { stopComesFirst } from './bracket-rule';
import { EndReason, FillTiming, KillAction, LimitRule, OrderSource, OrderStatus, Reason, TimeInForce, VolumeRemainder } from './codes';
import type { LabConfig } from './config';
import type { LabCore } from './lab-core';
import { Execution, executeLimit, executeMarket, executeStop, executeStopLimit, trailLevel } from './execution';
import { Ledger } from './ledger';
import { hasLimits } from './limits';
import { OrderBook, blankOrderFields, type OrderFields } from './order-book';
import { RiskLimits } from './pre-trade';
import { Slippage } from './slippage';
import { lotsFromUnits, rebalanceDeltas, utcDayEnd, wholeLots, wholeLotsSigned } from './sizing';
import type { LabTimeline } from './timeline';

/**
 * The lab engine's event loop state and its per-bar phases: the plain TypeScript reference of the hot loop.
 *
 * One bar t runs, in this order (run.ts `driveLab` drives it; see docs/engine.md):
 *   1. arrivals      scheduled entries whose time ≤ time[t] join the book, active from bar t (`submitArrival`)
 *   2. `openPhase`   fills on bar t, instrument data revealed up to t:
 *                    A. exits of open trades (oldest trade first), B. working orders (submission order),
 *                    C. exits of trades that phase B opened at the open of bar t
 *   3. `endOfBar`    marks ← closes; trailing references ratchet on t's high/low; held-bar counts and time stops
 *   4. decisions     the strategy's onBar, then a due rebalance (`submitDecision`, `rebalance`)
 *   5. `closeAuction` fillTiming 'close' only: market orders decided at t and pending exits fill at t's close
 *   6. `finishBar`   closeAtEnd on the last bar; bankruptcy check; NAV, cash and positions recorded
 *
 * Port rules kept here on purpose (the AssemblyScript twin, engine-wasm/assembly/lab/engine.ts, matches it bit
 * for bit; tests/unit/engine-lab-wasm checks): no closures, no per-bar allocation (tables only grow by doubling),
 * integer codes for every enum, NaN for "not set", loops over instruments, trades and orders in a fixed order,
 * every floating-point expression written once and evaluated in the order shown. Only nextFloat() of the shared
 * RNG is used (random slippage). One implementation of LabCore (lab-core.ts), which driveLab runs.
 */
export class LabEngine implements LabCore {
  readonly K: number;
  readonly T: number;
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  readonly cfg: LabConfig;
  readonly book = new OrderBook();
  readonly ledger: Ledger;
  readonly slippage: Slippage;
  readonly nav: Float64Array;
  readonly cash: Float64Array;
  /** Units held, instrument-major like the timeline: positions[k * T + t]. */
  readonly positions: Float64Array;
  /** NAV at the current bar's close before the close auction (what decisions see). */
  navNow: number;
  /** NAV recorded at the previous bar (initial cash before the first): sizes weight orders at the open. */
  navPrev: number;
  halted = false;
  /** Bar at which the account went bankrupt, or −1. */
  bankruptBar = -1;
  /** The risk limits and their logs (pre-trade.ts); checks run only when `limitsOn`. */
  readonly risk: RiskLimits;
  private readonly limitsOn: boolean;

  private readonly half: number;
  private readonly volumeUsed: Float64Array;
  private readonly deltas: Float64Array;
  private readonly x = new Execution();
  private readonly y = new Execution();
  /** Order fields of rebalance orders; only the fields rebalance() sets ever change. */
  private readonly scratch: OrderFields = blankOrderFields();

  constructor(tl: LabTimeline, cfg: LabConfig) {
    this.K = tl.instruments.length;
    this.T = tl.time.length;
    this.time = tl.time;
    this.open = tl.open;
    this.high = tl.high;
    this.low = tl.low;
    this.close = tl.close;
    this.volume = tl.volume;
    this.cfg = cfg;
    this.half = cfg.spread / 2;
    this.ledger = new Ledger(cfg.cash, cfg.lotSize);
    this.slippage = new Slippage(cfg.slippageModel, cfg.slippageBps, cfg.volMultiplier, cfg.volWindow, cfg.seed, this.K);
    this.nav = new Float64Array(this.T);
    this.cash = new Float64Array(this.T);
    this.positions = new Float64Array(this.K * this.T);
    this.volumeUsed = new Float64Array(this.K);
    this.deltas = new Float64Array(this.K);
    this.navNow = cfg.cash;
    this.navPrev = cfg.cash;
    this.risk = new RiskLimits(cfg.limits, cfg.cash, cfg.lotSize);
    this.limitsOn = hasLimits(cfg.limits);
  }

  // ---- order entry --------------------------------------------------------------------------------------

  /** An order decided at bar t's close (strategy, rebalance): active from t + 1, or the close auction of t. */
  submitDecision(f: OrderFields, t: number): number {
    const atClose = this.cfg.fillTiming === FillTiming.Close && f.type === OrderType.Market ? 1 : 0;
    return this.addOrder(f, this.requestedLots(f), t, atClose === 1 ? t : t + 1, atClose, 0);
  }

  /** An order arriving before bar t's open (scheduled entry): active from bar t. */
  submitArrival(f: OrderFields, t: number): number {
    return this.addOrder(f, this.requestedLots(f), t, t, 0, 1);
  }

  private requestedLots(f: OrderFields): number {
    return f.quantity === f.quantity ? lotsFromUnits(f.quantity, this.cfg.lotSize[f.instrument]) : NaN;
  }

  /**
   * `arrival` 1: a scheduled entry arriving before bar t's open (checked with the NAV recorded at t − 1 and the
   * volume of bar t − 1); 0: a decision at bar t's close (navNow, the volume of bar t).
   */
  private addOrder(f: OrderFields, lots: number, bar: number, activeFrom: number, atClose: number, arrival: number): number {
    const trailRef = f.type === OrderType.TrailingStop ? this.ledger.mark[f.instrument] : NaN;
    let q = lots;
    let rule = -1;
    if (this.limitsOn && !this.halted && lots !== 0) {
      const k = f.instrument;
      const decided = bar - arrival;
      const volume = decided >= 0 ? this.volume[k * this.T + decided] : NaN;
      q = this.risk.allowed(
        this.book,
        this.ledger,
        -1,
        this.time[bar],
        k,
        f.side,
        lots,
        f.reduceOnly,
        this.ledger.mark[k],
        arrival === 1 ? this.navPrev : this.navNow,
        volume,
      );
      rule = this.risk.rule;
      if (rule >= 0) this.risk.log.add(bar, this.book.count, k, f.side, lots * this.cfg.lotSize[k], q * this.cfg.lotSize[k], rule);
    }
    const id = this.book.add(f, q === 0 ? lots : q, bar, activeFrom, atClose, trailRef);
    if (this.halted || lots === 0) {
      this.book.end(id, OrderStatus.Refused, this.halted ? EndReason.Bankrupt : EndReason.ZeroQuantity, bar);
      this.book.compact();
    } else if (rule >= 0 && q === 0) {
      this.book.end(id, OrderStatus.Refused, EndReason.Limit, bar);
      this.book.compact();
    }
    return id;
  }

  /** Cancels a working order (no effect on ended orders). */
  cancel(id: number, bar: number): void {
    if (id < 0 || id >= this.book.count || this.book.status[id] !== OrderStatus.Working) return;
    this.book.end(id, OrderStatus.Cancelled, EndReason.UserCancel, bar);
    this.book.compact();
  }

  /**
   * Target weights decided at bar t's close: cancels the working orders of earlier rebalances, then submits
   * market orders for the deltas (rebalanceDeltas, priced at the marks and valued at navNow): first the
   * orders that reduce or flip a position (freeing margin), then those that open or add, each group in
   * instrument order.
   */
  rebalance(weights: Float64Array, offset: number, t: number): void {
    const scratch = this.scratch;
    const b = this.book;
    for (let i = 0; i < b.workingCount; i++) {
      const id = b.working[i];
      if (b.source[id] === OrderSource.Rebalance) b.end(id, OrderStatus.Cancelled, EndReason.UserCancel, t);
    }
    b.compact();
    const held = this.ledger.lots;
    rebalanceDeltas(this.navNow, weights, offset, this.ledger.mark, this.cfg.lotSize, held, this.deltas);
    const atClose = this.cfg.fillTiming === FillTiming.Close ? 1 : 0;
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < this.K; k++) {
        const d = this.deltas[k];
        if (d === 0) continue;
        const reduces = d * held[k] < 0;
        if ((pass === 0) !== reduces) continue;
        scratch.instrument = k;
        scratch.side = d > 0 ? 1 : -1;
        scratch.type = OrderType.Market;
        scratch.quantity = (d > 0 ? d : -d) * this.cfg.lotSize[k];
        scratch.source = OrderSource.Rebalance;
        this.addOrder(scratch, d > 0 ? d : -d, t, atClose === 1 ? t : t + 1, atClose, 0);
      }
    }
  }

  // ---- per-bar phases ---------------------------------------------------------------------------------------

  private present(k: number, t: number): boolean {
    const o = this.open[k * this.T + t];
    return o === o;
  }

  openPhase(t: number): void {
    if (this.halted) return;
    this.volumeUsed.fill(0);
    const tb = this.ledger.trades;
    // A. exits of trades armed before this bar (a trade opened below cannot be closed by phase A).
    const openBefore = tb.openCount;
    for (let i = 0; i < openBefore; i++) {
      const id = tb.openIds[i];
      if (tb.lots[id] === 0 || tb.armedFrom[id] > t || !this.present(tb.instrument[id], t)) continue;
      this.evaluateExit(id, t, 0);
    }
    tb.compact();
    // B. working orders in submission order.
    const firstNewTrade = tb.count;
    const b = this.book;
    const n = b.workingCount;
    for (let i = 0; i < n; i++) {
      const id = b.working[i];
      if (b.status[id] !== OrderStatus.Working || b.activeFrom[id] > t || b.atClose[id] === 1) continue;
      if (!this.present(b.instrument[id], t)) continue;
      this.evaluateOrder(id, t, 0);
    }
    b.compact();
    // C. a trade entered at this bar's open is exposed to the rest of the bar.
    for (let id = firstNewTrade; id < tb.count; id++) {
      if (tb.lots[id] > 0 && tb.armedFrom[id] === t) this.evaluateExit(id, t, 0);
    }
    tb.compact();
  }

  endOfBar(t: number): void {
    const T = this.T;
    const L = this.ledger;
    for (let k = 0; k < this.K; k++) if (this.present(k, t)) L.mark[k] = this.close[k * T + t];
    if (!this.halted) {
      const b = this.book;
      for (let i = 0; i < b.workingCount; i++) {
        const id = b.working[i];
        if (b.type[id] !== OrderType.TrailingStop || b.triggered[id] === 1 || b.activeFrom[id] > t || b.atClose[id] === 1) continue;
        const k = b.instrument[id];
        if (!this.present(k, t)) continue;
        const ref = b.trailRef[id];
        if (b.side[id] < 0) {
          const hi = this.high[k * T + t];
          if (!(ref >= hi)) b.trailRef[id] = hi;
        } else {
          const lo = this.low[k * T + t];
          if (!(ref <= lo)) b.trailRef[id] = lo;
        }
      }
      const tb = L.trades;
      for (let i = 0; i < tb.openCount; i++) {
        const id = tb.openIds[i];
        const k = tb.instrument[id];
        if (!this.present(k, t)) continue;
        const ref = tb.trailRef[id];
        if (ref === ref && tb.armedFrom[id] <= t) {
          if (tb.side[id] > 0) {
            const hi = this.high[k * T + t];
            if (hi > ref) tb.trailRef[id] = hi;
          } else {
            const lo = this.low[k * T + t];
            if (lo < ref) tb.trailRef[id] = lo;
          }
        }
        tb.barsHeld[id]++;
        const limit = tb.timeStopBars[id];
        if (limit > 0 && tb.barsHeld[id] >= limit && tb.pendingExit[id] === 0) tb.pendingExit[id] = Reason.TimeStop;
      }
    }
    this.navNow = L.nav();
  }

  closeAuction(t: number): void {
    if (this.halted || this.cfg.fillTiming !== FillTiming.Close) return;
    const tb = this.ledger.trades;
    const openBefore = tb.openCount;
    for (let i = 0; i < openBefore; i++) {
      const id = tb.openIds[i];
      if (tb.lots[id] === 0 || tb.pendingExit[id] === 0 || !this.present(tb.instrument[id], t)) continue;
      this.evaluateExit(id, t, 1);
    }
    tb.compact();
    const b = this.book;
    const n = b.workingCount;
    for (let i = 0; i < n; i++) {
      const id = b.working[i];
      if (b.status[id] !== OrderStatus.Working || b.atClose[id] !== 1 || b.activeFrom[id] !== t) continue;
      if (this.present(b.instrument[id], t)) this.evaluateOrder(id, t, 1);
      if (b.status[id] === OrderStatus.Working) {
        // Unfilled (no bar, volume cap) with remainder 'keep': a plain market order from the next open.
        b.atClose[id] = 0;
        b.activeFrom[id] = t + 1;
      }
    }
    b.compact();
  }

  finishBar(t: number): void {
    const L = this.ledger;
    if (!this.halted && this.cfg.closeAtEnd && t === this.T - 1) this.closeAll(t, Reason.EndOfData);
    let nav = L.nav();
    if (!this.halted && nav <= 0) {
      this.closeAll(t, Reason.Bankrupt);
      const b = this.book;
      for (let i = 0; i < b.workingCount; i++) b.end(b.working[i], OrderStatus.Cancelled, EndReason.Bankrupt, t);
      b.compact();
      this.halted = true;
      this.bankruptBar = t;
      nav = L.nav();
    } else if (!this.halted && this.limitsOn) {
      const rule = this.risk.postTrade(t, this.time[t], this.navPrev, nav);
      if (rule >= 0) {
        this.trip(t, rule);
        nav = L.nav();
      }
    }
    this.nav[t] = nav;
    this.cash[t] = L.cash;
    const T = this.T;
    for (let k = 0; k < this.K; k++) {
      this.positions[k * T + t] = L.lots[k] * this.cfg.lotSize[k];
      if (this.present(k, t)) this.slippage.observeClose(k, this.close[k * T + t]);
    }
    this.navPrev = nav;
  }

  /**
   * A post-trade limit tripped at bar t's close: every working order is cancelled (logged with the rule), then the
   * positions are closed at their marks with normal costs (kill switch `flatten`, daily loss) or cut to toward-zero
   * whole lots of `fraction` of their size, FIFO (kill switch `reduce`).
   */
  private trip(t: number, rule: number): void {
    const b = this.book;
    const lotSize = this.cfg.lotSize;
    for (let i = 0; i < b.workingCount; i++) {
      const id = b.working[i];
      const k = b.instrument[id];
      this.risk.log.add(t, id, k, b.side[id], b.remaining[id] * lotSize[k], 0, rule);
      b.end(id, OrderStatus.Cancelled, EndReason.Limit, t);
    }
    b.compact();
    const reason = rule === LimitRule.KillSwitch ? Reason.KillSwitch : Reason.DailyLoss;
    const lim = this.cfg.limits;
    if (rule === LimitRule.KillSwitch && lim.killAction === KillAction.Reduce) {
      const L = this.ledger;
      for (let k = 0; k < this.K; k++) {
        const held = L.lots[k];
        if (held === 0) continue;
        const cut = held - wholeLotsSigned(held * lim.killFraction);
        if (cut === 0) continue;
        this.closeAtMark(t, k, cut > 0 ? -1 : 1, cut > 0 ? cut : -cut, -1, reason);
      }
      this.ledger.trades.compact();
    } else this.closeAll(t, reason);
  }

  // ---- the account as a strategy sees it (LabCore) ----------------------------------------------------------

  accountCash(): number {
    return this.ledger.cash;
  }

  heldLots(k: number): number {
    return this.ledger.lots[k];
  }

  markOf(k: number): number {
    return this.ledger.mark[k];
  }

  openTradeCount(k: number): number {
    const tb = this.ledger.trades;
    if (k < 0) return tb.openCount;
    let n = 0;
    for (let i = 0; i < tb.openCount; i++) if (tb.instrument[tb.openIds[i]] === k) n++;
    return n;
  }

  workingOrderCount(k: number): number {
    const b = this.book;
    if (k < 0) return b.workingCount;
    let n = 0;
    for (let i = 0; i < b.workingCount; i++) if (b.instrument[b.working[i]] === k) n++;
    return n;
  }

  // ---- evaluation ---------------------------------------------------------------------------------------------

  /**
   * One order on one bar. `auction` 1: a market order in the close auction (priced at the close). The order's
   * instrument has a bar at t.
   */
  private evaluateOrder(id: number, t: number, auction: number): void {
    const b = this.book;
    const k = b.instrument[id];
    const side = b.side[id];
    const i = k * this.T + t;
    const o = this.open[i];
    const hi = this.high[i];
    const lo = this.low[i];
    const h = this.half;
    if (b.tif[id] === TimeInForce.Day) {
      const expiry = b.expiry[id];
      if (expiry !== expiry) b.expiry[id] = utcDayEnd(this.time[t]);
      else if (this.time[t] >= expiry) {
        b.end(id, OrderStatus.Expired, EndReason.TimeInForce, t);
        return;
      }
    }
    if (b.lots[id] !== b.lots[id]) {
      // Weight-sized: priced at the bar price it is about to execute at, valued at the last recorded NAV.
      const price = auction === 1 ? this.close[i] : o;
      const nav = auction === 1 ? this.navNow : this.navPrev;
      const lots = wholeLots((b.weight[id] * nav) / (price * this.cfg.lotSize[k]));
      b.lots[id] = lots;
      b.remaining[id] = lots;
      if (!(lots > 0)) {
        b.lots[id] = 0;
        b.remaining[id] = 0;
        b.end(id, OrderStatus.Refused, EndReason.ZeroQuantity, t);
        return;
      }
      if (this.limitsOn) {
        // Checked when sized: at the price and NAV it is sized with, the volume of the bar it was decided at.
        const decided = b.submittedBar[id] - (b.source[id] === OrderSource.Scheduled ? 1 : 0);
        const volume = decided >= 0 ? this.volume[k * this.T + decided] : NaN;
        const q = this.risk.allowed(b, this.ledger, id, this.time[t], k, side, lots, b.reduceOnly[id], price, nav, volume);
        if (this.risk.rule >= 0) {
          this.risk.log.add(t, id, k, side, lots * this.cfg.lotSize[k], q * this.cfg.lotSize[k], this.risk.rule);
          if (q === 0) {
            b.end(id, OrderStatus.Refused, EndReason.Limit, t);
            return;
          }
          b.lots[id] = q;
          b.remaining[id] = q;
        }
      }
    }
    let want = b.remaining[id];
    if (b.reduceOnly[id] === 1) {
      const pos = this.ledger.lots[k];
      if (pos * side >= 0) {
        b.end(id, OrderStatus.Cancelled, EndReason.NothingToReduce, t);
        return;
      }
      const held = pos < 0 ? -pos : pos;
      if (want > held) want = held;
    }
    const x = this.x;
    const type = b.type[id];
    if (auction === 1) executeMarket(x, side, h, this.close[i], 0);
    else if (type === OrderType.Market) executeMarket(x, side, h, o, 1);
    else if (type === OrderType.Limit) executeLimit(x, side, h, o, hi, lo, b.limit[id]);
    else if (type === OrderType.Stop) {
      if (b.triggered[id] === 1) executeMarket(x, side, h, o, 1);
      else executeStop(x, side, h, o, hi, lo, b.stop[id]);
    } else if (type === OrderType.StopLimit) {
      if (b.triggered[id] === 1) executeLimit(x, side, h, o, hi, lo, b.limit[id]);
      else executeStopLimit(x, side, h, o, hi, lo, b.stop[id], b.limit[id]);
    } else {
      if (b.triggered[id] === 1) executeMarket(x, side, h, o, 1);
      else {
        if (b.trailRef[id] !== b.trailRef[id]) b.trailRef[id] = o;
        executeStop(x, side, h, o, hi, lo, trailLevel(side, b.trailRef[id], b.trailAmount[id], b.trailFraction[id]));
      }
    }
    if (x.triggered === 1) b.triggered[id] = 1;
    if (x.base === x.base) {
      const filled = this.fill(x, t, k, side, want, id, Reason.Order, -1, b.reduceOnly[id] === 0);
      if (filled < 0) {
        b.end(id, OrderStatus.Refused, -filled, t);
        return;
      }
      b.remaining[id] -= filled;
      b.filled[id] += filled;
      if (b.remaining[id] === 0) {
        b.end(id, OrderStatus.Filled, EndReason.None, t);
        return;
      }
      if (b.reduceOnly[id] === 1 && this.ledger.lots[k] * side >= 0) {
        b.end(id, OrderStatus.Cancelled, EndReason.NothingToReduce, t);
        return;
      }
      if (this.cfg.volumeRemainder === VolumeRemainder.Cancel) {
        b.end(id, OrderStatus.Cancelled, EndReason.VolumeRemainder, t);
        return;
      }
    }
    b.barsActive[id]++;
    if (b.tif[id] === TimeInForce.Bars && b.barsActive[id] >= b.tifBars[id]) b.end(id, OrderStatus.Expired, EndReason.TimeInForce, t);
  }

  /**
   * Exit rules of one open trade on one bar (its instrument has a bar at t). A pending exit (time stop, or the
   * unfilled rest of a triggered exit) executes as a market order: at the open, or at the close in the close
   * auction (`auction` 1). Otherwise the stop (the tighter of stop-loss and trailing stop; stop-loss on a tie)
   * and the take-profit are tested with the gap rules and, if both are reached inside the bar, the bracket rule.
   */
  private evaluateExit(id: number, t: number, auction: number): void {
    const tb = this.ledger.trades;
    const k = tb.instrument[id];
    const side = tb.side[id];
    const exitSide = -side;
    const i = k * this.T + t;
    const o = this.open[i];
    const hi = this.high[i];
    const lo = this.low[i];
    const h = this.half;
    const x = this.x;
    let reason = tb.pendingExit[id];
    // 0: the market execution in x, 1: the stop in x, 2: the take-profit in y.
    let which = 0;
    if (reason !== 0) {
      if (auction === 1) executeMarket(x, exitSide, h, this.close[i], 0);
      else executeMarket(x, exitSide, h, o, 1);
    } else {
      if (auction === 1) return;
      let stop = tb.stopLoss[id];
      let stopReason: number = Reason.StopLoss;
      const ref = tb.trailRef[id];
      if (ref === ref) {
        const trail = trailLevel(exitSide, ref, tb.trailAmount[id], tb.trailFraction[id]);
        if (stop !== stop || (side > 0 ? trail > stop : trail < stop)) {
          stop = trail;
          stopReason = Reason.TrailingStop;
        }
      }
      const tp = tb.takeProfit[id];
      const y = this.y;
      x.reset();
      y.reset();
      if (stop === stop) executeStop(x, exitSide, h, o, hi, lo, stop);
      if (tp === tp) executeLimit(y, exitSide, h, o, hi, lo, tp);
      const stopHit = x.base === x.base;
      const tpHit = y.base === y.base;
      if (stopHit && x.atOpen === 1) which = 1;
      else if (tpHit && y.atOpen === 1) which = 2;
      else if (stopHit && tpHit) which = stopComesFirst(this.cfg.bracketRule, side, o, hi, lo) ? 1 : 2;
      else if (stopHit) which = 1;
      else if (tpHit) which = 2;
      else return;
      reason = which === 1 ? stopReason : Reason.TakeProfit;
    }
    this.fill(which === 2 ? this.y : x, t, k, exitSide, tb.lots[id], -1, reason, id, false);
    // What the volume cap left of a triggered stop or a time stop goes on as a market exit; an unfilled
    // take-profit rest stays a resting limit (re-tested next bar together with the stop).
    if (tb.lots[id] > 0 && reason !== Reason.TakeProfit) tb.pendingExit[id] = reason;
  }

  /**
   * Executes up to `want` lots at the execution `x` describes: applies the volume cap, slippage (marketable
   * fills only, capped at a limit), commission and — for fills that add exposure — the risk checks. Returns the
   * lots filled (0: the cap left nothing) or −EndReason when refused.
   */
  private fill(
    x: Execution,
    t: number,
    k: number,
    side: number,
    want: number,
    orderId: number,
    reason: number,
    exitTrade: number,
    checkRisk: boolean,
  ): number {
    const cfg = this.cfg;
    const lot = cfg.lotSize[k];
    let q = want;
    if (cfg.volumeShare > 0) {
      const v = this.volume[k * this.T + t];
      const room = (v === v ? wholeLots((cfg.volumeShare * v) / lot) : 0) - this.volumeUsed[k];
      if (room < q) q = room;
    }
    if (!(q > 0)) return 0;
    const slip = x.marketable === 1 ? this.slippage.fraction(k) : 0;
    const base = x.base;
    let price = base * (1 + side * slip);
    const cap = x.cap;
    if (cap === cap && side * (price - cap) > 0) price = cap;
    const units = q * lot;
    const commission = cfg.commissionFixed + cfg.commissionRelative * units * price;
    if (checkRisk) {
      const refused = this.ledger.riskCheck(k, side, q, price, commission, cfg.marginRatio, cfg.allowShort);
      if (refused !== EndReason.None) {
        if (refused === EndReason.ShortNotAllowed) this.risk.log.add(t, orderId, k, side, want * lot, 0, LimitRule.NoShort);
        return -refused;
      }
    }
    const move = price - base;
    const slippageCost = units * (move < 0 ? -move : move);
    const spreadCost = x.mid === x.mid ? units * x.mid * this.half : 0;
    this.volumeUsed[k] += q;
    this.ledger.applyFill(
      t,
      k,
      side,
      q,
      price,
      commission,
      slippageCost,
      spreadCost,
      orderId,
      reason,
      exitTrade,
      this.book,
      x.atOpen === 1 ? t : t + 1,
    );
    return q;
  }

  /** Closes every open trade at its instrument's mark (last known close) with normal costs, no volume cap. */
  private closeAll(t: number, reason: number): void {
    const tb = this.ledger.trades;
    const n = tb.openCount;
    for (let i = 0; i < n; i++) {
      const id = tb.openIds[i];
      if (tb.lots[id] === 0) continue;
      this.closeAtMark(t, tb.instrument[id], -tb.side[id], tb.lots[id], id, reason);
    }
    tb.compact();
  }

  /** A market fill of `lots` at instrument k's mark with normal costs: closes trade `trade`, or nets FIFO when −1. */
  private closeAtMark(t: number, k: number, exitSide: number, lots: number, trade: number, reason: number): void {
    const x = this.x;
    executeMarket(x, exitSide, this.half, this.ledger.mark[k], 0);
    const slip = this.slippage.fraction(k);
    const base = x.base;
    const price = base * (1 + exitSide * slip);
    const units = lots * this.cfg.lotSize[k];
    const commission = this.cfg.commissionFixed + this.cfg.commissionRelative * units * price;
    const move = price - base;
    this.ledger.applyFill(
      t,
      k,
      exitSide,
      lots,
      price,
      commission,
      units * (move < 0 ? -move : move),
      units * x.mid * this.half,
      -1,
      reason,
      trade,
      this.book,
      t + 1,
    );
  }
}
