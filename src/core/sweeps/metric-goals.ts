import type { CompatStats } from '../stats/types';

/**
 * Which way is better for each statistic when a sweep picks its best run: `max`, `min` (volatility, costs,
 * drawdown durations), or null for descriptive values (exposure, beta, trade counts and durations, dates) that
 * have no best. Drawdowns are negative percents, so the best is the largest (closest to zero). The result views
 * mark best cells and color differences by these same goals (src/ui/results/best-by-goal.ts).
 */
export type MetricGoal = 'max' | 'min' | null;

const GOALS: Readonly<Record<keyof CompatStats, MetricGoal>> = {
  start: null,
  end: null,
  duration_days: null,
  exposure_time_pct: null,
  equity_final: 'max',
  equity_peak: 'max',
  commissions: 'min',
  return_pct: 'max',
  buy_hold_return_pct: null,
  return_ann_pct: 'max',
  volatility_ann_pct: 'min',
  cagr_pct: 'max',
  sharpe_ratio: 'max',
  sortino_ratio: 'max',
  calmar_ratio: 'max',
  alpha_pct: 'max',
  beta: null,
  max_drawdown_pct: 'max',
  avg_drawdown_pct: 'max',
  max_drawdown_duration_days: 'min',
  avg_drawdown_duration_days: 'min',
  trades: null,
  win_rate_pct: 'max',
  best_trade_pct: 'max',
  worst_trade_pct: 'max',
  avg_trade_pct: 'max',
  max_trade_duration_days: null,
  avg_trade_duration_days: null,
  profit_factor: 'max',
  expectancy_pct: 'max',
  sqn: 'max',
  kelly_criterion: 'max',
};

export function metricGoal(key: keyof CompatStats): MetricGoal {
  return GOALS[key];
}
