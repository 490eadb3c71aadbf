import { quantileSorted, sortedAscending } from './quantile';
import { sum } from './summation';

/**
 * Historical (non-parametric) tail measures of a return series, as returns: a loss is negative.
 * quantstats' `var`/`cvar` are parametric (normal); the report uses empyrical's historical definitions instead,
 * which need no distributional assumption.
 */

/** Fewest returns a quantile-based measure is reported for. */
export const MIN_TAIL_POINTS = 2;

/**
 * Value at risk with tail probability `tail` (0.05 by default, i.e. 95 % confidence): the `tail` quantile of the
 * returns, numpy-linear interpolation (empyrical `value_at_risk`). The tail probability is the parameter, not the
 * confidence, so that 0.05 enters as written (1 - 0.95 is 0.05000000000000004 in binary floating point and can move
 * the interpolation index across an integer). `null` with fewer than two returns.
 */
export function valueAtRisk(returns: ArrayLike<number>, tail = 0.05): number | null {
  checkTail(tail);
  if (returns.length < MIN_TAIL_POINTS) return null;
  return quantileSorted(sortedAscending(returns), tail);
}

/**
 * Conditional value at risk (expected shortfall) with tail probability `tail`: the mean of the k smallest returns,
 * k = floor((n - 1)·tail) + 1 (empyrical `conditional_value_at_risk`). Those are the sorted values up to the lower
 * neighbour x[j] of the VaR's interpolation (j = floor((n - 1)·tail)), so CVaR ≤ x[j] ≤ VaR always (as losses:
 * CVaR ≥ VaR). `null` with fewer than two returns.
 */
export function conditionalValueAtRisk(returns: ArrayLike<number>, tail = 0.05): number | null {
  checkTail(tail);
  if (returns.length < MIN_TAIL_POINTS) return null;
  const sorted = sortedAscending(returns);
  const k = Math.floor((sorted.length - 1) * tail) + 1;
  return sum(sorted.subarray(0, k)) / k;
}

/**
 * Tail ratio: |95th percentile| / |5th percentile| of the returns (empyrical `tail_ratio`; quantstats the same up to
 * the binary rounding of 1 - 0.95), numpy-linear quantiles at 1 - tail and tail. `null` with fewer than two returns
 * or when the 5th percentile is exactly 0.
 */
export function tailRatio(returns: ArrayLike<number>, tail = 0.05): number | null {
  checkTail(tail);
  if (returns.length < MIN_TAIL_POINTS) return null;
  const sorted = sortedAscending(returns);
  const upper = quantileSorted(sorted, 1 - tail);
  const lower = quantileSorted(sorted, tail);
  if (lower === 0) return null;
  return Math.abs(upper) / Math.abs(lower);
}

function checkTail(p: number): void {
  if (!(p > 0 && p < 0.5)) throw new RangeError(`tail risk: tail probability ${p} must lie strictly between 0 and 0.5`);
}
