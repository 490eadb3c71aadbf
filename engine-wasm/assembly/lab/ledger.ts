// The account (src/core/lab/ledger.ts): cash, signed positions in lots, marks (last known closes), FIFO trade
// netting, the closed-trade records and the fill log. Every floating-point expression is the reference's, in
// the reference's order.
import { closed } from "./closed-trades";
import { END_MARGIN, END_NONE, END_SHORT_NOT_ALLOWED, REASON_ORDER } from "./codes";
import { fills } from "./fill-log";
import { atLeast } from "./growth";
import { lotSize } from "./inputs";
import { book } from "./order-book";
import { trades } from "./trade-book";

export let cash: f64 = 0;
/** Signed lots held per instrument. */
export let lots: StaticArray<f64> = new StaticArray<f64>(1);
/** Last known close per instrument (NaN before its first bar). */
export let mark: StaticArray<f64> = new StaticArray<f64>(1);
let instruments: i32 = 0;

export function ledgerReset(initialCash: f64, K: i32): void {
  cash = initialCash;
  instruments = K;
  lots = atLeast<f64>(lots, K);
  mark = atLeast<f64>(mark, K);
  for (let k = 0; k < K; k++) {
    unchecked((lots[k] = 0));
    unchecked((mark[k] = NaN));
  }
  trades.reset();
  closed.reset();
  fills.reset();
}

/** Cash + Σ_k position_k × mark_k, in instrument order; flat instruments are skipped. */
export function nav(): f64 {
  let v = cash;
  const K = instruments;
  for (let k = 0; k < K; k++) {
    const q = unchecked(lots[k]);
    if (q != 0) v += q * unchecked(lotSize[k]) * unchecked(mark[k]);
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
  let v = cash - s * (q * unchecked(lotSize[k])) * price - commission;
  let gross: f64 = 0;
  const K = instruments;
  for (let i = 0; i < K; i++) {
    const units = (i == k ? next : unchecked(lots[i])) * unchecked(lotSize[i]);
    if (units == 0) continue;
    const p = i == k ? price : unchecked(mark[i]);
    v += units * p;
    gross += (units < 0 ? -units : units) * p;
  }
  return gross * marginRatio > v ? END_MARGIN : END_NONE;
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
  unchecked((lots[k] = unchecked(lots[k]) + s * q));
  const tb = trades;
  if (exitTrade >= 0) {
    closePart(exitTrade, q, price, commission, bar, reason);
    return;
  }
  let rest = q;
  const n = tb.openCount;
  for (let i = 0; i < n && rest > 0; i++) {
    const id = unchecked(tb.openIds[i]);
    const open = unchecked(tb.lots[id]);
    if (open == 0 || unchecked(tb.instrument[id]) != k || unchecked(tb.side[id]) != -side) continue;
    const c = rest < open ? rest : open;
    closePart(id, c, price, commission * (c / q), bar, REASON_ORDER);
    rest -= c;
  }
  if (rest > 0) {
    const share = commission * (rest / q);
    const prior = orderId >= 0 ? unchecked(book.trade[orderId]) : -1;
    if (prior >= 0 && unchecked(tb.lots[prior]) > 0) {
      tb.extend(prior, rest, price, share);
    } else {
      const id = tb.open(k, side, rest, price, share, bar, armedFrom, orderId);
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
  if (unchecked(tb.lots[id]) == 0) unchecked((tb.pendingExit[id] = 0));
}
