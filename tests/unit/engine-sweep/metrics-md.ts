import type { CompatStats } from '../../../src/core/stats';

/** metrics.md's visible case (GOOG, sma-cross 10/20, cash 10,000, commission 0.002, exclusive orders), as backtesting.py reports it. */
export const METRICS_MD_OPTIONS = { cash: 10_000, commission: 0.002, exclusiveOrders: true } as const;

export const METRICS_MD_STATS: CompatStats = {
  start: '2004-08-19T00:00:00',
  end: '2013-03-01T00:00:00',
  duration_days: 3116.0,
  exposure_time_pct: 94.27374301675978,
  equity_final: 56263.51934000004,
  equity_peak: 56309.05934000004,
  commissions: 10563.951540000002,
  return_pct: 462.6351934000004,
  buy_hold_return_pct: 607.3703606212162,
  return_ann_pct: 22.477535903687684,
  volatility_ann_pct: 37.41641461272365,
  cagr_pct: 22.4446420570769,
  sharpe_ratio: 0.6007399729861899,
  sortino_ratio: 1.1450872477645853,
  calmar_ratio: 0.6624368233865422,
  alpha_pct: 450.6213474022805,
  beta: 0.019780099222214582,
  max_drawdown_pct: -33.93159182905461,
  avg_drawdown_pct: -6.160722831468624,
  max_drawdown_duration_days: 830.0,
  avg_drawdown_duration_days: 50.0,
  trades: 93,
  win_rate_pct: 52.68817204301075,
  best_trade_pct: 56.918681084536324,
  worst_trade_pct: -16.829431932773094,
  avg_trade_pct: 1.7581398952719596,
  max_trade_duration_days: 121.0,
  avg_trade_duration_days: 32.0,
  profit_factor: 1.9934882545908599,
  expectancy_pct: 2.290430336833818,
  sqn: 1.5843922090024816,
  kelly_criterion: 0.20928817404808409,
};
