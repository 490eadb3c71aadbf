// Every order of a run, struct-of-arrays (the port of src/core/lab/order-book.ts): the order id is its row,
// ids follow submission order. `working` lists the ids still working, in submission order, and is compacted only
// after a phase (never inside a loop over it).
import { END_NONE, STATUS_WORKING } from "./codes";
import { grow, nextCapacity } from "./growth";
import { OrderFields } from "./order-fields";

export class OrderBook {
  count: i32 = 0;
  capacity: i32 = 0;
  // request (as submitted; sizes in lots)
  instrument: StaticArray<i32> = new StaticArray<i32>(0);
  side: StaticArray<i32> = new StaticArray<i32>(0);
  type: StaticArray<i32> = new StaticArray<i32>(0);
  tif: StaticArray<i32> = new StaticArray<i32>(0);
  tifBars: StaticArray<i32> = new StaticArray<i32>(0);
  reduceOnly: StaticArray<i32> = new StaticArray<i32>(0);
  source: StaticArray<i32> = new StaticArray<i32>(0);
  timeStopBars: StaticArray<i32> = new StaticArray<i32>(0);
  lots: StaticArray<f64> = new StaticArray<f64>(0);
  weight: StaticArray<f64> = new StaticArray<f64>(0);
  limit: StaticArray<f64> = new StaticArray<f64>(0);
  stop: StaticArray<f64> = new StaticArray<f64>(0);
  trailAmount: StaticArray<f64> = new StaticArray<f64>(0);
  trailFraction: StaticArray<f64> = new StaticArray<f64>(0);
  stopLoss: StaticArray<f64> = new StaticArray<f64>(0);
  takeProfit: StaticArray<f64> = new StaticArray<f64>(0);
  stopLossFraction: StaticArray<f64> = new StaticArray<f64>(0);
  takeProfitFraction: StaticArray<f64> = new StaticArray<f64>(0);
  exitTrailAmount: StaticArray<f64> = new StaticArray<f64>(0);
  exitTrailFraction: StaticArray<f64> = new StaticArray<f64>(0);
  // state
  activeFrom: StaticArray<i32> = new StaticArray<i32>(0);
  atClose: StaticArray<i32> = new StaticArray<i32>(0);
  status: StaticArray<i32> = new StaticArray<i32>(0);
  endReason: StaticArray<i32> = new StaticArray<i32>(0);
  triggered: StaticArray<i32> = new StaticArray<i32>(0);
  barsActive: StaticArray<i32> = new StaticArray<i32>(0);
  submittedBar: StaticArray<i32> = new StaticArray<i32>(0);
  endBar: StaticArray<i32> = new StaticArray<i32>(0);
  trade: StaticArray<i32> = new StaticArray<i32>(0);
  remaining: StaticArray<f64> = new StaticArray<f64>(0);
  filled: StaticArray<f64> = new StaticArray<f64>(0);
  trailRef: StaticArray<f64> = new StaticArray<f64>(0);
  expiry: StaticArray<f64> = new StaticArray<f64>(0);

  working: StaticArray<i32> = new StaticArray<i32>(16);
  workingCount: i32 = 0;

  /** Empties the book for a new run (capacity is kept). */
  reset(): void {
    this.count = 0;
    this.workingCount = 0;
  }

  private ensure(needed: i32): void {
    if (needed <= this.capacity) return;
    const c = nextCapacity(this.capacity, needed);
    this.instrument = grow<i32>(this.instrument, c);
    this.side = grow<i32>(this.side, c);
    this.type = grow<i32>(this.type, c);
    this.tif = grow<i32>(this.tif, c);
    this.tifBars = grow<i32>(this.tifBars, c);
    this.reduceOnly = grow<i32>(this.reduceOnly, c);
    this.source = grow<i32>(this.source, c);
    this.timeStopBars = grow<i32>(this.timeStopBars, c);
    this.lots = grow<f64>(this.lots, c);
    this.weight = grow<f64>(this.weight, c);
    this.limit = grow<f64>(this.limit, c);
    this.stop = grow<f64>(this.stop, c);
    this.trailAmount = grow<f64>(this.trailAmount, c);
    this.trailFraction = grow<f64>(this.trailFraction, c);
    this.stopLoss = grow<f64>(this.stopLoss, c);
    this.takeProfit = grow<f64>(this.takeProfit, c);
    this.stopLossFraction = grow<f64>(this.stopLossFraction, c);
    this.takeProfitFraction = grow<f64>(this.takeProfitFraction, c);
    this.exitTrailAmount = grow<f64>(this.exitTrailAmount, c);
    this.exitTrailFraction = grow<f64>(this.exitTrailFraction, c);
    this.activeFrom = grow<i32>(this.activeFrom, c);
    this.atClose = grow<i32>(this.atClose, c);
    this.status = grow<i32>(this.status, c);
    this.endReason = grow<i32>(this.endReason, c);
    this.triggered = grow<i32>(this.triggered, c);
    this.barsActive = grow<i32>(this.barsActive, c);
    this.submittedBar = grow<i32>(this.submittedBar, c);
    this.endBar = grow<i32>(this.endBar, c);
    this.trade = grow<i32>(this.trade, c);
    this.remaining = grow<f64>(this.remaining, c);
    this.filled = grow<f64>(this.filled, c);
    this.trailRef = grow<f64>(this.trailRef, c);
    this.expiry = grow<f64>(this.expiry, c);
    if (this.working.length < c) this.working = grow<i32>(this.working, c);
    this.capacity = c;
  }

  /** Appends a working order and returns its id (`lots` NaN: weight-sized; `trailRef` NaN: first open). */
  add(f: OrderFields, lots: f64, bar: i32, activeFrom: i32, atClose: i32, trailRef: f64): i32 {
    const id = this.count;
    this.ensure(id + 1);
    unchecked((this.instrument[id] = f.instrument));
    unchecked((this.side[id] = f.side));
    unchecked((this.type[id] = f.type));
    unchecked((this.tif[id] = f.tif));
    unchecked((this.tifBars[id] = f.tifBars));
    unchecked((this.reduceOnly[id] = f.reduceOnly));
    unchecked((this.source[id] = f.source));
    unchecked((this.timeStopBars[id] = f.timeStopBars));
    unchecked((this.lots[id] = lots));
    unchecked((this.weight[id] = f.weight));
    unchecked((this.limit[id] = f.limit));
    unchecked((this.stop[id] = f.stop));
    unchecked((this.trailAmount[id] = f.trailAmount));
    unchecked((this.trailFraction[id] = f.trailFraction));
    unchecked((this.stopLoss[id] = f.stopLoss));
    unchecked((this.takeProfit[id] = f.takeProfit));
    unchecked((this.stopLossFraction[id] = f.stopLossFraction));
    unchecked((this.takeProfitFraction[id] = f.takeProfitFraction));
    unchecked((this.exitTrailAmount[id] = f.exitTrailAmount));
    unchecked((this.exitTrailFraction[id] = f.exitTrailFraction));
    unchecked((this.activeFrom[id] = activeFrom));
    unchecked((this.atClose[id] = atClose));
    unchecked((this.status[id] = STATUS_WORKING));
    unchecked((this.endReason[id] = END_NONE));
    unchecked((this.triggered[id] = 0));
    unchecked((this.barsActive[id] = 0));
    unchecked((this.submittedBar[id] = bar));
    unchecked((this.endBar[id] = -1));
    unchecked((this.trade[id] = -1));
    unchecked((this.remaining[id] = lots));
    unchecked((this.filled[id] = 0));
    unchecked((this.trailRef[id] = trailRef));
    unchecked((this.expiry[id] = NaN));
    unchecked((this.working[this.workingCount] = id));
    this.workingCount++;
    this.count = id + 1;
    return id;
  }

  /** Ends a working order (it leaves the working list at the next `compact`). */
  end(id: i32, status: i32, reason: i32, bar: i32): void {
    unchecked((this.status[id] = status));
    unchecked((this.endReason[id] = reason));
    unchecked((this.endBar[id] = bar));
  }

  /** Drops ended orders from the working list, keeping submission order. */
  compact(): void {
    const working = this.working;
    const status = this.status;
    let w = 0;
    const n = this.workingCount;
    for (let i = 0; i < n; i++) {
      const id = unchecked(working[i]);
      if (unchecked(status[id]) == STATUS_WORKING) unchecked((working[w++] = id));
    }
    this.workingCount = w;
  }
}

export const book = new OrderBook();
