/**
 * One interface for every optimizer: a covariance (any scale — daily or annualised, as long as expected returns
 * and the risk-free rate are on the same one), optional expected returns and constraints in; weights summing to 1
 * and diagnostics out. Weights are in the covariance's asset order. Failures throw PortfolioError, never NaN.
 */
import type { SquareMatrix } from './square-matrix';

export interface WeightBounds {
  /** Per-asset lower bounds (−Infinity: none). */
  lower: Float64Array;
  /** Per-asset upper bounds (+Infinity: none). */
  upper: Float64Array;
}

export interface OptimizerInput {
  cov: SquareMatrix;
  expectedReturns?: Float64Array;
  /** Long-only: every weight ≥ 0 (max Sharpe, ERC, risk budgets and HRP are long-only anyway). */
  longOnly?: boolean;
  /** Upper bound on every weight (a cap such as 0.25). */
  maxWeight?: number;
  /** Lower bound on every weight (a floor such as 0.02); with longOnly the larger of the two holds. */
  minWeight?: number;
  /** Per-asset bounds; combined with longOnly / maxWeight / minWeight by taking the tighter bound. */
  bounds?: WeightBounds;
  riskFree?: number;
  /** Mean–variance: maximise μ'w − (δ/2) w'Σw. */
  riskAversion?: number;
  /** Mean–variance: minimise w'Σw subject to μ'w = target. */
  targetReturn?: number;
  /** Risk budgets (ERC when absent): positive, normalised to sum 1. */
  budgets?: Float64Array;
  /** Pass-through: the strategy's own weights, returned unchanged. */
  weights?: Float64Array;
  /** Gross exposure Σ|w| ≤ gross (with shorts). */
  gross?: number;
  /** Net exposure Σw in [net.min, net.max] (replaces the budget Σw = 1 when given). */
  net?: { min: number; max: number };
  /** Group caps: Σ_{k ∈ members} w_k in [min, max]; groups come from instrument metadata (e.g. sector). */
  groups?: readonly PortfolioGroup[];
  /** Turnover cap: Σ|w − previous| ≤ max, against the previous rebalance's target weights. */
  turnover?: { previous: Float64Array; max: number };
  /** Cash buffer: the weights sum to 1 − cashBuffer instead of 1. */
  cashBuffer?: number;
}

export interface PortfolioGroup {
  /** The group's name, named in errors (e.g. "sector:TEC"). */
  name: string;
  /** Asset indices in the covariance's order. */
  members: readonly number[];
  min?: number;
  max?: number;
}

export interface OptimizerDiagnostics {
  /** Solver iterations (0 for closed forms). */
  iterations: number;
  /** w'Σw on the covariance's scale. */
  variance: number;
  /** Assets at their lower bound (active-set solvers). */
  atLower?: number[];
  /** Assets at their upper bound (active-set solvers). */
  atUpper?: number[];
  /** HRP: the quasi-diagonal order of the assets. */
  leafOrder?: number[];
  /** HRP: the linkage matrix rows [a, b, distance, size], scipy's layout. */
  linkage?: number[][];
}

export interface OptimizerResult {
  weights: Float64Array;
  diagnostics: OptimizerDiagnostics;
}

export interface Optimizer {
  readonly name: string;
  optimize(input: OptimizerInput): OptimizerResult;
}
