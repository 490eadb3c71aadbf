// Every execution of a run, struct-of-arrays, in execution order (the port of src/core/lab/fill-log.ts).
import { grow, nextCapacity } from "./growth";

export class FillLog {
  count: i32 = 0;
  capacity: i32 = 0;
  bar: StaticArray<i32> = new StaticArray<i32>(0);
  instrument: StaticArray<i32> = new StaticArray<i32>(0);
  side: StaticArray<i32> = new StaticArray<i32>(0);
  orderId: StaticArray<i32> = new StaticArray<i32>(0);
  reason: StaticArray<i32> = new StaticArray<i32>(0);
  quantity: StaticArray<f64> = new StaticArray<f64>(0);
  price: StaticArray<f64> = new StaticArray<f64>(0);
  commission: StaticArray<f64> = new StaticArray<f64>(0);
  slippage: StaticArray<f64> = new StaticArray<f64>(0);
  spread: StaticArray<f64> = new StaticArray<f64>(0);

  reset(): void {
    this.count = 0;
  }

  private ensure(needed: i32): void {
    if (needed <= this.capacity) return;
    const c = nextCapacity(this.capacity, needed);
    this.bar = grow<i32>(this.bar, c);
    this.instrument = grow<i32>(this.instrument, c);
    this.side = grow<i32>(this.side, c);
    this.orderId = grow<i32>(this.orderId, c);
    this.reason = grow<i32>(this.reason, c);
    this.quantity = grow<f64>(this.quantity, c);
    this.price = grow<f64>(this.price, c);
    this.commission = grow<f64>(this.commission, c);
    this.slippage = grow<f64>(this.slippage, c);
    this.spread = grow<f64>(this.spread, c);
    this.capacity = c;
  }

  add(bar: i32, instrument: i32, side: i32, quantity: f64, price: f64, commission: f64, slippage: f64, spread: f64, orderId: i32, reason: i32): void {
    const i = this.count;
    this.ensure(i + 1);
    unchecked((this.bar[i] = bar));
    unchecked((this.instrument[i] = instrument));
    unchecked((this.side[i] = side));
    unchecked((this.quantity[i] = quantity));
    unchecked((this.price[i] = price));
    unchecked((this.commission[i] = commission));
    unchecked((this.slippage[i] = slippage));
    unchecked((this.spread[i] = spread));
    unchecked((this.orderId[i] = orderId));
    unchecked((this.reason[i] = reason));
    this.count = i + 1;
  }
}

export const fills = new FillLog();
