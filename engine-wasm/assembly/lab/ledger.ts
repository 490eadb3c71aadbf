// The account (src/core/lab/ledger.ts): cash, signed positions in lots, marks (last known closes), FIFO trade
// netting, the closed-trade records and the fill log. Every floating-point expression is the reference's, in
// the reference's order.
//
// Two bookkeeping shortcuts the reference does not need, with the same numbers: marks are brought up to date
// when read (`markOf`) rather than for every instrument at every bar, and NAV and the margin check sum over the
// list of instruments held (ascending, kept by the fills) rather than over all K skipping the flat ones; a fill
// nets against the open trades only when its instrument has some on the other side (counted per side).
import { closed } from "./closed-trades";
import { END_MARGIN, END_NONE, END_SHORT_NOT_ALLOWED } from "./codes";
import { fills } from "./fill-log";
import { atLeast } from "./growth";
import { T, close, lotSize } from "./inputs";
import { book } from "./order-book";
import { positionsUntil } from "./position-series";
import { present } from "./presence";
import { trades } from "./trade-book";

export let cash: f64 = 0;
/** Signed lots held per instrument. */
export let lots: StaticArray<f64> = new StaticArray<f64>(1);
/** Last known close per instrument (NaN before its first bar) as of bar markBar[k]: read it through markOf. */
let mark: StaticArray<f64> = new StaticArray<f64>(1);
let markBar: StaticArray<i32> = new StaticArray<i32>(1);
/** Last bar whose closes are marks (the engine's endOfBar moves it; −1 before the first). */
let markedThrough: i32 = -1;
/** Instruments with lots ≠ 0, ascending (the first heldCount). */
let held: StaticArray<i32> = new StaticArray<i32>(1);
let heldCount: i32 = 0;
/** Open trades (lots > 0) per instrument: long ones at 2k, short ones at 2k + 1. */
let openBySide: StaticArray<i32> = new StaticArray<i32>(1);

export function ledgerReset(initialCash: f64, K: i32): void {
  cash = initialCash;
  lots = atLeast<f64>(lots, K);
  mark = atLeast<f64>(mark, K);
  markBar = atLeast<i32>(markBar, K);
  held = atLeast<i32>(held, K);
  openBySide = atLeast<i32>(openBySide, 2 * K);
  memory.fill(changetype<usize>(openBySide), 0, <usize>K << 3);
  for (let k = 0; k < K; k++) {
    unchecked((lots[k] = 0));
    unchecked((mark[k] = NaN));
    unchecked((markBar[k] = -1));
  }
  markedThrough = -1;
  heldCount = 0;
  trades.reset();
  closed.reset();
  fills.reset();
}

/** Bar t's closes become the marks (the reference's endOfBar loop, done lazily by markOf). */
export function markThrough(t: i32): void {
  markedThrough = t;
}

/** Instrument k's last known close through the marked bar: its close at the latest bar ≤ that where it has one. */
export function markOf(k: i32): f64 {
  const from = unchecked(markBar[k]);
  const to = markedThrough;
  if (from < to) {
    for (let t = to; t > from; t--) {
      if (present(k, t)) {
        unchecked((mark[k] = unchecked(close[k * T + t])));
        break;
      }
    }
    unchecked((markBar[k] = to));
  }
  return unchecked(mark[k]);
}

/** Cash + Σ_k position_k × mark_k, in instrument order; flat instruments are skipped. */
export function nav(): f64 {
  let v = cash;
  for (let i = 0; i < heldCount; i++) {
    const k = unchecked(held[i]);
    v += unchecked(lots[k]) * unchecked(lotSize[k]) * markOf(k);
  }
  return v;
}

/** END_NONE when the fill may proceed, else why it is refused. */
export function riskCheck(k: i32, side: i32, q: f64, price: f64, commission: f64, marginRatio: f64, allowShort: bool): i32 {
  const old = unchecked(lots[k]);
  const s = <f64>side;
  if (old * s < 0 && q <= (old < 0 ? -old : old)) return END_NONE;
  const next = old + s * q;
  if (!allowShort && next < 0) return END_SHORT_NOT_ALLOWED;
  riskValue = cash - s * (q * unchecked(lotSize[k])) * price - commission;
  riskGross = 0;
  // Instruments in ascending order: the held ones, and k with its position after the fill wherever it falls.
  let kDone = false;
  for (let j = 0; j < heldCount; j++) {
    const i = unchecked(held[j]);
    if (!kDone && k <= i) {
      kDone = true;
      if (k < i) riskAdd(next * unchecked(lotSize[k]), price);
    }
    if (i == k) riskAdd(next * unchecked(lotSize[i]), price);
    else riskAdd(unchecked(lots[i]) * unchecked(lotSize[i]), markOf(i));
  }
  if (!kDone) riskAdd(next * unchecked(lotSize[k]), price);
  return riskGross * marginRatio > riskValue ? END_MARGIN : END_NONE;
}

let riskValue: f64 = 0;
let riskGross: f64 = 0;

@inline function riskAdd(units: f64, p: f64): void {
  if (units == 0) return;
  riskValue += units * p;
  riskGross += (units < 0 ? -units : units) * p;
}

/** Keeps `held` in step with a position going from `before` to `after` lots. */
function heldUpdate(k: i32, before: f64, after: f64): void {
  if ((before != 0) == (after != 0)) return;
  let j = 0;
  while (j < heldCount && unchecked(held[j]) < k) j++;
  if (after != 0) {
    for (let i = heldCount; i > j; i--) unchecked((held[i] = held[i - 1]));
    unchecked((held[j] = k));
    heldCount++;
  } else {
    heldCount--;
    for (let i = j; i < heldCount; i++) unchecked((held[i] = held[i + 1]));
  }
}

/**
 * Books one fill. `exitTrade` ≥ 0: the fill closes that trade (an exit rule fired). Otherwise it nets FIFO and
 * may open or extend the trade of order `orderId`; `armedFrom` is the first bar a new trade's exits are tested.
 */
export function applyFill(
  bar: i32, k: i32, side: i32, q: f64, price: f64, commission: f64, slippageCost: f64, spreadCost: f64,
  orderId: i32, reason: i32, exitTrade: i32, armedFrom: i32,
): void {
  const units = q * unchecked(lotSize[k]);
  fills.add(bar, k, side, units, price, commission, slippageCost, spreadCost, orderId, reason);
  const s = <f64>side;
  cash = cash - s * units * price - commission;
  const before = unchecked(lots[k]);
  positionsUntil(k, bar, before * unchecked(lotSize[k]));
  unchecked((lots[k] = before + s * q));
  heldUpdate(k, before, unchecked(lots[k]));
  const tb = trades;
  if (exitTrade >= 0) {
    closePart(exitTrade, q, price, commission, bar, reason);
    return;
  }
  let rest = q;
  const n = unchecked(openBySide[2 * k + (side > 0 ? 1 : 0)]) > 0 ? tb.openCount : 0;
  for (let i = 0; i < n && rest > 0; i++) {
    const id = unchecked(tb.openIds[i]);
    const open = unchecked(tb.lots[id]);
    if (open == 0 || unchecked(tb.instrument[id]) != k || unchecked(tb.side[id]) != -side) continue;
    const c = rest < open ? rest : open;
    closePart(id, c, price, commission * (c / q), bar, reason);
    rest -= c;
  }
  if (rest > 0) {
    const share = commission * (rest / q);
    const prior = orderId >= 0 ? unchecked(book.trade[orderId]) : -1;
    if (prior >= 0 && unchecked(tb.lots[prior]) > 0) {
      tb.extend(prior, rest, price, share);
    } else {
      const id = tb.open(k, side, rest, price, share, bar, armedFrom, orderId);
      const at = 2 * k + (side > 0 ? 0 : 1);
      unchecked((openBySide[at] = unchecked(openBySide[at]) + 1));
      if (orderId >= 0) {
        unchecked((book.trade[orderId] = id));
        copyExitRules(id, orderId, side, price);
      }
    }
  }
}

/** Exit rules of a new trade from its entry order; fractions are taken of the first fill's price. */
function copyExitRules(id: i32, orderId: i32, side: i32, price: f64): void {
  const tb = trades;
  const b = book;
  const s = <f64>side;
  const sl = unchecked(b.stopLoss[orderId]);
  const slf = unchecked(b.stopLossFraction[orderId]);
  const tp = unchecked(b.takeProfit[orderId]);
  const tpf = unchecked(b.takeProfitFraction[orderId]);
  unchecked((tb.stopLoss[id] = sl == sl ? sl : slf == slf ? price * (1 - s * slf) : NaN));
  unchecked((tb.takeProfit[id] = tp == tp ? tp : tpf == tpf ? price * (1 + s * tpf) : NaN));
  const amount = unchecked(b.exitTrailAmount[orderId]);
  const fraction = unchecked(b.exitTrailFraction[orderId]);
  unchecked((tb.trailAmount[id] = amount));
  unchecked((tb.trailFraction[id] = fraction));
  const trailing = amount == amount || fraction == fraction;
  unchecked((tb.trailRef[id] = trailing ? price : NaN));
  unchecked((tb.timeStopBars[id] = unchecked(b.timeStopBars[orderId])));
}

/** Closes `q` lots of trade `id` at `price` and writes the closed-trade record. */
function closePart(id: i32, q: f64, price: f64, exitCommission: f64, bar: i32, reason: i32): void {
  const tb = trades;
  const open = unchecked(tb.lots[id]);
  const entryShare = unchecked(tb.entryCommission[id]) * (q / open);
  const k = unchecked(tb.instrument[id]);
  closed.add(
    id, k, unchecked(tb.side[id]), unchecked(tb.entryBar[id]), unchecked(tb.entryOrder[id]), q * unchecked(lotSize[k]),
    unchecked(tb.entryPrice[id]), bar, price, entryShare + exitCommission, reason,
  );
  unchecked((tb.lots[id] = open - q));
  unchecked((tb.entryCommission[id] = unchecked(tb.entryCommission[id]) - entryShare));
  if (unchecked(tb.lots[id]) == 0) {
    unchecked((tb.pendingExit[id] = 0));
    const at = 2 * k + (unchecked(tb.side[id]) > 0 ? 0 : 1);
    unchecked((openBySide[at] = unchecked(openBySide[at]) - 1));
    tb.closedSinceCompact = true;
  }
}
