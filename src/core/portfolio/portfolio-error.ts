/**
 * Why an optimizer gave no weights: infeasible constraints (naming the constraint), a covariance it cannot use, or
 * no convergence (naming the optimizer). Optimizers throw this instead of ever returning NaN or clipped weights.
 */
export type PortfolioErrorRule = 'infeasible' | 'not-converged' | 'not-positive-definite' | 'bad-input';

export class PortfolioError extends Error {
  override name = 'PortfolioError';
  constructor(
    readonly optimizer: string,
    readonly rule: PortfolioErrorRule,
    message: string,
    /** The constraint at fault, for `infeasible`. */
    readonly constraint?: string,
  ) {
    super(`${optimizer}: ${message}`);
  }
}
