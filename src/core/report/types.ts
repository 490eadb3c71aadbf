import type { SweepTrials } from './deflated-sharpe';

/** What the extended report is computed from. */
export interface ReportInput {
  /** Equity at each bar's close. */
  equity: Float64Array;
  /** Bar timestamps, epoch milliseconds (UTC), non-decreasing. */
  time: Float64Array;
  /** Closed trades' returns as fractions, in closing order; the trade metrics are `null` without them. */
  tradeReturns?: Float64Array;
  /** The sweep this run was selected from; the deflated Sharpe ratio is `null` without it. */
  trials?: SweepTrials;
}

export interface ReportOptions {
  /** Annual required return of the Omega ratio (quantstats' `required_return`); 0 by default. */
  omegaRequiredReturn?: number;
}

/** One cell of the year × month table. */
export interface MonthlyReturn {
  year: number;
  /** 1 (January) to 12 (December). */
  month: number;
  return_pct: number;
}

/**
 * The report, quantstats/empyrical names in snake_case. "Daily" means per UTC day (per bar for bars coarser than a
 * day); fractions unless the key ends in `_pct`. `null` where a value is undefined; never NaN or ±Infinity.
 */
export interface ExtendedReport {
  /** Report periods a year inferred from the data's spacing (252, 365, 52, 12, 4 or 1). */
  annualization_factor: number | null;
  /** Number of daily returns the distribution metrics are computed over. */
  daily_return_count: number;
  omega_ratio: number | null;
  /** 5 % quantile of daily returns (a loss is negative). */
  var_95_daily: number | null;
  /** Mean of the worst 5 % of daily returns; ≤ `var_95_daily`. */
  cvar_95_daily: number | null;
  skew: number | null;
  /** Excess kurtosis (normal = 0). */
  kurtosis: number | null;
  tail_ratio: number | null;
  best_day_pct: number | null;
  worst_day_pct: number | null;
  best_month_pct: number | null;
  worst_month_pct: number | null;
  best_year_pct: number | null;
  worst_year_pct: number | null;
  /** Compounded return of every calendar month with data, chronological. */
  monthly_returns: MonthlyReturn[];
  longest_drawdown_days: number | null;
  recovery_factor: number | null;
  ulcer_index: number | null;
  /** Mean / sample std of daily returns, not annualized: the SR that PSR and DSR test. */
  sharpe_ratio_daily: number | null;
  probabilistic_sharpe_ratio: number | null;
  /** SR₀ of the deflated Sharpe ratio, per day; `null` without trials. */
  expected_max_sharpe_daily: number | null;
  deflated_sharpe_ratio: number | null;
  max_consecutive_wins: number | null;
  max_consecutive_losses: number | null;
  payoff_ratio: number | null;
}

/** Keys of the report in output order. */
export const EXTENDED_REPORT_KEYS: ReadonlyArray<keyof ExtendedReport> = [
  'annualization_factor',
  'daily_return_count',
  'omega_ratio',
  'var_95_daily',
  'cvar_95_daily',
  'skew',
  'kurtosis',
  'tail_ratio',
  'best_day_pct',
  'worst_day_pct',
  'best_month_pct',
  'worst_month_pct',
  'best_year_pct',
  'worst_year_pct',
  'monthly_returns',
  'longest_drawdown_days',
  'recovery_factor',
  'ulcer_index',
  'sharpe_ratio_daily',
  'probabilistic_sharpe_ratio',
  'expected_max_sharpe_daily',
  'deflated_sharpe_ratio',
  'max_consecutive_wins',
  'max_consecutive_losses',
  'payoff_ratio',
];
