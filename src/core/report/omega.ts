import { sum } from './summation';

/**
 * Omega ratio (Keating & Shadwick; quantstats/empyrical `omega`): with τ the per-period threshold,
 * Ω = Σ max(r - τ, 0) / Σ max(τ - r, 0).
 *
 * The threshold is given as an annual required return R and converted to the report's period with the
 * annualization factor A: τ = (1 + R)^(1/A) - 1 (τ = 0 for R = 0, the default).
 *
 * `null` — where quantstats gives NaN — with fewer than two returns or when no return falls below τ (the ratio
 * would be +∞, which JSON cannot carry; a series that never lost is reported as "undefined", not as a number).
 */
export function omegaRatio(returns: ArrayLike<number>, requiredReturn = 0, periodsPerYear: number | null = null): number | null {
  if (!(requiredReturn > -1) || !Number.isFinite(requiredReturn)) {
    throw new RangeError(`omega: required return ${requiredReturn} must be a finite number above -1`);
  }
  if (returns.length < 2) return null;
  let threshold = 0;
  if (requiredReturn !== 0) {
    if (periodsPerYear === null) return null;
    threshold = (1 + requiredReturn) ** (1 / periodsPerYear) - 1;
  }
  const gains = new Float64Array(returns.length);
  const losses = new Float64Array(returns.length);
  for (let k = 0; k < returns.length; k++) {
    const d = returns[k] - threshold;
    if (d > 0) gains[k] = d;
    else if (d < 0) losses[k] = -d;
  }
  const down = sum(losses);
  if (!(down > 0)) return null;
  return sum(gains) / down;
}
