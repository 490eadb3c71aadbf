import { expectedMaxSharpe, trialSharpeVariance } from '../report/deflated-sharpe';
import { excessKurtosis, skewness } from '../report/moments';
import { probabilisticSharpeRatio } from '../report/probabilistic-sharpe';
import { annualization, periodReturns } from '../stats';
import type { SweepResults } from './results';

/**
 * A sweep's multiple-testing footprint: how many configurations were tried, the best Sharpe ratio among them,
 * and the variance of their Sharpe ratios — what the deflated Sharpe ratio of the best run needs besides the
 * best run's own returns.
 *
 * One Sharpe definition throughout (README, "Multiple testing"): the table's, backtesting.py's annualized Sharpe
 * ratio — annualized geometric return over annualized volatility of the period returns (sample variance, ddof = 1),
 * risk-free 0 — in combination order. The trials are the completed runs (a cancelled sweep's are those it finished).
 */
export interface SweepTrialSummary {
  trials: number;
  bestCombination: number | null;
  bestSharpe: number | null;
  /** Sample variance (ddof = 1) of the trials' annualized Sharpe ratios; null with fewer than two finite ones. */
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

/** What the deflated Sharpe ratio tests, all in the table's Sharpe definition. */
export interface SelectionInput {
  /** The selected (best) run's annualized Sharpe ratio. */
  bestSharpe: number;
  /** Number of trials N ≥ 1. */
  trials: number;
  /** Sample variance of the trials' annualized Sharpe ratios (0 or null for one trial). */
  sharpeVariance: number | null;
  /** Periods per year A of the statistics (252 or 365 for daily returns): annualized = per period × √A. */
  periodsPerYear: number;
  /** The best run's period returns behind its Sharpe ratio: how many, their skew and excess kurtosis. */
  returns: { count: number; skew: number; excessKurtosis: number } | null;
}

export interface DeflatedSharpe {
  /** Probability that the best run's true Sharpe ratio is above zero given the trials; null when undefined. */
  deflatedSharpe: number | null;
  /** Sharpe ratio the best of the trials would reach by luck alone (SR₀), annualized like the table's. */
  expectedMaxSharpe: number | null;
  /** Periods per year A: the DSR compares bestSharpe/√A with expectedMaxSharpe/√A. */
  periodsPerYear: number | null;
}

/**
 * Deflated Sharpe ratio (Bailey & López de Prado, 2014) of the selected run, in one Sharpe definition:
 * SR₀ = √V·((1-γ)Φ⁻¹(1-1/N) + γΦ⁻¹(1-1/(Ne))) with V the trials' annualized variance — the expected maximum shown —
 * and DSR = PSR of the best Sharpe against SR₀, both divided by √A (the PSR works per period, with the skew and
 * kurtosis of the period returns that Sharpe was measured on). One trial: SR₀ = 0 and DSR = PSR.
 */
export function deflateSelection(input: SelectionInput): DeflatedSharpe {
  const { bestSharpe, trials, periodsPerYear } = input;
  const variance = input.sharpeVariance ?? (trials === 1 ? 0 : null);
  if (trials < 1 || variance === null || !Number.isFinite(bestSharpe) || !(periodsPerYear > 0)) {
    return { deflatedSharpe: null, expectedMaxSharpe: null, periodsPerYear };
  }
  const expectedMax = expectedMaxSharpe(trials, variance);
  const root = Math.sqrt(periodsPerYear);
  const evidence = input.returns === null ? null : { ...input.returns, sharpe: bestSharpe / root };
  const dsr = probabilisticSharpeRatio(evidence, expectedMax / root);
  return {
    deflatedSharpe: dsr !== null && Number.isFinite(dsr) ? dsr : null,
    expectedMaxSharpe: Number.isFinite(expectedMax) ? expectedMax : null,
    periodsPerYear,
  };
}

/**
 * The deflated Sharpe ratio of a sweep's best run, from its equity curve: the curve gives the period returns its
 * table Sharpe was computed on (the statistics' calendar resampling and periods per year), whose count, skew and
 * kurtosis the PSR needs. Undefined pieces give nulls, never NaN.
 */
export function deflatedSharpeOfBest(curve: { equity: Float64Array; time: Float64Array }, summary: SweepTrialSummary): DeflatedSharpe {
  const { periodsPerYear, rule } = annualization(curve.time);
  if (summary.bestSharpe === null) return { deflatedSharpe: null, expectedMaxSharpe: null, periodsPerYear };
  const returns = periodReturns(curve.equity, curve.time, rule);
  const skew = skewness(returns);
  const kurt = excessKurtosis(returns);
  return deflateSelection({
    bestSharpe: summary.bestSharpe,
    trials: summary.trials,
    sharpeVariance: summary.sharpeVariance,
    periodsPerYear,
    returns: skew === null || kurt === null ? null : { count: returns.length, skew, excessKurtosis: kurt },
  });
}
