/**
 * Which way is better for each statistic, so that views can mark the best run of a sweep and color a
 * difference between runs. `null` for descriptive statistics (exposure, beta, number of trades…) where neither
 * direction is better. Drawdowns are negative percents, so "higher" (closer to zero) is better.
 */
import type { CompatStats } from '../../core/stats';

export type Preference = 'higher' | 'lower' | null;

const HIGHER = new Set<keyof CompatStats>([
  'equity_final', 'equity_peak', 'return_pct', 'return_ann_pct', 'cagr_pct', 'sharpe_ratio', 'sortino_ratio',
  'calmar_ratio', 'alpha_pct', 'max_drawdown_pct', 'avg_drawdown_pct', 'win_rate_pct', 'best_trade_pct',
  'worst_trade_pct', 'avg_trade_pct', 'profit_factor', 'expectancy_pct', 'sqn', 'kelly_criterion',
]);
const LOWER = new Set<keyof CompatStats>([
  'commissions', 'volatility_ann_pct', 'max_drawdown_duration_days', 'avg_drawdown_duration_days',
]);

export function preferenceOf(key: keyof CompatStats): Preference {
  return HIGHER.has(key) ? 'higher' : LOWER.has(key) ? 'lower' : null;
}

/** +1 when `a` is better than `b`, −1 when worse, 0 when equal, incomparable or without a preference. */
export function compareByPreference(a: number | null, b: number | null, preference: Preference): number {
  if (preference === null || a === null || b === null || Number.isNaN(a) || Number.isNaN(b) || a === b) return 0;
  const higher = a > b ? 1 : -1;
  return preference === 'higher' ? higher : -higher;
}

/** Index of the best defined value (the first on ties), or -1 when there is none or no preference. */
export function bestIndex(values: ArrayLike<number | null>, preference: Preference): number {
  if (preference === null) return -1;
  let best = -1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || Number.isNaN(v)) continue;
    if (best < 0 || compareByPreference(v, values[best], preference) > 0) best = i;
  }
  return best;
}
