import { annualizationFactor } from './annualization';
import { calendarReturns, extremes } from './calendar-returns';
import { dailySeries } from './daily-series';
import { checkTrials, deflatedSharpeRatio, expectedMaxSharpe, perPeriodSharpeVariance } from './deflated-sharpe';
import { longestDrawdownDays, recoveryFactor, ulcerIndex } from './drawdown';
import { excessKurtosis, periodSharpe, skewness } from './moments';
import { omegaRatio } from './omega';
import { probabilisticSharpeRatio, sharpeEvidence } from './probabilistic-sharpe';
import { conditionalValueAtRisk, tailRatio, valueAtRisk } from './tail-risk';
import { tradeProfile } from './trade-profile';
import type { ExtendedReport, MonthlyReturn, ReportInput, ReportOptions } from './types';

/** A value JSON can carry: anything undefined, NaN or infinite becomes `null`. */
function finite(x: number | null): number | null {
  return x !== null && Number.isFinite(x) ? x : null;
}

function pct(x: number | null): number | null {
  return x === null ? null : finite(x * 100);
}

/**
 * The lab's extended metrics of one equity curve (pure: same input, same bits). Invalid input — lengths that differ,
 * non-finite values, timestamps out of order, a malformed trial count — throws a RangeError naming the culprit.
 */
export function extendedReport(input: ReportInput, options: ReportOptions = {}): ExtendedReport {
  if (input.trials !== undefined) checkTrials(input.trials);
  const series = dailySeries(input.equity, input.time);
  const returns = series.returns;
  const periods = annualizationFactor(series);

  const day = extremes(returns);
  const monthly = calendarReturns(series, 'month');
  const month = extremes(monthly.map((m) => m.value));
  const year = extremes(calendarReturns(series, 'year').map((y) => y.value));
  const monthlyTable: MonthlyReturn[] = [];
  for (const m of monthly) {
    const value = pct(m.value);
    if (value !== null) monthlyTable.push({ year: m.year, month: m.month, return_pct: value });
  }

  const evidence = sharpeEvidence(returns);
  let expectedMax: number | null = null;
  let deflated: number | null = null;
  if (input.trials !== undefined) {
    const variance = perPeriodSharpeVariance(input.trials, periods);
    expectedMax = variance === null ? null : expectedMaxSharpe(input.trials.count, variance);
    deflated = deflatedSharpeRatio(evidence, input.trials, periods);
  }
  const trades = input.tradeReturns === undefined ? null : tradeProfile(input.tradeReturns);

  return {
    annualization_factor: periods,
    daily_return_count: returns.length,
    omega_ratio: finite(omegaRatio(returns, options.omegaRequiredReturn ?? 0, periods)),
    var_95_daily: finite(valueAtRisk(returns, 0.05)),
    cvar_95_daily: finite(conditionalValueAtRisk(returns, 0.05)),
    skew: finite(skewness(returns)),
    kurtosis: finite(excessKurtosis(returns)),
    tail_ratio: finite(tailRatio(returns, 0.05)),
    best_day_pct: pct(day.best),
    worst_day_pct: pct(day.worst),
    best_month_pct: pct(month.best),
    worst_month_pct: pct(month.worst),
    best_year_pct: pct(year.best),
    worst_year_pct: pct(year.worst),
    monthly_returns: monthlyTable,
    longest_drawdown_days: finite(longestDrawdownDays(series)),
    recovery_factor: finite(recoveryFactor(series)),
    ulcer_index: finite(ulcerIndex(series)),
    sharpe_ratio_daily: finite(periodSharpe(returns)),
    probabilistic_sharpe_ratio: finite(probabilisticSharpeRatio(evidence, 0)),
    expected_max_sharpe_daily: finite(expectedMax),
    deflated_sharpe_ratio: finite(deflated),
    max_consecutive_wins: trades === null ? null : trades.max_consecutive_wins,
    max_consecutive_losses: trades === null ? null : trades.max_consecutive_losses,
    payoff_ratio: trades === null ? null : finite(trades.payoff_ratio),
  };
}
