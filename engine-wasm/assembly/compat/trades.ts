// Filled position slices (backtesting.py's `Trade`) as struct-of-arrays slots, plus the lists of open trades (in
// opening order) and closed trades (in closing order). `exitPrice` is NaN and `exitBar` -1 while a trade is open;
// `commissions` stays 0 until it closes. Slots are not reused within a run.
import { IdList, withCapacity } from "./columns";

export class TradePool {
  count: i32 = 0;
  size: StaticArray<f64> = new StaticArray<f64>(0);
  entryPrice: StaticArray<f64> = new StaticArray<f64>(0);
  exitPrice: StaticArray<f64> = new StaticArray<f64>(0);
  commissions: StaticArray<f64> = new StaticArray<f64>(0);
  entryBar: StaticArray<i32> = new StaticArray<i32>(0);
  exitBar: StaticArray<i32> = new StaticArray<i32>(0);
  /** Order slots of the stop-loss / take-profit brackets, -1 when none. */
  slOrder: StaticArray<i32> = new StaticArray<i32>(0);
  tpOrder: StaticArray<i32> = new StaticArray<i32>(0);
  /** Mirrors membership in `openTrades`. */
  active: StaticArray<bool> = new StaticArray<bool>(0);

  reset(): void {
    this.count = 0;
  }

  create(size: f64, entryPrice: f64, entryBar: i32): i32 {
    const t = this.count;
    if (t == this.size.length) this.grow(t + 1);
    unchecked((this.size[t] = size));
    unchecked((this.entryPrice[t] = entryPrice));
    unchecked((this.exitPrice[t] = NaN));
    unchecked((this.commissions[t] = 0));
    unchecked((this.entryBar[t] = entryBar));
    unchecked((this.exitBar[t] = -1));
    unchecked((this.slOrder[t] = -1));
    unchecked((this.tpOrder[t] = -1));
    unchecked((this.active[t] = false));
    this.count = t + 1;
    return t;
  }

  /** A detached copy booking the closed part of a partially closed trade (no bracket orders). */
  splitOff(t: i32, size: f64): i32 {
    const c = this.create(size, unchecked(this.entryPrice[t]), unchecked(this.entryBar[t]));
    unchecked((this.exitPrice[c] = this.exitPrice[t]));
    unchecked((this.exitBar[c] = this.exitBar[t]));
    unchecked((this.commissions[c] = this.commissions[t]));
    return c;
  }

  /** Profit in cash at `price`, net of the commissions booked so far (reference `Trade.plAt`). */
  @inline plAt(t: i32, price: f64): f64 {
    return unchecked(this.size[t]) * (price - unchecked(this.entryPrice[t])) - unchecked(this.commissions[t]);
  }

  /** Return as a fraction of the entry value, net of commissions (reference `Trade.plPctAt`). */
  plPctAt(t: i32, price: f64): f64 {
    const size = unchecked(this.size[t]);
    const entry = unchecked(this.entryPrice[t]);
    const gross = (size < 0 ? -1.0 : 1.0) * (price / entry - 1);
    return gross - unchecked(this.commissions[t]) / (Math.abs(size) * entry);
  }

  private grow(cap: i32): void {
    this.size = withCapacity<f64>(this.size, cap);
    this.entryPrice = withCapacity<f64>(this.entryPrice, cap);
    this.exitPrice = withCapacity<f64>(this.exitPrice, cap);
    this.commissions = withCapacity<f64>(this.commissions, cap);
    this.entryBar = withCapacity<i32>(this.entryBar, cap);
    this.exitBar = withCapacity<i32>(this.exitBar, cap);
    this.slOrder = withCapacity<i32>(this.slOrder, cap);
    this.tpOrder = withCapacity<i32>(this.tpOrder, cap);
    this.active = withCapacity<bool>(this.active, cap);
  }
}

export const trades = new TradePool();
export const openTrades = new IdList();
export const closedTrades = new IdList();
