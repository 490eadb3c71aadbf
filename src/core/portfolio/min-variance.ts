/**
 * Global minimum variance. Without bounds it is the closed form w = Σ⁻¹1 / 1'Σ⁻¹1 (Cholesky solve); with long-only
 * or per-asset bounds, a net band, a cash buffer, groups, gross exposure or turnover it is the QP min w'Σw subject to
 * them (constraint-set.ts), solved exactly by the active-set method (constrained-qp.ts).
 */
import { activeBounds } from './active-set-qp';
import { budgetRange, hasBounds, resolveBounds } from './bounds';
import { solveConstrainedQp } from './constrained-qp';
import { buildConstraintSet, constraintOf, hasExtraConstraints, type ConstraintSet } from './constraint-set';
import type { Optimizer, OptimizerInput, OptimizerResult, WeightBounds } from './optimizer';
import { PortfolioError } from './portfolio-error';
import { screenedMinVariance } from './screened-qp';
import { choleskySolve, quadraticForm, type SquareMatrix } from './square-matrix';

const NAME = 'min-variance';
/** Above this many assets a long-only problem is solved on a screened subset first (exact, see screened-qp.ts). */
export const SCREEN_ABOVE = 60;

export function minVarianceClosedForm(cov: SquareMatrix): OptimizerResult {
  const x = choleskySolve(cov, new Float64Array(cov.n).fill(1));
  if (!x) throw new PortfolioError(NAME, 'not-positive-definite', 'the covariance matrix is not positive definite (no unique minimum)');
  let total = 0;
  for (const v of x) total += v;
  const w = x.map((v) => v / total);
  return { weights: w, diagnostics: { iterations: 0, variance: quadraticForm(cov, w) } };
}

/** A subset that cannot hold the budget under its caps says nothing about the full problem: solve that instead. */
function trySubset(solve: () => OptimizerResult | null): OptimizerResult | null {
  try {
    return solve();
  } catch (e) {
    if (e instanceof PortfolioError && e.rule === 'infeasible') return null;
    throw e;
  }
}

export const minVariance: Optimizer = {
  name: NAME,
  optimize(input) {
    const n = input.cov.n;
    const bounds = resolveBounds(NAME, input, n);
    const extra = hasExtraConstraints(input);
    if (!hasBounds(bounds) && !extra) return minVarianceClosedForm(input.cov);
    const constraint = input.maxWeight !== undefined ? 'max-weight' : input.minWeight !== undefined ? 'min-weight' : 'bounds';
    const set = buildConstraintSet(NAME, input, bounds, budgetRange(NAME, input));
    // The subset must be able to hold the budget under its caps: start with enough assets for Σ u_i ≥ 1.
    if (n > SCREEN_ABOVE && bounds.lower.every((l) => l === 0) && set.absolute.length === 0) {
      const cap = Math.max(...bounds.upper);
      const initial = Math.min(n, Math.max(SCREEN_ABOVE, Number.isFinite(cap) ? Math.ceil(2 / cap) : 0));
      const screened = trySubset(() =>
        screenedMinVariance(NAME, input.cov, bounds, constraint, initial, withoutBounds(set), groupSeeds(input, bounds, input.cov)),
      );
      if (screened) return screened;
    }
    const solved = solveConstrainedQp(NAME, { d: input.cov, dvec: new Float64Array(n), set }, (family) => constraintOf(family, input), constraint);
    return {
      weights: solved.x,
      diagnostics: { iterations: solved.iterations, variance: quadraticForm(input.cov, solved.x), ...activeBounds(solved.active) },
    };
  },
};

/** The rows besides the bounds (the screened solve adds the bounds of its subset itself). */
function withoutBounds(set: ConstraintSet): ConstraintSet {
  const isBound = (name: string) => name.startsWith('lower:') || name.startsWith('upper:');
  return { ...set, inequalities: set.inequalities.filter((r) => !isBound(r.name)) };
}

/** For each group with a floor, its lowest-variance members enough to hold twice the floor under their caps. */
function groupSeeds(input: OptimizerInput, bounds: WeightBounds, cov: SquareMatrix): number[] {
  const seeds: number[] = [];
  for (const g of input.groups ?? []) {
    if (!(g.min !== undefined && g.min > 0)) continue;
    const members = [...g.members].sort((a, b) => cov.data[a * cov.n + a] - cov.data[b * cov.n + b] || a - b);
    let held = 0;
    for (const m of members) {
      if (held >= 2 * g.min) break;
      seeds.push(m);
      held += bounds.upper[m];
    }
  }
  return seeds;
}
