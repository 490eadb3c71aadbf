import type { Side } from './side';

/** One execution of (part of) an order. */
export interface Fill {
  readonly orderId: number;
  readonly instrument: string;
  readonly side: Side;
  /** Units filled, > 0. */
  readonly quantity: number;
  /** Execution price, slippage included. */
  readonly price: number;
  /** Fees charged for this fill, in account currency, ≥ 0. */
  readonly commission: number;
  readonly barIndex: number;
  /** Epoch milliseconds UTC of the bar the fill happened in. */
  readonly timestamp: number;
}
