// Closed-trade records, struct-of-arrays (the port of src/core/lab/closed-trades.ts): one record per closing
// fill of a trade.
import { grow, nextCapacity } from "./growth";

export class ClosedTrades {
  count: i32 = 0;
  capacity: i32 = 0;
  trade: StaticArray<i32> = new StaticArray<i32>(0);
  instrument: StaticArray<i32> = new StaticArray<i32>(0);
  side: StaticArray<i32> = new StaticArray<i32>(0);
  entryBar: StaticArray<i32> = new StaticArray<i32>(0);
  exitBar: StaticArray<i32> = new StaticArray<i32>(0);
  exitReason: StaticArray<i32> = new StaticArray<i32>(0);
  entryOrder: StaticArray<i32> = new StaticArray<i32>(0);
  quantity: StaticArray<f64> = new StaticArray<f64>(0);
  entryPrice: StaticArray<f64> = new StaticArray<f64>(0);
  exitPrice: StaticArray<f64> = new StaticArray<f64>(0);
  commission: StaticArray<f64> = new StaticArray<f64>(0);
  pnl: StaticArray<f64> = new StaticArray<f64>(0);
  returnPct: StaticArray<f64> = new StaticArray<f64>(0);

  reset(): void {
    this.count = 0;
  }

  private ensure(needed: i32): void {
    if (needed <= this.capacity) return;
    const c = nextCapacity(this.capacity, needed);
    this.trade = grow<i32>(this.trade, c);
    this.instrument = grow<i32>(this.instrument, c);
    this.side = grow<i32>(this.side, c);
    this.entryBar = grow<i32>(this.entryBar, c);
    this.exitBar = grow<i32>(this.exitBar, c);
    this.exitReason = grow<i32>(this.exitReason, c);
    this.entryOrder = grow<i32>(this.entryOrder, c);
    this.quantity = grow<f64>(this.quantity, c);
    this.entryPrice = grow<f64>(this.entryPrice, c);
    this.exitPrice = grow<f64>(this.exitPrice, c);
    this.commission = grow<f64>(this.commission, c);
    this.pnl = grow<f64>(this.pnl, c);
    this.returnPct = grow<f64>(this.returnPct, c);
    this.capacity = c;
  }

  add(
    trade: i32, instrument: i32, side: i32, entryBar: i32, entryOrder: i32, quantity: f64, entryPrice: f64,
    exitBar: i32, exitPrice: f64, commission: f64, reason: i32,
  ): void {
    const i = this.count;
    this.ensure(i + 1);
    unchecked((this.trade[i] = trade));
    unchecked((this.instrument[i] = instrument));
    unchecked((this.side[i] = side));
    unchecked((this.entryBar[i] = entryBar));
    unchecked((this.entryOrder[i] = entryOrder));
    unchecked((this.quantity[i] = quantity));
    unchecked((this.entryPrice[i] = entryPrice));
    unchecked((this.exitBar[i] = exitBar));
    unchecked((this.exitPrice[i] = exitPrice));
    unchecked((this.commission[i] = commission));
    unchecked((this.pnl[i] = <f64>side * (exitPrice - entryPrice) * quantity - commission));
    unchecked((this.returnPct[i] = <f64>side * (exitPrice / entryPrice - 1)));
    unchecked((this.exitReason[i] = reason));
    this.count = i + 1;
  }
}

export const closed = new ClosedTrades();
