import type { Trade } from './trades';

/**
 * A pending order, as backtesting.py's `Order`: good till cancelled, filled by the broker when its conditions
 * are met. Prices that are not set are NaN.
 *
 * - market: no limit, no stop;  limit: `limit`;  stop-market: `stop`;  stop-limit: both.
 * - `parent` is set for orders that act on an existing trade: its stop-loss / take-profit (contingent, OCO)
 *   orders and the orders placed by closing it.
 * - `queued` mirrors membership in the broker's order list, so "is it still pending?" costs nothing.
 */
export class Order {
  /** Units (whole numbers >= 1) or a fraction of available margin in (0, 1); negative for short. */
  size: number;
  limit: number;
  stop: number;
  sl: number;
  tp: number;
  parent: Trade | null;
  tag: string | null;
  queued: boolean = false;

  constructor(size: number, limit: number, stop: number, sl: number, tp: number, parent: Trade | null, tag: string | null) {
    if (size === 0 || Number.isNaN(size)) throw new RangeError(`order size must be non-zero, got ${size}`);
    this.size = size;
    this.limit = limit;
    this.stop = stop;
    this.sl = sl;
    this.tp = tp;
    this.parent = parent;
    this.tag = tag;
  }

  get isLong(): boolean {
    return this.size > 0;
  }

  /** A stop-loss or take-profit bracket of a live trade (not an order that merely closes it). */
  get isContingent(): boolean {
    const p = this.parent;
    return p !== null && (p.slOrder === this || p.tpOrder === this);
  }
}

/**
 * The broker's ordered list of pending orders. Processing order matters (stop-losses go first), so this is a
 * plain array with front insertion, exactly like backtesting.py's list.
 */
export class OrderQueue {
  readonly items: Order[] = [];

  get length(): number {
    return this.items.length;
  }

  at(k: number): Order {
    return this.items[k];
  }

  pushFront(order: Order): void {
    this.items.unshift(order);
    order.queued = true;
  }

  pushBack(order: Order): void {
    this.items.push(order);
    order.queued = true;
  }

  /** Remove a pending order; like list.remove, removing an order that is not pending is an error. */
  remove(order: Order): void {
    const k = this.items.indexOf(order);
    if (k < 0) throw new Error('order is not pending');
    this.items.splice(k, 1);
    order.queued = false;
  }

  /** Copy the current list into `out` (reused between bars) and return how many were copied. */
  snapshotInto(out: Order[]): number {
    const n = this.items.length;
    for (let k = 0; k < n; k++) out[k] = this.items[k];
    out.length = n;
    return n;
  }
}
