/** The trades table's columns: what each sorts by and how it prints. */
import { barTimeText } from './bar-axis';
import { isLong, type ChartTrade } from './chart-trade';
import { formatCount, formatMoney, formatPercent } from './format';
import { formatPrice } from './price-format';
import type { SortableColumn, SortValue } from './sort-order';
import { MS_PER_DAY, MS_PER_HOUR } from '../../core/domain/time';

export type TradeColumnKey =
  'index' | 'side' | 'size' | 'entryTime' | 'exitTime' | 'entryPrice' | 'exitPrice' | 'pnl' | 'returnPct' | 'bars' | 'duration' | 'commissions';

export interface TradeColumn extends SortableColumn<TradeColumnKey> {
  sortValue(trade: ChartTrade, index: number): SortValue;
  text(trade: ChartTrade, index: number, priceDigits: number): string;
}

/** How long a trade was held: hours under two days (intraday data), else days. */
export function formatHolding(ms: number): string {
  if (ms < 2 * MS_PER_DAY && ms % MS_PER_DAY !== 0) return `${formatCount(Math.round(ms / MS_PER_HOUR))} h`;
  const days = ms / MS_PER_DAY;
  const text = Number.isInteger(days) ? formatCount(days) : days.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return `${text} d`;
}

export const TRADE_COLUMNS: readonly TradeColumn[] = [
  { key: 'index', label: '#', numeric: true, width: 58, sortValue: (_t, i) => i, text: (_t, i) => String(i + 1) },
  {
    key: 'side',
    label: 'Side',
    numeric: false,
    width: 62,
    sortValue: (t) => (isLong(t) ? 'Long' : 'Short'),
    text: (t) => (isLong(t) ? 'Long' : 'Short'),
  },
  { key: 'size', label: 'Size', numeric: true, width: 84, sortValue: (t) => Math.abs(t.size), text: (t) => formatCount(Math.abs(t.size)) },
  { key: 'entryTime', label: 'Entry time', numeric: false, width: 128, sortValue: (t) => t.entryTime, text: (t) => barTimeText(t.entryTime) },
  { key: 'exitTime', label: 'Exit time', numeric: false, width: 128, sortValue: (t) => t.exitTime, text: (t) => barTimeText(t.exitTime) },
  { key: 'entryPrice', label: 'Entry', numeric: true, width: 88, sortValue: (t) => t.entryPrice, text: (t, _i, d) => formatPrice(t.entryPrice, d) },
  { key: 'exitPrice', label: 'Exit', numeric: true, width: 88, sortValue: (t) => t.exitPrice, text: (t, _i, d) => formatPrice(t.exitPrice, d) },
  { key: 'pnl', label: 'PnL', numeric: true, width: 104, sortValue: (t) => t.pnl, text: (t) => formatMoney(t.pnl) },
  { key: 'returnPct', label: 'Return', numeric: true, width: 84, sortValue: (t) => t.returnPct, text: (t) => formatPercent(t.returnPct * 100) },
  {
    key: 'bars',
    label: 'Bars',
    numeric: true,
    width: 60,
    sortValue: (t) => t.exitBar - t.entryBar,
    text: (t) => formatCount(t.exitBar - t.entryBar),
  },
  {
    key: 'duration',
    label: 'Duration',
    numeric: true,
    width: 84,
    sortValue: (t) => t.exitTime - t.entryTime,
    text: (t) => formatHolding(t.exitTime - t.entryTime),
  },
  {
    key: 'commissions',
    label: 'Fees',
    numeric: true,
    width: 84,
    sortValue: (t) => t.commissions ?? null,
    text: (t) => (t.commissions === undefined ? '—' : formatMoney(t.commissions)),
  },
];
