// What the risk limits did (src/core/lab/limit-log.ts): orders reduced, refused or cancelled by a limit, and
// post-trade trips, struct-of-arrays in the order they happened.
import { grow, nextCapacity } from "./growth";

export class LimitLog {
  count: i32 = 0;
  capacity: i32 = 0;
  bar: StaticArray<i32> = new StaticArray<i32>(0);
  orderId: StaticArray<i32> = new StaticArray<i32>(0);
  instrument: StaticArray<i32> = new StaticArray<i32>(0);
  side: StaticArray<i32> = new StaticArray<i32>(0);
  rule: StaticArray<i32> = new StaticArray<i32>(0);
  requested: StaticArray<f64> = new StaticArray<f64>(0);
  allowed: StaticArray<f64> = new StaticArray<f64>(0);

  reset(): void {
    this.count = 0;
  }

  add(bar: i32, orderId: i32, instrument: i32, side: i32, requested: f64, allowed: f64, rule: i32): void {
    const i = this.count;
    if (i + 1 > this.capacity) {
      const c = nextCapacity(this.capacity, i + 1);
      this.bar = grow<i32>(this.bar, c);
      this.orderId = grow<i32>(this.orderId, c);
      this.instrument = grow<i32>(this.instrument, c);
      this.side = grow<i32>(this.side, c);
      this.rule = grow<i32>(this.rule, c);
      this.requested = grow<f64>(this.requested, c);
      this.allowed = grow<f64>(this.allowed, c);
      this.capacity = c;
    }
    unchecked((this.bar[i] = bar));
    unchecked((this.orderId[i] = orderId));
    unchecked((this.instrument[i] = instrument));
    unchecked((this.side[i] = side));
    unchecked((this.rule[i] = rule));
    unchecked((this.requested[i] = requested));
    unchecked((this.allowed[i] = allowed));
    this.count = i + 1;
  }
}

export class LimitEvents {
  count: i32 = 0;
  capacity: i32 = 0;
  bar: StaticArray<i32> = new StaticArray<i32>(0);
  rule: StaticArray<i32> = new StaticArray<i32>(0);
  nav: StaticArray<f64> = new StaticArray<f64>(0);

  reset(): void {
    this.count = 0;
  }

  add(bar: i32, rule: i32, nav: f64): void {
    const i = this.count;
    if (i + 1 > this.capacity) {
      const c = nextCapacity(this.capacity, i + 1);
      this.bar = grow<i32>(this.bar, c);
      this.rule = grow<i32>(this.rule, c);
      this.nav = grow<f64>(this.nav, c);
      this.capacity = c;
    }
    unchecked((this.bar[i] = bar));
    unchecked((this.rule[i] = rule));
    unchecked((this.nav[i] = nav));
    this.count = i + 1;
  }
}

export const limitLog = new LimitLog();
export const limitEvents = new LimitEvents();
