import { annualizationFactor } from '../report/annualization';
import { dailySeries } from '../report/daily-series';
import { deflatedSharpeRatio, expectedMaxSharpe, trialSharpeVariance } from '../report/deflated-sharpe';
import { sharpeEvidence } from '../report/probabilistic-sharpe';
import type { SweepResults } from './results';

/**
 * A sweep's multiple-testing footprint: how many configurations were tried, the best Sharpe ratio among them,
 * and the variance of their Sharpe ratios — what the deflated Sharpe ratio of the best run needs besides the
 * best run's own returns.
 *
 * The trials are the completed runs (a cancelled sweep's trials are the runs it finished); the Sharpe ratios are
 * the table's (backtesting.py's, annualized), in combination order.
 */
export interface SweepTrialSummary {
  trials: number;
  bestCombination: number | null;
  bestSharpe: number | null;
  /** Sample variance of the trials' annualized Sharpe ratios; null with fewer than two finite ones. */
  sharpeVariance: number | null;
}

export function sweepTrials(results: SweepResults): SweepTrialSummary {
  const best = results.best('sharpe_ratio');
  return {
    trials: results.completed,
    bestCombination: best?.combination ?? null,
    bestSharpe: best?.value ?? null,
    sharpeVariance: trialSharpeVariance(results.column('sharpe_ratio')),
  };
}

export interface DeflatedSharpe {
  /** Probability that the best run's true Sharpe ratio is above zero given the trials; null when undefined. */
  deflatedSharpe: number | null;
  /** Sharpe ratio the best of the trials would reach by luck alone, annualized like the table's. */
  expectedMaxSharpe: number | null;
  /** Report periods per year of the best run's daily curve (converts the trials' annualized variance). */
  periodsPerYear: number | null;
}

/**
 * Deflated Sharpe ratio (Bailey & López de Prado, 2014) of the best run, from its equity curve and the sweep's
 * trials: the best run's daily returns give the observed per-day Sharpe ratio, skew and kurtosis; the trials'
 * annualized Sharpe variance is brought to per-day units by the curve's periods per year. One trial involves no
 * selection (DSR = PSR). Undefined pieces give nulls, never NaN.
 */
export function deflatedSharpeOfBest(curve: { equity: Float64Array; time: Float64Array }, summary: SweepTrialSummary): DeflatedSharpe {
  const series = dailySeries(curve.equity, curve.time);
  const periods = annualizationFactor(series);
  const count = summary.trials;
  const variance = summary.sharpeVariance ?? (count === 1 ? 0 : null);
  if (count < 1 || variance === null || periods === null) return { deflatedSharpe: null, expectedMaxSharpe: null, periodsPerYear: periods };
  const evidence = sharpeEvidence(series.returns);
  const dsr = deflatedSharpeRatio(evidence, { count, sharpeVariance: variance, units: 'annualized' }, periods);
  const sr0 = expectedMaxSharpe(count, variance / periods) * Math.sqrt(periods);
  return {
    deflatedSharpe: dsr !== null && Number.isFinite(dsr) ? dsr : null,
    expectedMaxSharpe: Number.isFinite(sr0) ? sr0 : null,
    periodsPerYear: periods,
  };
}
