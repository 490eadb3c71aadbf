import { EndReason, OrderStatus } from './codes';
import { growF64, growI32, nextCapacity } from './growth';

/**
 * The numeric form of an order, as the engine receives it (friendly requests are converted by
 * order-request.ts). Codes: `side` ±1, `type` OrderType, `tif` TimeInForce, `source` OrderSource.
 * Prices and optional sizes are NaN when not set. Quantities are in instrument units.
 */
export interface OrderFields {
  instrument: number;
  side: number;
  type: number;
  /** Units (> 0), or NaN when the order is sized by `weight`. */
  quantity: number;
  /** Fraction of NAV (> 0), or NaN when sized by `quantity`. */
  weight: number;
  limit: number;
  stop: number;
  trailAmount: number;
  trailFraction: number;
  tif: number;
  /** For tif = Bars: bars (of its instrument) the order may stay working. */
  tifBars: number;
  /** 1: may only reduce an opposite position, never open or add; never refused by risk checks. */
  reduceOnly: number;
  /** Exit rules copied to the trade this order opens (NaN / 0 when absent). */
  stopLoss: number;
  takeProfit: number;
  stopLossFraction: number;
  takeProfitFraction: number;
  exitTrailAmount: number;
  exitTrailFraction: number;
  timeStopBars: number;
  source: number;
}

/** A blank OrderFields (market GTC order, nothing set) to fill in. */
export function blankOrderFields(): OrderFields {
  return {
    instrument: 0,
    side: 1,
    type: 0,
    quantity: NaN,
    weight: NaN,
    limit: NaN,
    stop: NaN,
    trailAmount: NaN,
    trailFraction: NaN,
    tif: 0,
    tifBars: 0,
    reduceOnly: 0,
    stopLoss: NaN,
    takeProfit: NaN,
    stopLossFraction: NaN,
    takeProfitFraction: NaN,
    exitTrailAmount: NaN,
    exitTrailFraction: NaN,
    timeStopBars: 0,
    source: 0,
  };
}

/**
 * Every order of a run, struct-of-arrays; the order id is its row (ids are given in submission order, never
 * at random). The table doubles as the order log of the result. `working` lists the ids still working, in
 * submission order, which is the order they are evaluated in on every bar.
 */
export class OrderBook {
  count = 0;
  capacity = 0;
  // ---- request (as submitted; sizes in lots) ----
  instrument = new Int32Array(0);
  side = new Int32Array(0);
  type = new Int32Array(0);
  tif = new Int32Array(0);
  tifBars = new Int32Array(0);
  reduceOnly = new Int32Array(0);
  source = new Int32Array(0);
  timeStopBars = new Int32Array(0);
  /** Requested lots; NaN while a weight-sized order has not been sized yet. */
  lots = new Float64Array(0);
  weight = new Float64Array(0);
  limit = new Float64Array(0);
  stop = new Float64Array(0);
  trailAmount = new Float64Array(0);
  trailFraction = new Float64Array(0);
  stopLoss = new Float64Array(0);
  takeProfit = new Float64Array(0);
  stopLossFraction = new Float64Array(0);
  takeProfitFraction = new Float64Array(0);
  exitTrailAmount = new Float64Array(0);
  exitTrailFraction = new Float64Array(0);
  // ---- state ----
  /** First bar on which the order may be evaluated. */
  activeFrom = new Int32Array(0);
  /** 1: a market order that executes in the close auction of bar `activeFrom` (fillTiming 'close'). */
  atClose = new Int32Array(0);
  status = new Int32Array(0);
  endReason = new Int32Array(0);
  /** Stop, stop-limit and trailing orders: 1 once the stop was reached (the order is then a market/limit). */
  triggered = new Int32Array(0);
  /** Bars (of its instrument) on which the order was evaluated; for tif = Bars. */
  barsActive = new Int32Array(0);
  submittedBar = new Int32Array(0);
  endBar = new Int32Array(0);
  /** Trade opened by this order's first opening fill (later opening fills extend it), or −1. */
  trade = new Int32Array(0);
  remaining = new Float64Array(0);
  filled = new Float64Array(0);
  /** Trailing orders: best price since activation (highest high for sells, lowest low for buys). */
  trailRef = new Float64Array(0);
  /** Day orders: the order expires at the first bar at or after this time (end of its first UTC day). */
  expiry = new Float64Array(0);

  working = new Int32Array(16);
  workingCount = 0;

  private ensure(needed: number): void {
    if (needed <= this.capacity) return;
    const c = nextCapacity(this.capacity, needed);
    this.instrument = growI32(this.instrument, c);
    this.side = growI32(this.side, c);
    this.type = growI32(this.type, c);
    this.tif = growI32(this.tif, c);
    this.tifBars = growI32(this.tifBars, c);
    this.reduceOnly = growI32(this.reduceOnly, c);
    this.source = growI32(this.source, c);
    this.timeStopBars = growI32(this.timeStopBars, c);
    this.lots = growF64(this.lots, c);
    this.weight = growF64(this.weight, c);
    this.limit = growF64(this.limit, c);
    this.stop = growF64(this.stop, c);
    this.trailAmount = growF64(this.trailAmount, c);
    this.trailFraction = growF64(this.trailFraction, c);
    this.stopLoss = growF64(this.stopLoss, c);
    this.takeProfit = growF64(this.takeProfit, c);
    this.stopLossFraction = growF64(this.stopLossFraction, c);
    this.takeProfitFraction = growF64(this.takeProfitFraction, c);
    this.exitTrailAmount = growF64(this.exitTrailAmount, c);
    this.exitTrailFraction = growF64(this.exitTrailFraction, c);
    this.activeFrom = growI32(this.activeFrom, c);
    this.atClose = growI32(this.atClose, c);
    this.status = growI32(this.status, c);
    this.endReason = growI32(this.endReason, c);
    this.triggered = growI32(this.triggered, c);
    this.barsActive = growI32(this.barsActive, c);
    this.submittedBar = growI32(this.submittedBar, c);
    this.endBar = growI32(this.endBar, c);
    this.trade = growI32(this.trade, c);
    this.remaining = growF64(this.remaining, c);
    this.filled = growF64(this.filled, c);
    this.trailRef = growF64(this.trailRef, c);
    this.expiry = growF64(this.expiry, c);
    if (this.working.length < c) this.working = growI32(this.working, c);
    this.capacity = c;
  }

  /**
   * Appends a working order and returns its id. `lots` is NaN for a weight-sized order; `trailRef` is the
   * reference price a trailing order starts from (NaN: its first evaluated bar's open).
   */
  add(f: OrderFields, lots: number, bar: number, activeFrom: number, atClose: number, trailRef: number): number {
    const id = this.count;
    this.ensure(id + 1);
    this.instrument[id] = f.instrument;
    this.side[id] = f.side;
    this.type[id] = f.type;
    this.tif[id] = f.tif;
    this.tifBars[id] = f.tifBars;
    this.reduceOnly[id] = f.reduceOnly;
    this.source[id] = f.source;
    this.timeStopBars[id] = f.timeStopBars;
    this.lots[id] = lots;
    this.weight[id] = f.weight;
    this.limit[id] = f.limit;
    this.stop[id] = f.stop;
    this.trailAmount[id] = f.trailAmount;
    this.trailFraction[id] = f.trailFraction;
    this.stopLoss[id] = f.stopLoss;
    this.takeProfit[id] = f.takeProfit;
    this.stopLossFraction[id] = f.stopLossFraction;
    this.takeProfitFraction[id] = f.takeProfitFraction;
    this.exitTrailAmount[id] = f.exitTrailAmount;
    this.exitTrailFraction[id] = f.exitTrailFraction;
    this.activeFrom[id] = activeFrom;
    this.atClose[id] = atClose;
    this.status[id] = OrderStatus.Working;
    this.endReason[id] = EndReason.None;
    this.triggered[id] = 0;
    this.barsActive[id] = 0;
    this.submittedBar[id] = bar;
    this.endBar[id] = -1;
    this.trade[id] = -1;
    this.remaining[id] = lots;
    this.filled[id] = 0;
    this.trailRef[id] = trailRef;
    this.expiry[id] = NaN;
    this.working[this.workingCount++] = id;
    this.count = id + 1;
    return id;
  }

  /** Ends a working order (it leaves the working list at the next `compact`). */
  end(id: number, status: number, reason: number, bar: number): void {
    this.status[id] = status;
    this.endReason[id] = reason;
    this.endBar[id] = bar;
  }

  /** Drops ended orders from the working list, keeping submission order. */
  compact(): void {
    let w = 0;
    for (let i = 0; i < this.workingCount; i++) {
      const id = this.working[i];
      if (this.status[id] === OrderStatus.Working) this.working[w++] = id;
    }
    this.workingCount = w;
  }
}
