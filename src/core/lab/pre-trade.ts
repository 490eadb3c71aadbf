import { MS_PER_DAY } from '../domain/time';
import { KillAction, LimitRule, OrderStatus } from './codes';
import type { Ledger } from './ledger';
import { LimitEvents, LimitLog } from './limit-log';
import type { LabLimits } from './limits';
import type { OrderBook } from './order-book';
import { wholeLots } from './sizing';

/** After a kill-switch trip: 1 only orders that reduce exposure are accepted (reduce), 2 no order is (flatten). */
export const STOP_ADDS = 1;
export const STOP_ALL = 2;

/** Whole lots in x ≥ 0 lots; 0 for a negative or NaN x (an unknown price or volume allows nothing). */
function capLots(x: number): number {
  return x >= 0 ? wholeLots(x) : 0;
}

/**
 * The risk limits of a run (config `limits`): the pre-trade check of each order and the post-trade trips, with
 * their logs. The AssemblyScript twin is engine-wasm/assembly/lab/pre-trade.ts, expression for expression.
 *
 * Pre-trade (`allowed`), on an order of `lots` lots, side s, instrument k, priced at `price` (the instrument's
 * last close at submission, or the price a weight-sized order is sized at) and valued with `nav` (the NAV the
 * order is decided or sized with):
 *  - The projected position p_i of every instrument is its held lots plus the signed remaining lots of its working
 *    orders of known size (as if they all filled), the order being checked (`self`) left out; the order is checked
 *    against it.
 *  - After a kill switch with action `flatten`, or during a day blocked by the daily loss limit, every order is
 *    refused (rule kill-switch / daily-loss). After `reduce`, an order is cut to the part that brings p_k toward 0.
 *  - An order that only brings p_k toward 0 (s × p_k < 0 and lots ≤ |p_k|), and a reduce-only order, is never cut.
 *  - Otherwise each set limit allows a number of whole lots, toward zero:
 *      max-order-value     maxOrderValue / (price × lotSize)
 *      max-volume-share    maxVolumeShare × volume / lotSize, volume of the deciding bar (NaN: none allowed)
 *      max-position-weight C − s × p_k with C = maxPositionWeight × nav / (price × lotSize)
 *      max-gross           C − s × p_k with C = (maxGross × nav − Σ_{i≠k} |p_i| × lotSize_i × mark_i) / (price × lotSize)
 *    and the order is cut to the smallest (≥ 0); `rule` is the first rule, in this order, that gave it (−1: not cut).
 */
export class RiskLimits {
  readonly limits: LabLimits;
  readonly log = new LimitLog();
  readonly events = new LimitEvents();
  /** Rule that cut the last order checked, or −1. */
  rule = -1;
  /** 0 trading, STOP_ADDS or STOP_ALL after a kill-switch trip. */
  stopped = 0;
  /** Orders submitted at a time before this are refused (daily loss limit). */
  blockedUntil = -Infinity;
  private peak: number;
  private day = NaN;
  private dayStart = NaN;
  private readonly projected: Float64Array;
  private readonly lotSize: Float64Array;

  constructor(limits: LabLimits, cash: number, lotSize: Float64Array) {
    this.limits = limits;
    this.peak = cash;
    this.lotSize = lotSize;
    this.projected = new Float64Array(lotSize.length);
  }

  /** Lots of the order that pass the limits (`lots` may be NaN: a weight-sized order, only the stops apply). */
  allowed(
    book: OrderBook,
    ledger: Ledger,
    self: number,
    time: number,
    k: number,
    side: number,
    lots: number,
    reduceOnly: number,
    price: number,
    nav: number,
    volume: number,
  ): number {
    this.rule = -1;
    if (this.stopped === STOP_ALL) {
      this.rule = LimitRule.KillSwitch;
      return 0;
    }
    if (time < this.blockedUntil) {
      this.rule = LimitRule.DailyLoss;
      return 0;
    }
    if (lots !== lots || reduceOnly === 1) return lots;
    const p = this.projected;
    const K = p.length;
    for (let i = 0; i < K; i++) p[i] = ledger.lots[i];
    for (let j = 0; j < book.workingCount; j++) {
      const id = book.working[j];
      const r = book.remaining[id];
      if (id !== self && book.status[id] === OrderStatus.Working && r === r) p[book.instrument[id]] += book.side[id] * r;
    }
    const h = p[k];
    const held = h < 0 ? -h : h;
    const reduces = side * h < 0;
    if (reduces && lots <= held) return lots;
    if (this.stopped === STOP_ADDS) {
      this.rule = LimitRule.KillSwitch;
      return reduces ? held : 0;
    }
    const L = this.limits;
    const lot = this.lotSize[k];
    let allowed = lots;
    if (L.maxOrderValue === L.maxOrderValue) {
      const a = capLots(L.maxOrderValue / (price * lot));
      if (a < allowed) {
        allowed = a;
        this.rule = LimitRule.MaxOrderValue;
      }
    }
    if (L.maxVolumeShare === L.maxVolumeShare) {
      const a = capLots((L.maxVolumeShare * volume) / lot);
      if (a < allowed) {
        allowed = a;
        this.rule = LimitRule.MaxVolumeShare;
      }
    }
    if (L.maxPositionWeight === L.maxPositionWeight) {
      const a = capLots((L.maxPositionWeight * nav) / (price * lot)) - side * h;
      if (a < allowed) {
        allowed = a;
        this.rule = LimitRule.MaxPositionWeight;
      }
    }
    if (L.maxGross === L.maxGross) {
      let others = 0;
      for (let i = 0; i < K; i++) {
        const q = p[i];
        if (i === k || q === 0) continue;
        others += (q < 0 ? -q : q) * this.lotSize[i] * ledger.mark[i];
      }
      const a = capLots((L.maxGross * nav - others) / (price * lot)) - side * h;
      if (a < allowed) {
        allowed = a;
        this.rule = LimitRule.MaxGross;
      }
    }
    return allowed > 0 ? allowed : 0;
  }

  /**
   * The post-trade limits at bar t's close, after its fills (`nav`; `navPrev` is the NAV recorded at the previous
   * bar): the rule that trips (kill-switch first, then daily-loss), logged as an event, or −1.
   *  - Kill switch, once per run: trips when nav ≤ peak × (1 − drawdown), peak = the highest NAV recorded so far
   *    (initial cash included).
   *  - Daily loss: the day's reference is the NAV recorded at the last bar of the previous UTC day (the initial
   *    cash on the first day); trips when nav ≤ reference × (1 − dailyLossLimit), at most once per UTC day.
   */
  postTrade(t: number, time: number, navPrev: number, nav: number): number {
    const L = this.limits;
    const daily = L.dailyLossLimit === L.dailyLossLimit;
    let day = 0;
    if (daily) {
      day = Math.floor(time / MS_PER_DAY);
      if (day !== this.day) {
        this.day = day;
        this.dayStart = navPrev;
      }
    }
    if (L.killDrawdown === L.killDrawdown && this.stopped === 0) {
      if (nav > this.peak) this.peak = nav;
      if (nav <= this.peak * (1 - L.killDrawdown)) {
        this.stopped = L.killAction === KillAction.Flatten ? STOP_ALL : STOP_ADDS;
        this.events.add(t, LimitRule.KillSwitch, nav);
        return LimitRule.KillSwitch;
      }
    }
    if (daily && this.stopped !== STOP_ALL && !(time < this.blockedUntil) && nav <= this.dayStart * (1 - L.dailyLossLimit)) {
      this.blockedUntil = (day + 1) * MS_PER_DAY;
      this.events.add(t, LimitRule.DailyLoss, nav);
      return LimitRule.DailyLoss;
    }
    return -1;
  }
}
