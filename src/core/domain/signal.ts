import type { Side } from './side';

/**
 * A strategy's wish at a bar's close: "be in the market on this side". Signals carry no size or price;
 * the broker turns them into orders, which keeps strategies free of account details.
 */
export interface Signal {
  /** Index of the bar whose close produced the signal (the earliest the broker may act is the next bar). */
  readonly barIndex: number;
  /** That bar's timestamp, epoch milliseconds UTC. */
  readonly timestamp: number;
  readonly instrument: string;
  readonly side: Side;
  /** Conviction in (0, 1]; 1 means full size. */
  readonly strength: number;
  /** Free-form label shown in trade lists ("sma-cross up"). */
  readonly tag?: string;
}
