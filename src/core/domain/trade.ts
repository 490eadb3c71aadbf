import type { Side } from './side';

/**
 * A closed round trip: entry fill(s) to exit fill(s) of one position. `side` is the entry side
 * (Buy = long, Sell = short). Stats are computed from trades, so the sign convention lives here.
 */
export interface Trade {
  readonly instrument: string;
  readonly side: Side;
  /** Units, > 0. */
  readonly quantity: number;
  readonly entryBarIndex: number;
  readonly entryTime: number;
  readonly entryPrice: number;
  readonly exitBarIndex: number;
  readonly exitTime: number;
  readonly exitPrice: number;
  /** Entry plus exit fees, ≥ 0. */
  readonly commission: number;
  /** Net profit: side × (exit − entry) × quantity − commission. */
  readonly pnl: number;
  /** Price return in the trade's direction, before fees: side × (exit / entry − 1). */
  readonly returnPct: number;
}

export type TradePrices = Pick<Trade, 'side' | 'quantity' | 'entryPrice' | 'exitPrice' | 'commission'>;

export function tradePnl(t: TradePrices): number {
  return t.side * (t.exitPrice - t.entryPrice) * t.quantity - t.commission;
}

export function tradeReturn(t: Pick<Trade, 'side' | 'entryPrice' | 'exitPrice'>): number {
  return t.side * (t.exitPrice / t.entryPrice - 1);
}
