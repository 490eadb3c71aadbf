/** What the statistics need of a closed trade (backtest's ClosedTradeRecord satisfies it). */
export interface StatsTrade {
  entryBar: number;
  exitBar: number;
  /** Cash profit net of commissions. */
  pnl: number;
  /** Net return as a fraction of the entry value. */
  returnPct: number;
  commissions: number;
  /** Epoch milliseconds (UTC). */
  entryTime: number;
  exitTime: number;
}

export interface StatsInput {
  /** Equity at each bar's close. */
  equity: Float64Array;
  /** Bar timestamps, epoch milliseconds (UTC), ascending. */
  time: Float64Array;
  /** Bar closes, for buy & hold and beta. */
  close: Float64Array;
  /** Closed trades, in closing order. */
  trades: readonly StatsTrade[];
  /** First bar after the indicator warm-up: buy & hold is measured from its close. */
  firstTradingBar: number;
  /** Annual risk-free rate as a fraction; backtesting.py's run uses 0. */
  riskFreeRate?: number;
}

/**
 * The backtesting.py statistics table under metrics.md's JSON keys. Durations are in days; `null` marks a value
 * that is undefined (NaN in backtesting.py, e.g. trade statistics without trades). Ratios may be ±Infinity
 * where backtesting.py gives inf (e.g. Sortino without a losing period).
 */
export interface CompatStats {
  start: string;
  end: string;
  duration_days: number;
  exposure_time_pct: number | null;
  equity_final: number | null;
  equity_peak: number | null;
  commissions: number | null;
  return_pct: number | null;
  buy_hold_return_pct: number | null;
  return_ann_pct: number | null;
  volatility_ann_pct: number | null;
  cagr_pct: number | null;
  sharpe_ratio: number | null;
  sortino_ratio: number | null;
  calmar_ratio: number | null;
  alpha_pct: number | null;
  beta: number | null;
  max_drawdown_pct: number | null;
  avg_drawdown_pct: number | null;
  max_drawdown_duration_days: number | null;
  avg_drawdown_duration_days: number | null;
  trades: number;
  win_rate_pct: number | null;
  best_trade_pct: number | null;
  worst_trade_pct: number | null;
  avg_trade_pct: number | null;
  max_trade_duration_days: number | null;
  avg_trade_duration_days: number | null;
  profit_factor: number | null;
  expectancy_pct: number | null;
  sqn: number | null;
  kelly_criterion: number | null;
}

/** The keys in metrics.md's order. */
export const COMPAT_STATS_KEYS: readonly (keyof CompatStats)[] = [
  'start',
  'end',
  'duration_days',
  'exposure_time_pct',
  'equity_final',
  'equity_peak',
  'commissions',
  'return_pct',
  'buy_hold_return_pct',
  'return_ann_pct',
  'volatility_ann_pct',
  'cagr_pct',
  'sharpe_ratio',
  'sortino_ratio',
  'calmar_ratio',
  'alpha_pct',
  'beta',
  'max_drawdown_pct',
  'avg_drawdown_pct',
  'max_drawdown_duration_days',
  'avg_drawdown_duration_days',
  'trades',
  'win_rate_pct',
  'best_trade_pct',
  'worst_trade_pct',
  'avg_trade_pct',
  'max_trade_duration_days',
  'avg_trade_duration_days',
  'profit_factor',
  'expectancy_pct',
  'sqn',
  'kelly_criterion',
];
