/**
 * GARCH(1,1) variance recursion (Bollerslev, 1986) on a unit-variance shock z:
 *
 *   σ²[t+1] = ω + α · σ²[t] · z[t]² + β · σ²[t],   ω = σ²_LR · (1 − α − β)
 *
 * σ²_LR is the long-run (unconditional) per-bar variance, which the recursion reverts to because α + β < 1
 * and E[z²] = 1. Big shocks raise next bar's variance and the effect decays at rate α + β per bar: volatility
 * clustering. The series starts at the long-run level.
 */
export interface Garch {
  readonly omega: number;
  readonly alpha: number;
  readonly beta: number;
  /** Long-run per-bar variance σ²_LR. */
  readonly longRunVariance: number;
}

export function garch(longRunVariance: number, alpha: number, beta: number): Garch {
  return { omega: longRunVariance * (1 - alpha - beta), alpha, beta, longRunVariance };
}

/** Next bar's variance given this bar's variance and its standardised shock z. */
export function nextVariance(g: Garch, variance: number, z: number): number {
  return g.omega + g.alpha * variance * z * z + g.beta * variance;
}
