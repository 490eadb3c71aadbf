import { growF64, growI32, nextCapacity } from './growth';

/**
 * Open trades, struct-of-arrays (the trade id is its row; ids follow opening order). A trade is one entry
 * order's position: its first opening fill creates it, later opening fills of the same order extend it
 * (entry price becomes the quantity-weighted average). Closing fills reduce it; each closing fill writes one
 * closed-trade record (closed-trades.ts). `openIds` lists the open trades oldest first — the FIFO order in
 * which opposite orders close them and the order their exits are evaluated in.
 *
 * Exit rules live on the trade (not as separate orders): stop-loss price, take-profit price, trailing
 * distance and its reference, time stop. `pendingExit` holds the Reason of an exit that was triggered but
 * not (fully) filled — it then executes as a market order at the next opportunity.
 */
export class TradeBook {
  count = 0;
  capacity = 0;
  instrument = new Int32Array(0);
  side = new Int32Array(0);
  entryBar = new Int32Array(0);
  entryOrder = new Int32Array(0);
  /** First bar on which the trade's exits are evaluated. */
  armedFrom = new Int32Array(0);
  /** Bars of its instrument completed while open (the entry bar counts). */
  barsHeld = new Int32Array(0);
  timeStopBars = new Int32Array(0);
  pendingExit = new Int32Array(0);
  /** Open lots (> 0 while open, 0 once closed). */
  lots = new Float64Array(0);
  entryPrice = new Float64Array(0);
  /** Entry commission not yet charged to a closed-trade record. */
  entryCommission = new Float64Array(0);
  stopLoss = new Float64Array(0);
  takeProfit = new Float64Array(0);
  trailAmount = new Float64Array(0);
  trailFraction = new Float64Array(0);
  /** Best price since arming: highest high for longs, lowest low for shorts. */
  trailRef = new Float64Array(0);

  openIds = new Int32Array(16);
  openCount = 0;

  private ensure(needed: number): void {
    if (needed <= this.capacity) return;
    const c = nextCapacity(this.capacity, needed);
    this.instrument = growI32(this.instrument, c);
    this.side = growI32(this.side, c);
    this.entryBar = growI32(this.entryBar, c);
    this.entryOrder = growI32(this.entryOrder, c);
    this.armedFrom = growI32(this.armedFrom, c);
    this.barsHeld = growI32(this.barsHeld, c);
    this.timeStopBars = growI32(this.timeStopBars, c);
    this.pendingExit = growI32(this.pendingExit, c);
    this.lots = growF64(this.lots, c);
    this.entryPrice = growF64(this.entryPrice, c);
    this.entryCommission = growF64(this.entryCommission, c);
    this.stopLoss = growF64(this.stopLoss, c);
    this.takeProfit = growF64(this.takeProfit, c);
    this.trailAmount = growF64(this.trailAmount, c);
    this.trailFraction = growF64(this.trailFraction, c);
    this.trailRef = growF64(this.trailRef, c);
    if (this.openIds.length < c) this.openIds = growI32(this.openIds, c);
    this.capacity = c;
  }

  /** Opens a trade; exit rules are set by the caller on the returned id. */
  open(instrument: number, side: number, lots: number, price: number, commission: number, bar: number, armedFrom: number, order: number): number {
    const id = this.count;
    this.ensure(id + 1);
    this.instrument[id] = instrument;
    this.side[id] = side;
    this.entryBar[id] = bar;
    this.entryOrder[id] = order;
    this.armedFrom[id] = armedFrom;
    this.barsHeld[id] = 0;
    this.timeStopBars[id] = 0;
    this.pendingExit[id] = 0;
    this.lots[id] = lots;
    this.entryPrice[id] = price;
    this.entryCommission[id] = commission;
    this.stopLoss[id] = NaN;
    this.takeProfit[id] = NaN;
    this.trailAmount[id] = NaN;
    this.trailFraction[id] = NaN;
    this.trailRef[id] = NaN;
    this.openIds[this.openCount++] = id;
    this.count = id + 1;
    return id;
  }

  /** Adds lots to an open trade at `price`: the entry price becomes the quantity-weighted average. */
  extend(id: number, lots: number, price: number, commission: number): void {
    const old = this.lots[id];
    const total = old + lots;
    this.entryPrice[id] = (this.entryPrice[id] * old + price * lots) / total;
    this.lots[id] = total;
    this.entryCommission[id] += commission;
  }

  /** Drops closed trades (lots = 0) from the open list, keeping opening order. */
  compact(): void {
    let w = 0;
    for (let i = 0; i < this.openCount; i++) {
      const id = this.openIds[i];
      if (this.lots[id] > 0) this.openIds[w++] = id;
    }
    this.openCount = w;
  }
}
