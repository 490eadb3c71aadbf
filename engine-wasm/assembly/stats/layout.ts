// The statistics ABI in one place: which f64 slot of the output holds which metric, and which column of the
// trades block holds which trade field. The host reads both name lists from the module (statsKeyNames,
// statsTradeFieldNames) and maps by name, so this file is the only place the order is written down.
//
// Output: STATS_SLOTS f64 values, one per metrics.md key, in metrics.md's table order:
//   0 start (epoch ms of the first bar)        16 beta
//   1 end (epoch ms of the last bar)           17 max_drawdown_pct
//   2 duration_days                            18 avg_drawdown_pct
//   3 exposure_time_pct                        19 max_drawdown_duration_days
//   4 equity_final                             20 avg_drawdown_duration_days
//   5 equity_peak                              21 trades (count)
//   6 commissions                              22 win_rate_pct
//   7 return_pct                               23 best_trade_pct
//   8 buy_hold_return_pct                      24 worst_trade_pct
//   9 return_ann_pct                           25 avg_trade_pct
//  10 volatility_ann_pct                       26 max_trade_duration_days
//  11 cagr_pct                                 27 avg_trade_duration_days
//  12 sharpe_ratio                             28 profit_factor
//  13 sortino_ratio                            29 expectancy_pct
//  14 calmar_ratio                             30 sqn
//  15 alpha_pct                                31 kelly_criterion
// Durations are in days; NaN marks an undefined value (the host turns it into null).

export const STATS_SLOTS: i32 = 32;

export const SLOT_START: i32 = 0;
export const SLOT_END: i32 = 1;
export const SLOT_DURATION_DAYS: i32 = 2;
export const SLOT_EXPOSURE_TIME_PCT: i32 = 3;
export const SLOT_EQUITY_FINAL: i32 = 4;
export const SLOT_EQUITY_PEAK: i32 = 5;
export const SLOT_COMMISSIONS: i32 = 6;
export const SLOT_RETURN_PCT: i32 = 7;
export const SLOT_BUY_HOLD_RETURN_PCT: i32 = 8;
export const SLOT_RETURN_ANN_PCT: i32 = 9;
export const SLOT_VOLATILITY_ANN_PCT: i32 = 10;
export const SLOT_CAGR_PCT: i32 = 11;
export const SLOT_SHARPE_RATIO: i32 = 12;
export const SLOT_SORTINO_RATIO: i32 = 13;
export const SLOT_CALMAR_RATIO: i32 = 14;
export const SLOT_ALPHA_PCT: i32 = 15;
export const SLOT_BETA: i32 = 16;
export const SLOT_MAX_DRAWDOWN_PCT: i32 = 17;
export const SLOT_AVG_DRAWDOWN_PCT: i32 = 18;
export const SLOT_MAX_DRAWDOWN_DURATION_DAYS: i32 = 19;
export const SLOT_AVG_DRAWDOWN_DURATION_DAYS: i32 = 20;
export const SLOT_TRADES: i32 = 21;
export const SLOT_WIN_RATE_PCT: i32 = 22;
export const SLOT_BEST_TRADE_PCT: i32 = 23;
export const SLOT_WORST_TRADE_PCT: i32 = 24;
export const SLOT_AVG_TRADE_PCT: i32 = 25;
export const SLOT_MAX_TRADE_DURATION_DAYS: i32 = 26;
export const SLOT_AVG_TRADE_DURATION_DAYS: i32 = 27;
export const SLOT_PROFIT_FACTOR: i32 = 28;
export const SLOT_EXPECTANCY_PCT: i32 = 29;
export const SLOT_SQN: i32 = 30;
export const SLOT_KELLY_CRITERION: i32 = 31;

/**
 * Slot names, comma-separated, in slot order: the JSON keys of metrics.md. One literal (not a concatenation), so
 * it is static data rather than a string built at start-up.
 */
export const STATS_KEY_NAMES = "start,end,duration_days,exposure_time_pct,equity_final,equity_peak,commissions,return_pct,buy_hold_return_pct,return_ann_pct,volatility_ann_pct,cagr_pct,sharpe_ratio,sortino_ratio,calmar_ratio,alpha_pct,beta,max_drawdown_pct,avg_drawdown_pct,max_drawdown_duration_days,avg_drawdown_duration_days,trades,win_rate_pct,best_trade_pct,worst_trade_pct,avg_trade_pct,max_trade_duration_days,avg_trade_duration_days,profit_factor,expectancy_pct,sqn,kelly_criterion";

// Trades travel as a struct of arrays: TRADE_FIELDS columns of nTrades f64 each, back to back, closed trades in
// closing order. These are exactly the fields the statistics read (src/core/stats/types.ts StatsTrade); bar
// indices travel as f64 too, so one Float64Array carries the whole block.
export const TRADE_FIELDS: i32 = 7;
export const COL_ENTRY_BAR: i32 = 0;
export const COL_EXIT_BAR: i32 = 1;
export const COL_PNL: i32 = 2;
export const COL_RETURN_PCT: i32 = 3;
export const COL_COMMISSIONS: i32 = 4;
export const COL_ENTRY_TIME: i32 = 5;
export const COL_EXIT_TIME: i32 = 6;

/** Column names, comma-separated, in column order: StatsTrade's property names. */
export const TRADE_FIELD_NAMES = "entryBar,exitBar,pnl,returnPct,commissions,entryTime,exitTime";

/** Resample rules of the annualisation (calendar bins that returns are taken over). */
export const RULE_DAY: i32 = 0;
export const RULE_WEEK: i32 = 1;
export const RULE_MONTH: i32 = 2;
export const RULE_YEAR: i32 = 3;
