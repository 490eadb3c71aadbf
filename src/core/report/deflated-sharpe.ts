import { normalQuantile } from './normal';
import { probabilisticSharpeRatio, type SharpeEvidence } from './probabilistic-sharpe';
import { sum } from './summation';

/**
 * Deflated Sharpe ratio (Bailey & López de Prado, "The Deflated Sharpe Ratio", 2014): the PSR of the selected
 * strategy against the Sharpe ratio that the best of N unskilled trials would be expected to reach by luck,
 *
 *   SR₀ = √V · ( (1 - γ)·Φ⁻¹(1 - 1/N) + γ·Φ⁻¹(1 - 1/(N·e)) ),   DSR = PSR(SR₀),
 *
 * where V is the variance of the N trials' Sharpe ratios and γ ≈ 0.5772 the Euler–Mascheroni constant (the paper's
 * approximation of E[max] of N standard normals). V must be in the same units as the tested SR — per period, not
 * annualized; an annualized variance is divided by the annualization factor (SR_ann = SR·√A). One trial (N = 1)
 * involves no selection: SR₀ = 0 and DSR = PSR.
 */

/** Euler–Mascheroni constant. */
export const EULER_MASCHERONI = 0.5772156649015329;

/** A parameter sweep's multiple-testing footprint. */
export interface SweepTrials {
  /** Number of configurations tried (N ≥ 1, an integer). */
  count: number;
  /** Variance of the trials' Sharpe ratios (≥ 0). */
  sharpeVariance: number;
  /** Units of the Sharpe ratios behind `sharpeVariance`. */
  units: 'per_period' | 'annualized';
}

export function checkTrials(trials: SweepTrials): void {
  if (!Number.isInteger(trials.count) || trials.count < 1) {
    throw new RangeError(`deflated Sharpe: trial count ${trials.count} must be an integer ≥ 1`);
  }
  if (!(trials.sharpeVariance >= 0) || !Number.isFinite(trials.sharpeVariance)) {
    throw new RangeError(`deflated Sharpe: Sharpe variance ${trials.sharpeVariance} must be a finite number ≥ 0`);
  }
  if (trials.units !== 'per_period' && trials.units !== 'annualized') {
    throw new RangeError(`deflated Sharpe: units '${String(trials.units)}' must be 'per_period' or 'annualized'`);
  }
}

/** Expected maximum Sharpe ratio of N unskilled trials with Sharpe variance V (per-period units). */
export function expectedMaxSharpe(count: number, variance: number): number {
  if (count <= 1 || variance === 0) return 0;
  const z1 = normalQuantile(1 - 1 / count);
  const z2 = normalQuantile(1 - 1 / (count * Math.E));
  return Math.sqrt(variance) * ((1 - EULER_MASCHERONI) * z1 + EULER_MASCHERONI * z2);
}

/** Per-period Sharpe variance of the trials; `null` when annualized and the factor is unknown. */
export function perPeriodSharpeVariance(trials: SweepTrials, periodsPerYear: number | null): number | null {
  if (trials.units === 'per_period') return trials.sharpeVariance;
  return periodsPerYear === null ? null : trials.sharpeVariance / periodsPerYear;
}

/** DSR of the tested series; `null` when its PSR is undefined or the variance cannot be put in per-period units. */
export function deflatedSharpeRatio(evidence: SharpeEvidence | null, trials: SweepTrials, periodsPerYear: number | null): number | null {
  checkTrials(trials);
  const variance = perPeriodSharpeVariance(trials, periodsPerYear);
  if (variance === null) return null;
  return probabilisticSharpeRatio(evidence, expectedMaxSharpe(trials.count, variance));
}

/** Sample variance (ddof = 1) of a sweep's Sharpe ratios, in index order; `null` with fewer than two finite values. */
export function trialSharpeVariance(sharpes: ArrayLike<number>): number | null {
  const finite: number[] = [];
  for (let k = 0; k < sharpes.length; k++) if (Number.isFinite(sharpes[k])) finite.push(sharpes[k]);
  if (finite.length < 2) return null;
  const avg = sum(finite) / finite.length;
  const sq = finite.map((s) => (s - avg) * (s - avg));
  return sum(sq) / (finite.length - 1);
}
