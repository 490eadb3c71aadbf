// Open trades, struct-of-arrays (the port of src/core/lab/trade-book.ts). The trade id is its row; `openIds`
// lists the open trades oldest first (FIFO order), compacted only after a phase.
import { grow, nextCapacity } from "./growth";

export class TradeBook {
  count: i32 = 0;
  capacity: i32 = 0;
  instrument: StaticArray<i32> = new StaticArray<i32>(0);
  side: StaticArray<i32> = new StaticArray<i32>(0);
  entryBar: StaticArray<i32> = new StaticArray<i32>(0);
  entryOrder: StaticArray<i32> = new StaticArray<i32>(0);
  armedFrom: StaticArray<i32> = new StaticArray<i32>(0);
  barsHeld: StaticArray<i32> = new StaticArray<i32>(0);
  timeStopBars: StaticArray<i32> = new StaticArray<i32>(0);
  pendingExit: StaticArray<i32> = new StaticArray<i32>(0);
  lots: StaticArray<f64> = new StaticArray<f64>(0);
  entryPrice: StaticArray<f64> = new StaticArray<f64>(0);
  entryCommission: StaticArray<f64> = new StaticArray<f64>(0);
  stopLoss: StaticArray<f64> = new StaticArray<f64>(0);
  takeProfit: StaticArray<f64> = new StaticArray<f64>(0);
  trailAmount: StaticArray<f64> = new StaticArray<f64>(0);
  trailFraction: StaticArray<f64> = new StaticArray<f64>(0);
  trailRef: StaticArray<f64> = new StaticArray<f64>(0);

  openIds: StaticArray<i32> = new StaticArray<i32>(16);
  openCount: i32 = 0;
  /** A trade's lots reached 0 since the last compaction (the ledger sets it): otherwise compact() has nothing to drop. */
  closedSinceCompact: bool = false;

  reset(): void {
    this.count = 0;
    this.openCount = 0;
    this.closedSinceCompact = false;
  }

  private ensure(needed: i32): void {
    if (needed <= this.capacity) return;
    const c = nextCapacity(this.capacity, needed);
    this.instrument = grow<i32>(this.instrument, c);
    this.side = grow<i32>(this.side, c);
    this.entryBar = grow<i32>(this.entryBar, c);
    this.entryOrder = grow<i32>(this.entryOrder, c);
    this.armedFrom = grow<i32>(this.armedFrom, c);
    this.barsHeld = grow<i32>(this.barsHeld, c);
    this.timeStopBars = grow<i32>(this.timeStopBars, c);
    this.pendingExit = grow<i32>(this.pendingExit, c);
    this.lots = grow<f64>(this.lots, c);
    this.entryPrice = grow<f64>(this.entryPrice, c);
    this.entryCommission = grow<f64>(this.entryCommission, c);
    this.stopLoss = grow<f64>(this.stopLoss, c);
    this.takeProfit = grow<f64>(this.takeProfit, c);
    this.trailAmount = grow<f64>(this.trailAmount, c);
    this.trailFraction = grow<f64>(this.trailFraction, c);
    this.trailRef = grow<f64>(this.trailRef, c);
    if (this.openIds.length < c) this.openIds = grow<i32>(this.openIds, c);
    this.capacity = c;
  }

  /** Opens a trade; exit rules are set by the caller on the returned id. */
  open(instrument: i32, side: i32, lots: f64, price: f64, commission: f64, bar: i32, armedFrom: i32, order: i32): i32 {
    const id = this.count;
    this.ensure(id + 1);
    unchecked((this.instrument[id] = instrument));
    unchecked((this.side[id] = side));
    unchecked((this.entryBar[id] = bar));
    unchecked((this.entryOrder[id] = order));
    unchecked((this.armedFrom[id] = armedFrom));
    unchecked((this.barsHeld[id] = 0));
    unchecked((this.timeStopBars[id] = 0));
    unchecked((this.pendingExit[id] = 0));
    unchecked((this.lots[id] = lots));
    unchecked((this.entryPrice[id] = price));
    unchecked((this.entryCommission[id] = commission));
    unchecked((this.stopLoss[id] = NaN));
    unchecked((this.takeProfit[id] = NaN));
    unchecked((this.trailAmount[id] = NaN));
    unchecked((this.trailFraction[id] = NaN));
    unchecked((this.trailRef[id] = NaN));
    unchecked((this.openIds[this.openCount] = id));
    this.openCount++;
    this.count = id + 1;
    return id;
  }

  /** Adds lots at `price`: the entry price becomes the quantity-weighted average. */
  extend(id: i32, lots: f64, price: f64, commission: f64): void {
    const old = unchecked(this.lots[id]);
    const total = old + lots;
    unchecked((this.entryPrice[id] = (unchecked(this.entryPrice[id]) * old + price * lots) / total));
    unchecked((this.lots[id] = total));
    unchecked((this.entryCommission[id] = unchecked(this.entryCommission[id]) + commission));
  }

  /** Drops closed trades (lots = 0) from the open list, keeping opening order. */
  compact(): void {
    if (!this.closedSinceCompact) return;
    this.closedSinceCompact = false;
    const ids = this.openIds;
    const lots = this.lots;
    let w = 0;
    const n = this.openCount;
    for (let i = 0; i < n; i++) {
      const id = unchecked(ids[i]);
      if (unchecked(lots[id]) > 0) unchecked((ids[w++] = id));
    }
    this.openCount = w;
  }
}

export const trades = new TradeBook();
