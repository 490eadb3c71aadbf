import type { Bars } from './bars';
import type { Order } from './orders';

/** Optional order parameters; prices left out (or 0) are not set. `size` defaults to all available margin. */
export interface OrderRequest {
  /** A fraction of available margin in (0, 1), or a whole number of units >= 1. */
  size?: number;
  limit?: number;
  stop?: number;
  /** Stop-loss price of the trade this order opens. */
  sl?: number;
  /** Take-profit price of the trade this order opens. */
  tp?: number;
  tag?: string;
}

/** Handle of an indicator declared in `initialize`. */
export type IndicatorHandle = number;

/**
 * What a strategy sees while it precomputes. Like backtesting.py's `init`, it gets the whole series so that
 * indicators can be computed vectorised; the indicators must themselves be causal (value i from bars <= i).
 * Trading starts on the first bar where every declared indicator is defined (not NaN), plus one.
 */
export interface InitContext {
  readonly bars: Readonly<Bars>;
  readonly length: number;
  /** Declare an indicator series (same length as the bars, NaN while warming up). */
  indicator(values: Float64Array, name?: string): IndicatorHandle;
}

/** Bars revealed up to the current one: `ago` 0 is the current bar, 1 the previous one, and so on. */
export interface RevealedBars {
  /** Number of bars revealed so far (current index + 1). */
  readonly length: number;
  open(ago?: number): number;
  high(ago?: number): number;
  low(ago?: number): number;
  close(ago?: number): number;
  volume(ago?: number): number;
  time(ago?: number): number;
}

/** What a strategy sees on each bar: data up to this bar only, its account, and order entry. */
export interface BarContext {
  /** Index of the current bar in the full series. */
  readonly index: number;
  readonly data: RevealedBars;
  /** Value of an indicator `ago` bars back (0 = current bar). */
  indicator(handle: IndicatorHandle, ago?: number): number;
  /** Signed units held (sum over open trades). */
  positionSize(): number;
  /** Cash plus open profit at the current close. */
  equity(): number;
  openTradeCount(): number;
  pendingOrderCount(): number;
  /** A copy of the pending orders, in processing order. */
  pendingOrders(): Order[];
  buy(request?: OrderRequest): Order;
  sell(request?: OrderRequest): Order;
  /** Close `portion` (default all) of every open trade at the next fill. */
  close(portion?: number): void;
  cancel(order: Order): void;
}

export interface Strategy {
  initialize(ctx: InitContext): void;
  next(ctx: BarContext): void;
}
