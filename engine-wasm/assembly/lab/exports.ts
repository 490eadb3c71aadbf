// Entry points of the lab engine profile (re-exported by ../index.ts). ABI, all numbers:
//
//   Inputs. labPrepare(K, T, S, R) sizes the input buffers; labInputPtr(which) gives each buffer, to be written
//   by the host as f64:
//     0 time (T)   1 open  2 high  3 low  4 close  5 volume (K×T each, instrument-major, NaN = no bar)
//     6 lotSize (K)   7 config (24, layout C_* of inputs.ts)   8 schedule time (S, ascending)
//     9 schedule orders (S rows of 20, layout F_* of order-fields.ts)   10 rebalance time (R, ascending)
//     11 rebalance weights (R×K, NaN = leave alone)   12 strategy params (≤ 16)   13 one order row (20)
//     14 one rebalance's weights (K)
//   labStart(strategyId, nParams) -> 0 or −error (1: unknown strategy or bad parameters, 2: bad sizes). Resets
//     every table and seeds the RNG; call it after writing the inputs. Strategy ids: 0 none, 1 sma-cross
//     (fast, slow, weight), 2 momentum (lookback, threshold, weight), 3 mean-reversion (window, entryZ, exitZ,
//     weight), 4 xmom, 5 pairs, 6 scheduled-targets (drift, minTrade, J, J bars, J × K weights: labPrepareParams
//     first).
//   labRun(from, to): runs bars [from, to) with the loaded scheduled entries, rebalances and built-in strategy;
//     call it over consecutive ranges from 0 to T (one call, or slices of a long run).
//   Step mode (a host strategy in JS; the host loops over bars as runLab does):
//     labSubmitArrival(t) / labSubmitDecision(t) -> order id (reads the order row, buffer 13)
//     labCancel(id, t)   labRebalance(t) (reads buffer 14)   labOpenPhase(t)   labEndOfBar(t)
//     labCloseAuction(t)   labFinishBar(t)
//     labHalted()   labNavNow()   labCash()   labHeldLots(k)   labMark(k)   labOpenTrades(k)   labWorkingOrders(k)
//     (k = −1: all instruments)
//   Results (pointers valid until the next labPrepare/labStart/run; re-create views, memory may have grown):
//     labSeriesPtr(c): 0 nav (T), 1 cash (T)
//     labPositionRunCount(), labPositionRunColumn(c): the positions (units) as runs of equal cells, +0 left out
//                                       (position-series.ts): i32 0 instrument 1 from bar 2 to bar (exclusive);
//                                       f64 3 units
//     labFillCount(), labFillColumn(c): i32 0 bar 1 instrument 2 side 3 orderId 4 reason;
//                                       f64 5 quantity 6 price 7 commission 8 slippage 9 spread
//     labClosedCount(), labClosedColumn(c): i32 0 trade 1 instrument 2 side 3 entryBar 4 exitBar 5 exitReason
//                                       6 entryOrder; f64 7 quantity 8 entryPrice 9 exitPrice 10 commission 11 pnl
//                                       12 returnPct
//     labOrderCount(), labOrderColumn(c): i32 0 instrument 1 side 2 type 3 source 4 status 5 endReason
//                                       6 submittedBar 7 endBar; f64 8 lots 9 filledLots 10 limit 11 stop
//     labOpenCount(), labOpenIdsPtr() (i32 trade ids, oldest first), labTradeColumn(c) by trade id:
//                                       i32 0 instrument 1 side 2 entryBar; f64 3 lots 4 entryPrice
//     labLimitCount(), labLimitColumn(c): orders a risk limit reduced, refused or cancelled (limit-log.ts):
//                                       i32 0 bar 1 orderId 2 instrument 3 side 4 rule; f64 5 requested 6 allowed
//                                       (units)
//     labLimitEventCount(), labLimitEventColumn(c): post-trade trips: i32 0 bar 1 rule; f64 2 nav
//     labMeta(c): 0 bankruptBar 1 rngDraws 2 unscheduled entries (labRun only) 3 trades opened
import { closed } from "./closed-trades";
import {
  bankruptBar, cancel, cashSeries, closeAuction, endOfBar, finishBar, halted, navNow, navSeries, openPhase,
  openTradeCount, rebalance, submitArrival, submitDecision, workingOrderCount,
} from "./engine";
import { fills } from "./fill-log";
import { fieldsBlock, inputPtr, prepareInputs, prepareParams, weightsBlock } from "./inputs";
import { cash, lots, markOf } from "./ledger";
import { limitEvents, limitLog } from "./limit-log";
import { book } from "./order-book";
import { OrderFields } from "./order-fields";
import { positionRuns } from "./position-series";
import { runBars, start, unscheduled } from "./run";
import { draws } from "./slippage";
import { trades } from "./trade-book";

const submitted = new OrderFields();

@inline function ptr<T>(a: StaticArray<T>): usize {
  return changetype<usize>(a);
}

export function labPrepare(K: i32, T: i32, S: i32, R: i32): i32 {
  if (K < 1 || T < 1 || S < 0 || R < 0) return -2;
  prepareInputs(K, T, S, R);
  return 0;
}

/** Room for n strategy parameters (buffer 12), beyond the 16 always there; call after labPrepare. */
export function labPrepareParams(n: i32): i32 {
  if (n < 0) return -2;
  prepareParams(n);
  return 0;
}

export function labInputPtr(which: i32): usize {
  return inputPtr(which);
}

export function labStart(strategyId: i32, nParams: i32): i32 {
  return start(strategyId, nParams);
}

export function labRun(from: i32, to: i32): void {
  runBars(from, to);
}

// ---- step mode ----

export function labSubmitArrival(t: i32): i32 {
  submitted.read(fieldsBlock, 0);
  return submitArrival(submitted, t);
}

export function labSubmitDecision(t: i32): i32 {
  submitted.read(fieldsBlock, 0);
  return submitDecision(submitted, t);
}

export function labCancel(id: i32, t: i32): void {
  cancel(id, t);
}

export function labRebalance(t: i32): void {
  rebalance(weightsBlock, 0, t);
}

export function labOpenPhase(t: i32): void {
  openPhase(t);
}

export function labEndOfBar(t: i32): void {
  endOfBar(t);
}

export function labCloseAuction(t: i32): void {
  closeAuction(t);
}

export function labFinishBar(t: i32): void {
  finishBar(t);
}

export function labHalted(): bool {
  return halted;
}

export function labNavNow(): f64 {
  return navNow;
}

export function labCash(): f64 {
  return cash;
}

export function labHeldLots(k: i32): f64 {
  return unchecked(lots[k]);
}

export function labMark(k: i32): f64 {
  return markOf(k);
}

export function labOpenTrades(k: i32): i32 {
  return openTradeCount(k);
}

export function labWorkingOrders(k: i32): i32 {
  return workingOrderCount(k);
}

// ---- results ----

export function labSeriesPtr(c: i32): usize {
  return c == 0 ? ptr<f64>(navSeries) : ptr<f64>(cashSeries);
}

export function labPositionRunCount(): i32 {
  return positionRuns.count;
}

export function labPositionRunColumn(c: i32): usize {
  const r = positionRuns;
  return c == 0 ? ptr<i32>(r.instrument) : c == 1 ? ptr<i32>(r.from) : c == 2 ? ptr<i32>(r.to) : ptr<f64>(r.units);
}

export function labFillCount(): i32 {
  return fills.count;
}

export function labFillColumn(c: i32): usize {
  const f = fills;
  switch (c) {
    case 0: return ptr<i32>(f.bar);
    case 1: return ptr<i32>(f.instrument);
    case 2: return ptr<i32>(f.side);
    case 3: return ptr<i32>(f.orderId);
    case 4: return ptr<i32>(f.reason);
    case 5: return ptr<f64>(f.quantity);
    case 6: return ptr<f64>(f.price);
    case 7: return ptr<f64>(f.commission);
    case 8: return ptr<f64>(f.slippage);
    case 9: return ptr<f64>(f.spread);
  }
  return 0;
}

export function labClosedCount(): i32 {
  return closed.count;
}

export function labClosedColumn(c: i32): usize {
  const x = closed;
  switch (c) {
    case 0: return ptr<i32>(x.trade);
    case 1: return ptr<i32>(x.instrument);
    case 2: return ptr<i32>(x.side);
    case 3: return ptr<i32>(x.entryBar);
    case 4: return ptr<i32>(x.exitBar);
    case 5: return ptr<i32>(x.exitReason);
    case 6: return ptr<i32>(x.entryOrder);
    case 7: return ptr<f64>(x.quantity);
    case 8: return ptr<f64>(x.entryPrice);
    case 9: return ptr<f64>(x.exitPrice);
    case 10: return ptr<f64>(x.commission);
    case 11: return ptr<f64>(x.pnl);
    case 12: return ptr<f64>(x.returnPct);
  }
  return 0;
}

export function labOrderCount(): i32 {
  return book.count;
}

export function labOrderColumn(c: i32): usize {
  const b = book;
  switch (c) {
    case 0: return ptr<i32>(b.instrument);
    case 1: return ptr<i32>(b.side);
    case 2: return ptr<i32>(b.type);
    case 3: return ptr<i32>(b.source);
    case 4: return ptr<i32>(b.status);
    case 5: return ptr<i32>(b.endReason);
    case 6: return ptr<i32>(b.submittedBar);
    case 7: return ptr<i32>(b.endBar);
    case 8: return ptr<f64>(b.lots);
    case 9: return ptr<f64>(b.filled);
    case 10: return ptr<f64>(b.limit);
    case 11: return ptr<f64>(b.stop);
  }
  return 0;
}

export function labOpenCount(): i32 {
  return trades.openCount;
}

export function labOpenIdsPtr(): usize {
  return ptr<i32>(trades.openIds);
}

export function labTradeColumn(c: i32): usize {
  const tb = trades;
  switch (c) {
    case 0: return ptr<i32>(tb.instrument);
    case 1: return ptr<i32>(tb.side);
    case 2: return ptr<i32>(tb.entryBar);
    case 3: return ptr<f64>(tb.lots);
    case 4: return ptr<f64>(tb.entryPrice);
  }
  return 0;
}

export function labLimitCount(): i32 {
  return limitLog.count;
}

export function labLimitColumn(c: i32): usize {
  const l = limitLog;
  switch (c) {
    case 0: return ptr<i32>(l.bar);
    case 1: return ptr<i32>(l.orderId);
    case 2: return ptr<i32>(l.instrument);
    case 3: return ptr<i32>(l.side);
    case 4: return ptr<i32>(l.rule);
    case 5: return ptr<f64>(l.requested);
    case 6: return ptr<f64>(l.allowed);
  }
  return 0;
}

export function labLimitEventCount(): i32 {
  return limitEvents.count;
}

export function labLimitEventColumn(c: i32): usize {
  const e = limitEvents;
  return c == 0 ? ptr<i32>(e.bar) : c == 1 ? ptr<i32>(e.rule) : ptr<f64>(e.nav);
}

export function labMeta(c: i32): f64 {
  switch (c) {
    case 0: return <f64>bankruptBar;
    case 1: return <f64>draws;
    case 2: return <f64>unscheduled;
    case 3: return <f64>trades.count;
  }
  return NaN;
}
