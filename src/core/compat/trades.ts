import type { Order } from './orders';

/**
 * A filled position slice, as backtesting.py's `Trade`. `exitPrice` is NaN and `exitBar` is -1 while it is open.
 * `commissions` stays 0 while the trade is open and is set, entry plus exit, when it closes.
 */
export class Trade {
  size: number;
  entryPrice: number;
  entryBar: number;
  exitPrice: number = NaN;
  exitBar: number = -1;
  slOrder: Order | null = null;
  tpOrder: Order | null = null;
  commissions: number = 0;
  tag: string | null;
  /** Mirrors membership in the broker's list of open trades. */
  active: boolean = false;

  constructor(size: number, entryPrice: number, entryBar: number, tag: string | null) {
    this.size = size;
    this.entryPrice = entryPrice;
    this.entryBar = entryBar;
    this.tag = tag;
  }

  get isLong(): boolean {
    return this.size > 0;
  }

  /** A detached copy used to book the closed part of a partially closed trade (no bracket orders). */
  splitOff(size: number): Trade {
    const t = new Trade(size, this.entryPrice, this.entryBar, this.tag);
    t.exitPrice = this.exitPrice;
    t.exitBar = this.exitBar;
    t.commissions = this.commissions;
    return t;
  }

  /** Profit in cash at `price` (the exit price once closed), net of the commissions booked so far. */
  plAt(price: number): number {
    return this.size * (price - this.entryPrice) - this.commissions;
  }

  /** Return as a fraction of the entry value, net of commissions (backtesting.py's `pl_pct`). */
  plPctAt(price: number): number {
    const gross = (this.size < 0 ? -1 : 1) * (price / this.entryPrice - 1);
    return gross - this.commissions / (Math.abs(this.size) * this.entryPrice);
  }

  /** Stop-loss price of the bracket order, NaN if none. */
  get sl(): number {
    return this.slOrder === null ? NaN : this.slOrder.stop;
  }

  /** Take-profit price of the bracket order, NaN if none. */
  get tp(): number {
    return this.tpOrder === null ? NaN : this.tpOrder.limit;
  }
}
