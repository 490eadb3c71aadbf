import type { OrderType } from './order-type';
import type { Side } from './side';

/** What every order has, whatever its type. */
interface OrderBase {
  /** Unique within one run, assigned in submission order (determinism: no random ids). */
  readonly id: number;
  readonly instrument: string;
  readonly side: Side;
  /** Units, always > 0; direction is `side`. */
  readonly quantity: number;
  /** Bar at which the order was submitted; it can first fill on the next bar. */
  readonly barIndex: number;
  /** Submission time, epoch milliseconds UTC (taken from the data, never the wall clock). */
  readonly createdAt: number;
  readonly tag?: string;
}

/** Fills at the next available price. */
export interface MarketOrder extends OrderBase {
  readonly type: typeof OrderType.Market;
}

/** Fills at `limitPrice` or better. */
export interface LimitOrder extends OrderBase {
  readonly type: typeof OrderType.Limit;
  readonly limitPrice: number;
}

/** Becomes a market order once price trades through `stopPrice`. */
export interface StopOrder extends OrderBase {
  readonly type: typeof OrderType.Stop;
  readonly stopPrice: number;
}

/** Becomes a limit order at `limitPrice` once price trades through `stopPrice`. */
export interface StopLimitOrder extends OrderBase {
  readonly type: typeof OrderType.StopLimit;
  readonly stopPrice: number;
  readonly limitPrice: number;
}

/**
 * A stop that follows the best price since submission at a fixed distance, given either in price units
 * (`trailAmount`) or as a fraction of price (`trailPercent`, 0.02 = 2 %), never both.
 */
export type TrailingStopOrder = OrderBase & { readonly type: typeof OrderType.TrailingStop } & (
    { readonly trailAmount: number; readonly trailPercent?: never } | { readonly trailPercent: number; readonly trailAmount?: never }
  );

/** An instruction to the broker; `type` tells which price fields exist. */
export type Order = MarketOrder | LimitOrder | StopOrder | StopLimitOrder | TrailingStopOrder;
