/**
 * How the metrics report groups its rows. The compat table keeps metrics.md's key order (the groups are runs of
 * consecutive keys); the extended report's labels are the lab's own, with quantstats' names in mind.
 */
import { COMPAT_STATS_KEYS, type CompatStats } from '../../core/stats';
import type { ExtendedReport } from '../../core/report';

export interface StatSection<K extends string> {
  title: string;
  keys: readonly K[];
}

export const COMPAT_SECTIONS: readonly StatSection<keyof CompatStats>[] = [
  { title: 'Period', keys: ['start', 'end', 'duration_days', 'exposure_time_pct'] },
  { title: 'Equity', keys: ['equity_final', 'equity_peak', 'commissions'] },
  { title: 'Returns', keys: ['return_pct', 'buy_hold_return_pct', 'return_ann_pct', 'volatility_ann_pct', 'cagr_pct'] },
  { title: 'Risk-adjusted', keys: ['sharpe_ratio', 'sortino_ratio', 'calmar_ratio', 'alpha_pct', 'beta'] },
  { title: 'Drawdown', keys: ['max_drawdown_pct', 'avg_drawdown_pct', 'max_drawdown_duration_days', 'avg_drawdown_duration_days'] },
  {
    title: 'Trades',
    keys: [
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
    ],
  },
];

/** Every numeric compat statistic (start and end are dates). */
export const NUMERIC_COMPAT_KEYS: readonly (keyof CompatStats)[] = COMPAT_STATS_KEYS.filter((k) => k !== 'start' && k !== 'end');

type ScalarReportKey = Exclude<keyof ExtendedReport, 'monthly_returns'>;

export const REPORT_LABELS: Readonly<Record<ScalarReportKey, string>> = {
  annualization_factor: 'Periods per year',
  daily_return_count: 'Daily returns',
  omega_ratio: 'Omega ratio',
  var_95_daily: 'VaR 95 % (daily)',
  cvar_95_daily: 'CVaR 95 % (daily)',
  skew: 'Skew',
  kurtosis: 'Excess kurtosis',
  tail_ratio: 'Tail ratio',
  best_day_pct: 'Best day',
  worst_day_pct: 'Worst day',
  best_month_pct: 'Best month',
  worst_month_pct: 'Worst month',
  best_year_pct: 'Best year',
  worst_year_pct: 'Worst year',
  longest_drawdown_days: 'Longest drawdown',
  recovery_factor: 'Recovery factor',
  ulcer_index: 'Ulcer index',
  sharpe_ratio_daily: 'Sharpe (daily, not ann.)',
  probabilistic_sharpe_ratio: 'Probabilistic Sharpe',
  expected_max_sharpe_daily: 'Expected max Sharpe (daily)',
  deflated_sharpe_ratio: 'Deflated Sharpe',
  max_consecutive_wins: 'Max consecutive wins',
  max_consecutive_losses: 'Max consecutive losses',
  payoff_ratio: 'Payoff ratio',
};

export const REPORT_SECTIONS: readonly StatSection<ScalarReportKey>[] = [
  { title: 'Tail risk', keys: ['var_95_daily', 'cvar_95_daily', 'tail_ratio', 'omega_ratio'] },
  { title: 'Moments', keys: ['skew', 'kurtosis', 'daily_return_count', 'annualization_factor'] },
  { title: 'Calendar', keys: ['best_day_pct', 'worst_day_pct', 'best_month_pct', 'worst_month_pct', 'best_year_pct', 'worst_year_pct'] },
  { title: 'Drawdown', keys: ['longest_drawdown_days', 'recovery_factor', 'ulcer_index'] },
  { title: 'Sharpe evidence', keys: ['sharpe_ratio_daily', 'probabilistic_sharpe_ratio', 'expected_max_sharpe_daily', 'deflated_sharpe_ratio'] },
  { title: 'Trade streaks', keys: ['max_consecutive_wins', 'max_consecutive_losses', 'payoff_ratio'] },
];
