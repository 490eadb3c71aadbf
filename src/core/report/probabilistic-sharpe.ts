import { excessKurtosis, periodSharpe, skewness } from './moments';
import { normalCdf } from './normal';

/**
 * Probabilistic Sharpe ratio (Bailey & López de Prado, "The Sharpe Ratio Efficient Frontier", 2012): the
 * probability that the true per-period Sharpe ratio exceeds a benchmark SR*, given the observed SR over T returns
 * and their skewness γ3 and kurtosis γ4:
 *
 *   PSR(SR*) = Φ( (SR - SR*)·√(T - 1) / √(1 - γ3·SR + (γ4 - 1)/4·SR²) )
 *
 * SR is per period and not annualized (mean / sample std, risk-free 0). γ3 is pandas' bias-corrected skew and γ4 is
 * pandas' bias-corrected excess kurtosis + 3 (the paper's γ4 is the plain, non-excess kurtosis, so the term reads
 * (excess + 2)/4). quantstats' `probabilistic_sharpe_ratio` subtracts 3 from an already-excess kurtosis; the report
 * follows the paper.
 *
 * `null` for T < 4, a constant series, or a non-positive variance term (possible only with sample moments that
 * break Pearson's inequality γ4 ≥ γ3² + 1).
 */
export interface SharpeEvidence {
  /** Observed per-period Sharpe ratio. */
  sharpe: number;
  /** Number of returns it was measured over. */
  count: number;
  skew: number;
  excessKurtosis: number;
}

/** Everything PSR needs, from a return series; `null` when any piece is undefined. */
export function sharpeEvidence(returns: ArrayLike<number>): SharpeEvidence | null {
  const sharpe = periodSharpe(returns);
  const skew = skewness(returns);
  const kurt = excessKurtosis(returns);
  if (sharpe === null || skew === null || kurt === null) return null;
  return { sharpe, count: returns.length, skew, excessKurtosis: kurt };
}

/** PSR against `benchmark` (per-period SR*, 0 by default). */
export function probabilisticSharpeRatio(evidence: SharpeEvidence | null, benchmark = 0): number | null {
  if (evidence === null || !Number.isFinite(benchmark)) return null;
  const { sharpe: sr, count, skew, excessKurtosis } = evidence;
  const variance = 1 - skew * sr + ((excessKurtosis + 2) / 4) * sr * sr;
  if (!(variance > 0) || count < 2) return null;
  const z = ((sr - benchmark) * Math.sqrt(count - 1)) / Math.sqrt(variance);
  return normalCdf(z);
}
