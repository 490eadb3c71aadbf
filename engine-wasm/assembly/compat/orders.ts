// Pending orders (backtesting.py's `Order`) as struct-of-arrays slots, and the broker's ordered order list.
// A slot is never reused within a run: closed trades keep pointing at their bracket orders, whose prices are
// reported after the run (as the reference reads `trade.sl` from the order object). Prices not set are NaN.
import { IdList, withCapacity } from "./columns";

export class OrderPool {
  count: i32 = 0;
  /** Units (whole numbers) or a fraction of available margin in (0, 1); negative for short. */
  size: StaticArray<f64> = new StaticArray<f64>(0);
  limit: StaticArray<f64> = new StaticArray<f64>(0);
  stop: StaticArray<f64> = new StaticArray<f64>(0);
  sl: StaticArray<f64> = new StaticArray<f64>(0);
  tp: StaticArray<f64> = new StaticArray<f64>(0);
  /** Trade slot the order acts on (its bracket or an order closing it), -1 for a stand-alone order. */
  parent: StaticArray<i32> = new StaticArray<i32>(0);
  /** Mirrors membership in `queue`. */
  queued: StaticArray<bool> = new StaticArray<bool>(0);

  reset(): void {
    this.count = 0;
  }

  create(size: f64, limit: f64, stop: f64, sl: f64, tp: f64, parent: i32): i32 {
    const o = this.count;
    if (o == this.size.length) this.grow(o + 1);
    unchecked((this.size[o] = size));
    unchecked((this.limit[o] = limit));
    unchecked((this.stop[o] = stop));
    unchecked((this.sl[o] = sl));
    unchecked((this.tp[o] = tp));
    unchecked((this.parent[o] = parent));
    unchecked((this.queued[o] = false));
    this.count = o + 1;
    return o;
  }

  private grow(cap: i32): void {
    this.size = withCapacity<f64>(this.size, cap);
    this.limit = withCapacity<f64>(this.limit, cap);
    this.stop = withCapacity<f64>(this.stop, cap);
    this.sl = withCapacity<f64>(this.sl, cap);
    this.tp = withCapacity<f64>(this.tp, cap);
    this.parent = withCapacity<i32>(this.parent, cap);
    this.queued = withCapacity<bool>(this.queued, cap);
  }
}

export const orders = new OrderPool();

/** The broker's pending orders in processing order (a plain list with front insertion, as backtesting.py's). */
export const queue = new IdList();

export function queuePushFront(o: i32): void {
  queue.unshift(o);
  unchecked((orders.queued[o] = true));
}

export function queuePushBack(o: i32): void {
  queue.push(o);
  unchecked((orders.queued[o] = true));
}

/** list.remove: false when the order is not pending (the reference throws; the caller records the error). */
export function queueRemove(o: i32): bool {
  const k = queue.indexOf(o);
  if (k < 0) return false;
  queue.removeAt(k);
  unchecked((orders.queued[o] = false));
  return true;
}
