// The lab engine's per-bar phases: the AssemblyScript port of LabEngine (src/core/lab/engine.ts), line for
// line. One bar t runs: arrivals (`submitArrival`), `openPhase` (A. exits of open trades, B. working orders,
// C. exits of trades B opened at the open), `endOfBar` (marks, trailing ratchets, held bars, time stops),
// decisions (`submitDecision`, `cancel`, `rebalance`), `closeAuction` (fillTiming 'close') and `finishBar`
// (closeAtEnd, bankruptcy, NAV/cash/positions recorded, volatility observed).
//
// Port rules: every floating-point expression is the reference's, in its order (no reassociation, and WASM has
// no FMA without relaxed-simd, which is disabled); quantities are whole lots held in f64; NaN means "not set"
// and is tested with `x == x`; lists of working orders and open trades are compacted only after a phase; the
// only randomness is slippage.ts's draw, made exactly where the reference's Slippage.fraction draws.
//
// Work the reference does for every instrument at every bar is done here only where it can change something,
// with the same numbers: marks are read through ledger.ts's markOf, positions are written by position-series.ts
// when they change, volume use is cleared only under a volume cap, closes are observed only for volatility
// slippage, and trades without exit rules are not evaluated at the open.
import { stopComesFirst } from "./bracket-rule";
import {
  END_BANKRUPT, END_LIMIT, END_NONE, END_NOTHING_TO_REDUCE, END_SHORT_NOT_ALLOWED, END_TIME_IN_FORCE, END_USER_CANCEL,
  END_VOLUME_REMAINDER, END_ZERO_QUANTITY, FILL_CLOSE, KILL_REDUCE, REASON_BANKRUPT, REASON_DAILY_LOSS, REASON_END_OF_DATA,
  REASON_KILL_SWITCH, REASON_ORDER, REASON_STOP_LOSS, RULE_KILL_SWITCH, RULE_NO_SHORT, SOURCE_SCHEDULED,
  REASON_TAKE_PROFIT, REASON_TIME_STOP, REASON_TRAILING_STOP, REMAINDER_CANCEL, SOURCE_REBALANCE, STATUS_CANCELLED,
  STATUS_EXPIRED, STATUS_FILLED, STATUS_REFUSED, STATUS_WORKING, TIF_BARS, TIF_DAY, TYPE_LIMIT, TYPE_MARKET,
  TYPE_STOP, TYPE_STOP_LIMIT, TYPE_TRAILING_STOP,
} from "./codes";
import { Execution, executeLimit, executeMarket, executeStop, executeStopLimit, trailLevel } from "./execution";
import { atLeast } from "./growth";
import {
  C_ALLOW_SHORT, C_BRACKET_RULE, C_CASH, C_CLOSE_AT_END, C_COMMISSION_FIXED, C_COMMISSION_RELATIVE, C_DAILY_LOSS,
  C_FILL_TIMING, C_KILL_ACTION, C_KILL_DRAWDOWN, C_KILL_FRACTION, C_MARGIN_RATIO, C_MAX_GROSS, C_MAX_ORDER_VALUE,
  C_MAX_POSITION_WEIGHT, C_MAX_VOLUME_SHARE, C_SEED, C_SLIPPAGE_BPS, C_SLIPPAGE_MODEL, C_SPREAD, C_VOL_MULTIPLIER, C_VOL_WINDOW,
  C_VOLUME_REMAINDER, C_VOLUME_SHARE, K, T, close, config, high, lotSize, low, open, time, volume,
} from "./inputs";
import { applyFill, cash, ledgerReset, lots, markOf, markThrough, nav, riskCheck } from "./ledger";
import { limitLog } from "./limit-log";
import { killAction, killFraction, limitAllowed, limitPostTrade, limitRule, limitsOn, limitsReset } from "./pre-trade";
import { book } from "./order-book";
import { OrderFields } from "./order-fields";
import { positionsReset, positionsUntil } from "./position-series";
import { present, presenceReset } from "./presence";
import { observeClose, observesCloses, slippageFraction, slippageReset } from "./slippage";
import { lotsFromUnits, utcDayEnd, wholeLots, wholeLotsSigned } from "./sizing";
import { trades } from "./trade-book";

// ---- resolved configuration of the run ----
let commissionFixed: f64 = 0;
let commissionRelative: f64 = 0;
let half: f64 = 0;
let fillTiming: i32 = 0;
let volumeShare: f64 = 0;
let volumeRemainder: i32 = 0;
let marginRatio: f64 = 1;
let allowShort: bool = false;
let bracketRule: i32 = 0;
let closeAtEnd: bool = false;

// ---- run state ----
/** NAV at the current bar's close before the close auction (what decisions see). */
export let navNow: f64 = 0;
/** NAV recorded at the previous bar (initial cash before the first). */
let navPrev: f64 = 0;
export let halted: bool = false;
export let bankruptBar: i32 = -1;
/** Recorded series: nav and cash (T each); positions in position-series.ts. */
export let navSeries: StaticArray<f64> = new StaticArray<f64>(1);
export let cashSeries: StaticArray<f64> = new StaticArray<f64>(1);
let volumeUsed: StaticArray<f64> = new StaticArray<f64>(1);
let deltas: StaticArray<f64> = new StaticArray<f64>(1);
const x = new Execution();
const y = new Execution();
/** Order fields of rebalance orders; only the fields rebalance() sets ever change. */
const rebalanceFields = new OrderFields();

/** Resets every table and reads the configuration block: the LabEngine constructor. */
export function engineReset(): void {
  const c = config;
  const initialCash = unchecked(c[C_CASH]);
  commissionFixed = unchecked(c[C_COMMISSION_FIXED]);
  commissionRelative = unchecked(c[C_COMMISSION_RELATIVE]);
  half = unchecked(c[C_SPREAD]) / 2;
  fillTiming = <i32>unchecked(c[C_FILL_TIMING]);
  volumeShare = unchecked(c[C_VOLUME_SHARE]);
  volumeRemainder = <i32>unchecked(c[C_VOLUME_REMAINDER]);
  marginRatio = unchecked(c[C_MARGIN_RATIO]);
  allowShort = unchecked(c[C_ALLOW_SHORT]) != 0;
  bracketRule = <i32>unchecked(c[C_BRACKET_RULE]);
  closeAtEnd = unchecked(c[C_CLOSE_AT_END]) != 0;
  ledgerReset(initialCash, K);
  limitsReset(
    K, initialCash, unchecked(c[C_MAX_POSITION_WEIGHT]), unchecked(c[C_MAX_GROSS]), unchecked(c[C_MAX_ORDER_VALUE]),
    unchecked(c[C_MAX_VOLUME_SHARE]), unchecked(c[C_KILL_DRAWDOWN]), <i32>unchecked(c[C_KILL_ACTION]),
    unchecked(c[C_KILL_FRACTION]), unchecked(c[C_DAILY_LOSS]),
  );
  slippageReset(
    <i32>unchecked(c[C_SLIPPAGE_MODEL]), unchecked(c[C_SLIPPAGE_BPS]), unchecked(c[C_VOL_MULTIPLIER]),
    <i32>unchecked(c[C_VOL_WINDOW]), <u32>unchecked(c[C_SEED]), K,
  );
  book.reset();
  presenceReset();
  positionsReset();
  navSeries = atLeast<f64>(navSeries, T);
  cashSeries = atLeast<f64>(cashSeries, T);
  volumeUsed = atLeast<f64>(volumeUsed, K);
  deltas = atLeast<f64>(deltas, K);
  rebalanceFields.blank();
  navNow = initialCash;
  navPrev = initialCash;
  halted = false;
  bankruptBar = -1;
}

// ---- order entry ----

/** An order decided at bar t's close (strategy, rebalance): active from t + 1, or the close auction of t. */
export function submitDecision(f: OrderFields, t: i32): i32 {
  const atClose = fillTiming == FILL_CLOSE && f.type == TYPE_MARKET ? 1 : 0;
  return addOrder(f, requestedLots(f), t, atClose == 1 ? t : t + 1, atClose, 0);
}

/** An order arriving before bar t's open (scheduled entry): active from bar t. */
export function submitArrival(f: OrderFields, t: i32): i32 {
  return addOrder(f, requestedLots(f), t, t, 0, 1);
}

function requestedLots(f: OrderFields): f64 {
  const q = f.quantity;
  return q == q ? lotsFromUnits(q, unchecked(lotSize[f.instrument])) : NaN;
}

/** `arrival` 1: a scheduled entry before bar t's open (NAV recorded at t − 1, volume of t − 1); 0: a decision. */
function addOrder(f: OrderFields, q: f64, bar: i32, activeFrom: i32, atClose: i32, arrival: i32): i32 {
  const trailRef = f.type == TYPE_TRAILING_STOP ? markOf(f.instrument) : NaN;
  let allowed = q;
  let rule = -1;
  if (limitsOn && !halted && q != 0) {
    const k = f.instrument;
    const decided = bar - arrival;
    const v = decided >= 0 ? unchecked(volume[k * T + decided]) : NaN;
    allowed = limitAllowed(-1, unchecked(time[bar]), k, f.side, q, f.reduceOnly, markOf(k), arrival == 1 ? navPrev : navNow, v);
    rule = limitRule;
    if (rule >= 0) {
      const lot = unchecked(lotSize[k]);
      limitLog.add(bar, book.count, k, f.side, q * lot, allowed * lot, rule);
    }
  }
  const id = book.add(f, allowed == 0 ? q : allowed, bar, activeFrom, atClose, trailRef);
  if (halted || q == 0) {
    book.end(id, STATUS_REFUSED, halted ? END_BANKRUPT : END_ZERO_QUANTITY, bar);
    book.compact();
  } else if (rule >= 0 && allowed == 0) {
    book.end(id, STATUS_REFUSED, END_LIMIT, bar);
    book.compact();
  }
  return id;
}

/** Cancels a working order (no effect on ended orders or unknown ids). */
export function cancel(id: i32, bar: i32): void {
  if (id < 0 || id >= book.count || unchecked(book.status[id]) != STATUS_WORKING) return;
  book.end(id, STATUS_CANCELLED, END_USER_CANCEL, bar);
  book.compact();
}

/**
 * Target weights decided at bar t's close (`weights[offset + k]`): cancels the working orders of earlier
 * rebalances, then submits market orders for the deltas, reducing ones first, each group in instrument order.
 */
export function rebalance(weights: StaticArray<f64>, offset: i32, t: i32): void {
  const b = book;
  for (let i = 0; i < b.workingCount; i++) {
    const id = unchecked(b.working[i]);
    if (unchecked(b.source[id]) == SOURCE_REBALANCE) b.end(id, STATUS_CANCELLED, END_USER_CANCEL, t);
  }
  b.compact();
  // rebalanceDeltas of sizing.ts, priced at the marks and valued at navNow.
  const v = navNow;
  for (let k = 0; k < K; k++) {
    const w = unchecked(weights[offset + k]);
    const price = markOf(k);
    if (w != w || price != price) {
      unchecked((deltas[k] = 0));
      continue;
    }
    unchecked((deltas[k] = wholeLotsSigned((w * v) / (price * unchecked(lotSize[k]))) - unchecked(lots[k])));
  }
  const atClose = fillTiming == FILL_CLOSE ? 1 : 0;
  const f = rebalanceFields;
  for (let pass = 0; pass < 2; pass++) {
    for (let k = 0; k < K; k++) {
      const d = unchecked(deltas[k]);
      if (d == 0) continue;
      const reduces = d * unchecked(lots[k]) < 0;
      if ((pass == 0) != reduces) continue;
      f.instrument = k;
      f.side = d > 0 ? 1 : -1;
      f.type = TYPE_MARKET;
      f.quantity = (d > 0 ? d : -d) * unchecked(lotSize[k]);
      f.source = SOURCE_REBALANCE;
      addOrder(f, d > 0 ? d : -d, t, atClose == 1 ? t : t + 1, atClose, 0);
    }
  }
}

// ---- per-bar phases ----

export function openPhase(t: i32): void {
  if (halted) return;
  // volumeUsed is read only under a volume cap.
  if (volumeShare > 0) memory.fill(changetype<usize>(volumeUsed), 0, <usize>K << 3);
  const tb = trades;
  // A. exits of trades armed before this bar.
  const openBefore = tb.openCount;
  for (let i = 0; i < openBefore; i++) {
    const id = unchecked(tb.openIds[i]);
    if (unchecked(tb.lots[id]) == 0 || unchecked(tb.armedFrom[id]) > t || !hasExitRule(id)) continue;
    if (!present(unchecked(tb.instrument[id]), t)) continue;
    evaluateExit(id, t, 0);
  }
  tb.compact();
  // B. working orders in submission order.
  const firstNewTrade = tb.count;
  const b = book;
  const n = b.workingCount;
  for (let i = 0; i < n; i++) {
    const id = unchecked(b.working[i]);
    if (unchecked(b.status[id]) != STATUS_WORKING || unchecked(b.activeFrom[id]) > t || unchecked(b.atClose[id]) == 1) continue;
    if (!present(unchecked(b.instrument[id]), t)) continue;
    evaluateOrder(id, t, 0);
  }
  b.compact();
  // C. a trade entered at this bar's open is exposed to the rest of the bar.
  for (let id = firstNewTrade; id < tb.count; id++) {
    if (unchecked(tb.lots[id]) > 0 && unchecked(tb.armedFrom[id]) == t) evaluateExit(id, t, 0);
  }
  tb.compact();
}

/** evaluateExit at the open does nothing for a trade with no pending exit, stop, take-profit or trailing stop. */
@inline function hasExitRule(id: i32): bool {
  const tb = trades;
  const sl = unchecked(tb.stopLoss[id]);
  const tp = unchecked(tb.takeProfit[id]);
  const ref = unchecked(tb.trailRef[id]);
  return unchecked(tb.pendingExit[id]) != 0 || sl == sl || tp == tp || ref == ref;
}

export function endOfBar(t: i32): void {
  markThrough(t);
  if (!halted) {
    const b = book;
    for (let i = 0; i < b.workingCount; i++) {
      const id = unchecked(b.working[i]);
      if (
        unchecked(b.type[id]) != TYPE_TRAILING_STOP || unchecked(b.triggered[id]) == 1 ||
        unchecked(b.activeFrom[id]) > t || unchecked(b.atClose[id]) == 1
      ) continue;
      const k = unchecked(b.instrument[id]);
      if (!present(k, t)) continue;
      const ref = unchecked(b.trailRef[id]);
      if (unchecked(b.side[id]) < 0) {
        const hi = unchecked(high[k * T + t]);
        if (!(ref >= hi)) unchecked((b.trailRef[id] = hi));
      } else {
        const lo = unchecked(low[k * T + t]);
        if (!(ref <= lo)) unchecked((b.trailRef[id] = lo));
      }
    }
    const tb = trades;
    for (let i = 0; i < tb.openCount; i++) {
      const id = unchecked(tb.openIds[i]);
      const k = unchecked(tb.instrument[id]);
      if (!present(k, t)) continue;
      const ref = unchecked(tb.trailRef[id]);
      if (ref == ref && unchecked(tb.armedFrom[id]) <= t) {
        if (unchecked(tb.side[id]) > 0) {
          const hi = unchecked(high[k * T + t]);
          if (hi > ref) unchecked((tb.trailRef[id] = hi));
        } else {
          const lo = unchecked(low[k * T + t]);
          if (lo < ref) unchecked((tb.trailRef[id] = lo));
        }
      }
      const held = unchecked(tb.barsHeld[id]) + 1;
      unchecked((tb.barsHeld[id] = held));
      const limit = unchecked(tb.timeStopBars[id]);
      if (limit > 0 && held >= limit && unchecked(tb.pendingExit[id]) == 0) unchecked((tb.pendingExit[id] = REASON_TIME_STOP));
    }
  }
  navNow = nav();
}

export function closeAuction(t: i32): void {
  if (halted || fillTiming != FILL_CLOSE) return;
  const tb = trades;
  const openBefore = tb.openCount;
  for (let i = 0; i < openBefore; i++) {
    const id = unchecked(tb.openIds[i]);
    if (unchecked(tb.lots[id]) == 0 || unchecked(tb.pendingExit[id]) == 0 || !present(unchecked(tb.instrument[id]), t)) continue;
    evaluateExit(id, t, 1);
  }
  tb.compact();
  const b = book;
  const n = b.workingCount;
  for (let i = 0; i < n; i++) {
    const id = unchecked(b.working[i]);
    if (unchecked(b.status[id]) != STATUS_WORKING || unchecked(b.atClose[id]) != 1 || unchecked(b.activeFrom[id]) != t) continue;
    if (present(unchecked(b.instrument[id]), t)) evaluateOrder(id, t, 1);
    if (unchecked(b.status[id]) == STATUS_WORKING) {
      // Unfilled (no bar, volume cap) with remainder 'keep': a plain market order from the next open.
      unchecked((b.atClose[id] = 0));
      unchecked((b.activeFrom[id] = t + 1));
    }
  }
  b.compact();
}

export function finishBar(t: i32): void {
  if (!halted && closeAtEnd && t == T - 1) closeAll(t, REASON_END_OF_DATA);
  let v = nav();
  if (!halted && v <= 0) {
    closeAll(t, REASON_BANKRUPT);
    const b = book;
    for (let i = 0; i < b.workingCount; i++) b.end(unchecked(b.working[i]), STATUS_CANCELLED, END_BANKRUPT, t);
    b.compact();
    halted = true;
    bankruptBar = t;
    v = nav();
  } else if (!halted && limitsOn) {
    const rule = limitPostTrade(t, unchecked(time[t]), navPrev, v);
    if (rule >= 0) {
      trip(t, rule);
      v = nav();
    }
  }
  unchecked((navSeries[t] = v));
  unchecked((cashSeries[t] = cash));
  if (t == T - 1) for (let k = 0; k < K; k++) positionsUntil(k, T, unchecked(lots[k]) * unchecked(lotSize[k]));
  if (observesCloses()) for (let k = 0; k < K; k++) if (present(k, t)) observeClose(k, unchecked(close[k * T + t]));
  navPrev = v;
}

// ---- evaluation ----

/** One order on one bar (`auction` 1: a market order in the close auction). The instrument has a bar at t. */
function evaluateOrder(id: i32, t: i32, auction: i32): void {
  const b = book;
  const k = unchecked(b.instrument[id]);
  const side = unchecked(b.side[id]);
  const i = k * T + t;
  const o = unchecked(open[i]);
  const hi = unchecked(high[i]);
  const lo = unchecked(low[i]);
  const h = half;
  if (unchecked(b.tif[id]) == TIF_DAY) {
    const expiry = unchecked(b.expiry[id]);
    if (expiry != expiry) unchecked((b.expiry[id] = utcDayEnd(unchecked(time[t]))));
    else if (unchecked(time[t]) >= expiry) {
      b.end(id, STATUS_EXPIRED, END_TIME_IN_FORCE, t);
      return;
    }
  }
  if (unchecked(b.lots[id]) != unchecked(b.lots[id])) {
    // Weight-sized: priced at the bar price it is about to execute at, valued at the last recorded NAV.
    const price = auction == 1 ? unchecked(close[i]) : o;
    const v = auction == 1 ? navNow : navPrev;
    const q = wholeLots((unchecked(b.weight[id]) * v) / (price * unchecked(lotSize[k])));
    unchecked((b.lots[id] = q));
    unchecked((b.remaining[id] = q));
    if (!(q > 0)) {
      unchecked((b.lots[id] = 0));
      unchecked((b.remaining[id] = 0));
      b.end(id, STATUS_REFUSED, END_ZERO_QUANTITY, t);
      return;
    }
    if (limitsOn) {
      // Checked when sized: at the price and NAV it is sized with, the volume of the bar it was decided at.
      const decided = unchecked(b.submittedBar[id]) - (unchecked(b.source[id]) == SOURCE_SCHEDULED ? 1 : 0);
      const vol = decided >= 0 ? unchecked(volume[k * T + decided]) : NaN;
      const allowed = limitAllowed(id, unchecked(time[t]), k, side, q, unchecked(b.reduceOnly[id]), price, v, vol);
      if (limitRule >= 0) {
        const lot = unchecked(lotSize[k]);
        limitLog.add(t, id, k, side, q * lot, allowed * lot, limitRule);
        if (allowed == 0) {
          b.end(id, STATUS_REFUSED, END_LIMIT, t);
          return;
        }
        unchecked((b.lots[id] = allowed));
        unchecked((b.remaining[id] = allowed));
      }
    }
  }
  let want = unchecked(b.remaining[id]);
  const reduceOnly = unchecked(b.reduceOnly[id]);
  if (reduceOnly == 1) {
    const pos = unchecked(lots[k]);
    if (pos * <f64>side >= 0) {
      b.end(id, STATUS_CANCELLED, END_NOTHING_TO_REDUCE, t);
      return;
    }
    const held = pos < 0 ? -pos : pos;
    if (want > held) want = held;
  }
  const type = unchecked(b.type[id]);
  if (auction == 1) executeMarket(x, side, h, unchecked(close[i]), 0);
  else if (type == TYPE_MARKET) executeMarket(x, side, h, o, 1);
  else if (type == TYPE_LIMIT) executeLimit(x, side, h, o, hi, lo, unchecked(b.limit[id]));
  else if (type == TYPE_STOP) {
    if (unchecked(b.triggered[id]) == 1) executeMarket(x, side, h, o, 1);
    else executeStop(x, side, h, o, hi, lo, unchecked(b.stop[id]));
  } else if (type == TYPE_STOP_LIMIT) {
    if (unchecked(b.triggered[id]) == 1) executeLimit(x, side, h, o, hi, lo, unchecked(b.limit[id]));
    else executeStopLimit(x, side, h, o, hi, lo, unchecked(b.stop[id]), unchecked(b.limit[id]));
  } else {
    if (unchecked(b.triggered[id]) == 1) executeMarket(x, side, h, o, 1);
    else {
      if (unchecked(b.trailRef[id]) != unchecked(b.trailRef[id])) unchecked((b.trailRef[id] = o));
      executeStop(x, side, h, o, hi, lo, trailLevel(side, unchecked(b.trailRef[id]), unchecked(b.trailAmount[id]), unchecked(b.trailFraction[id])));
    }
  }
  if (x.triggered == 1) unchecked((b.triggered[id] = 1));
  if (x.base == x.base) {
    const filled = fill(x, t, k, side, want, id, REASON_ORDER, -1, reduceOnly == 0);
    if (filled < 0) {
      b.end(id, STATUS_REFUSED, <i32>-filled, t);
      return;
    }
    unchecked((b.remaining[id] = unchecked(b.remaining[id]) - filled));
    unchecked((b.filled[id] = unchecked(b.filled[id]) + filled));
    if (unchecked(b.remaining[id]) == 0) {
      b.end(id, STATUS_FILLED, END_NONE, t);
      return;
    }
    if (reduceOnly == 1 && unchecked(lots[k]) * <f64>side >= 0) {
      b.end(id, STATUS_CANCELLED, END_NOTHING_TO_REDUCE, t);
      return;
    }
    if (volumeRemainder == REMAINDER_CANCEL) {
      b.end(id, STATUS_CANCELLED, END_VOLUME_REMAINDER, t);
      return;
    }
  }
  const active = unchecked(b.barsActive[id]) + 1;
  unchecked((b.barsActive[id] = active));
  if (unchecked(b.tif[id]) == TIF_BARS && active >= unchecked(b.tifBars[id])) b.end(id, STATUS_EXPIRED, END_TIME_IN_FORCE, t);
}

/**
 * Exit rules of one open trade on one bar (its instrument has a bar at t): a pending exit executes as a market
 * order; otherwise the stop (tighter of stop-loss and trailing, stop-loss on a tie) and the take-profit are
 * tested with the gap rules and, when both are reached inside the bar, the bracket rule.
 */
function evaluateExit(id: i32, t: i32, auction: i32): void {
  const tb = trades;
  const k = unchecked(tb.instrument[id]);
  const side = unchecked(tb.side[id]);
  const exitSide = -side;
  const i = k * T + t;
  const o = unchecked(open[i]);
  const hi = unchecked(high[i]);
  const lo = unchecked(low[i]);
  const h = half;
  let reason = unchecked(tb.pendingExit[id]);
  // 0: the market execution in x, 1: the stop in x, 2: the take-profit in y.
  let which = 0;
  if (reason != 0) {
    if (auction == 1) executeMarket(x, exitSide, h, unchecked(close[i]), 0);
    else executeMarket(x, exitSide, h, o, 1);
  } else {
    if (auction == 1) return;
    let stop = unchecked(tb.stopLoss[id]);
    let stopReason = REASON_STOP_LOSS;
    const ref = unchecked(tb.trailRef[id]);
    if (ref == ref) {
      const trail = trailLevel(exitSide, ref, unchecked(tb.trailAmount[id]), unchecked(tb.trailFraction[id]));
      if (stop != stop || (side > 0 ? trail > stop : trail < stop)) {
        stop = trail;
        stopReason = REASON_TRAILING_STOP;
      }
    }
    const tp = unchecked(tb.takeProfit[id]);
    x.reset();
    y.reset();
    if (stop == stop) executeStop(x, exitSide, h, o, hi, lo, stop);
    if (tp == tp) executeLimit(y, exitSide, h, o, hi, lo, tp);
    const stopHit = x.base == x.base;
    const tpHit = y.base == y.base;
    if (stopHit && x.atOpen == 1) which = 1;
    else if (tpHit && y.atOpen == 1) which = 2;
    else if (stopHit && tpHit) which = stopComesFirst(bracketRule, side, o, hi, lo) ? 1 : 2;
    else if (stopHit) which = 1;
    else if (tpHit) which = 2;
    else return;
    reason = which == 1 ? stopReason : REASON_TAKE_PROFIT;
  }
  fill(which == 2 ? y : x, t, k, exitSide, unchecked(tb.lots[id]), -1, reason, id, false);
  // The volume-capped rest of a triggered stop or time stop goes on as a market exit; a take-profit rest rests.
  if (unchecked(tb.lots[id]) > 0 && reason != REASON_TAKE_PROFIT) unchecked((tb.pendingExit[id] = reason));
}

/**
 * Executes up to `want` lots at the execution `e`: volume cap, slippage (marketable fills only, capped at a
 * limit), commission and, for fills that add exposure, the risk checks. Returns the lots filled (0: the cap
 * left nothing) or −EndReason when refused.
 */
function fill(e: Execution, t: i32, k: i32, side: i32, want: f64, orderId: i32, reason: i32, exitTrade: i32, checkRisk: bool): f64 {
  const lot = unchecked(lotSize[k]);
  let q = want;
  if (volumeShare > 0) {
    const v = unchecked(volume[k * T + t]);
    const room = (v == v ? wholeLots((volumeShare * v) / lot) : 0) - unchecked(volumeUsed[k]);
    if (room < q) q = room;
  }
  if (!(q > 0)) return 0;
  const slip = e.marketable == 1 ? slippageFraction(k) : 0;
  const base = e.base;
  let price = base * (1 + <f64>side * slip);
  const cap = e.cap;
  if (cap == cap && <f64>side * (price - cap) > 0) price = cap;
  const units = q * lot;
  const commission = commissionFixed + commissionRelative * units * price;
  if (checkRisk) {
    const refused = riskCheck(k, side, q, price, commission, marginRatio, allowShort);
    if (refused != END_NONE) {
      if (refused == END_SHORT_NOT_ALLOWED) limitLog.add(t, orderId, k, side, want * lot, 0, RULE_NO_SHORT);
      return -(<f64>refused);
    }
  }
  const move = price - base;
  const slippageCost = units * (move < 0 ? -move : move);
  const spreadCost = e.mid == e.mid ? units * e.mid * half : 0;
  unchecked((volumeUsed[k] = unchecked(volumeUsed[k]) + q));
  applyFill(t, k, side, q, price, commission, slippageCost, spreadCost, orderId, reason, exitTrade, e.atOpen == 1 ? t : t + 1);
  return q;
}

/** Closes every open trade at its instrument's mark (last known close) with normal costs, no volume cap. */
function closeAll(t: i32, reason: i32): void {
  const tb = trades;
  const n = tb.openCount;
  for (let i = 0; i < n; i++) {
    const id = unchecked(tb.openIds[i]);
    const q = unchecked(tb.lots[id]);
    if (q == 0) continue;
    closeAtMark(t, unchecked(tb.instrument[id]), -unchecked(tb.side[id]), q, id, reason);
  }
  tb.compact();
}

/** A market fill of `q` lots at instrument k's mark with normal costs: closes trade `trade`, or nets FIFO when −1. */
function closeAtMark(t: i32, k: i32, exitSide: i32, q: f64, trade: i32, reason: i32): void {
  executeMarket(x, exitSide, half, markOf(k), 0);
  const slip = slippageFraction(k);
  const base = x.base;
  const price = base * (1 + <f64>exitSide * slip);
  const units = q * unchecked(lotSize[k]);
  const commission = commissionFixed + commissionRelative * units * price;
  const move = price - base;
  applyFill(t, k, exitSide, q, price, commission, units * (move < 0 ? -move : move), units * x.mid * half, -1, reason, trade, t + 1);
}

/**
 * A post-trade limit tripped at bar t's close (the reference's trip): working orders cancelled and logged, then the
 * positions closed at their marks (flatten, daily loss) or cut to toward-zero lots of `fraction`, FIFO (reduce).
 */
function trip(t: i32, rule: i32): void {
  const b = book;
  for (let i = 0; i < b.workingCount; i++) {
    const id = unchecked(b.working[i]);
    const k = unchecked(b.instrument[id]);
    limitLog.add(t, id, k, unchecked(b.side[id]), unchecked(b.remaining[id]) * unchecked(lotSize[k]), 0, rule);
    b.end(id, STATUS_CANCELLED, END_LIMIT, t);
  }
  b.compact();
  const reason = rule == RULE_KILL_SWITCH ? REASON_KILL_SWITCH : REASON_DAILY_LOSS;
  if (rule == RULE_KILL_SWITCH && killAction == KILL_REDUCE) {
    for (let k = 0; k < K; k++) {
      const held = unchecked(lots[k]);
      if (held == 0) continue;
      const cut = held - wholeLotsSigned(held * killFraction);
      if (cut == 0) continue;
      closeAtMark(t, k, cut > 0 ? -1 : 1, cut > 0 ? cut : -cut, -1, reason);
    }
    trades.compact();
  } else closeAll(t, reason);
}

// ---- the account as a strategy sees it ----

export function openTradeCount(k: i32): i32 {
  const tb = trades;
  if (k < 0) return tb.openCount;
  let n = 0;
  for (let i = 0; i < tb.openCount; i++) if (unchecked(tb.instrument[unchecked(tb.openIds[i])]) == k) n++;
  return n;
}

export function workingOrderCount(k: i32): i32 {
  const b = book;
  if (k < 0) return b.workingCount;
  let n = 0;
  for (let i = 0; i < b.workingCount; i++) if (unchecked(b.instrument[unchecked(b.working[i])]) == k) n++;
  return n;
}
