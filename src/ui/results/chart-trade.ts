import type { ClosedTradeRecord } from '../../core/compat';

/** What the result views need of a closed trade (the backtester's ClosedTradeRecord satisfies it). */
export type ChartTrade = Pick<
  ClosedTradeRecord,
  'size' | 'entryBar' | 'exitBar' | 'entryPrice' | 'exitPrice' | 'pnl' | 'returnPct' | 'entryTime' | 'exitTime'
> &
  Partial<Pick<ClosedTradeRecord, 'commissions' | 'sl' | 'tp' | 'tag'>>;

export function isLong(trade: ChartTrade): boolean {
  return trade.size > 0;
}
