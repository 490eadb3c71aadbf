/**
 * Mean–variance (Markowitz) with either a risk aversion δ — maximise μ'w − (δ/2)·w'Σw — or a target return —
 * minimise w'Σw subject to μ'w = target — both with the budget (Σw = 1, 1 − cash buffer, or a net band), the bounds,
 * groups, gross exposure and turnover (constraint-set.ts), as exact active-set QPs (constrained-qp.ts). μ, Σ and the
 * target must be on one scale (both daily or both annualised); δ is per that scale.
 */
import { activeBounds } from './active-set-qp';
import { budgetRange, resolveBounds } from './bounds';
import { solveConstrainedQp, type ConstrainedQp } from './constrained-qp';
import { buildConstraintSet, constraintOf } from './constraint-set';
import type { Optimizer } from './optimizer';
import { PortfolioError } from './portfolio-error';
import { quadraticForm, scaled } from './square-matrix';

const NAME = 'mean-variance';

export const meanVariance: Optimizer = {
  name: NAME,
  optimize(input) {
    const n = input.cov.n;
    const mu = input.expectedReturns;
    if (!mu || mu.length !== n) throw new PortfolioError(NAME, 'bad-input', `needs ${n} expected returns`);
    const { riskAversion, targetReturn } = input;
    if ((riskAversion === undefined) === (targetReturn === undefined))
      throw new PortfolioError(NAME, 'bad-input', 'give exactly one of a risk aversion or a target return');
    const bounds = resolveBounds(NAME, input, n);
    const set = buildConstraintSet(NAME, input, bounds, budgetRange(NAME, input));
    let problem: ConstrainedQp;
    if (riskAversion !== undefined) {
      if (!(riskAversion > 0)) throw new PortfolioError(NAME, 'bad-input', `risk aversion must be > 0, got ${riskAversion}`, 'risk-aversion');
      problem = { d: scaled(input.cov, riskAversion), dvec: mu, set };
    } else {
      if (!Number.isFinite(targetReturn))
        throw new PortfolioError(NAME, 'bad-input', `target return must be a number, got ${targetReturn}`, 'target-return');
      problem = { d: input.cov, dvec: new Float64Array(n), extraEqualities: [{ a: mu, b: targetReturn as number, name: 'target-return' }], set };
    }
    const solved = solveConstrainedQp(
      NAME,
      problem,
      (family) => constraintOf(family, input),
      targetReturn !== undefined ? 'target-return' : input.maxWeight !== undefined ? 'max-weight' : 'bounds',
    );
    return {
      weights: solved.x,
      diagnostics: { iterations: solved.iterations, variance: quadraticForm(input.cov, solved.x), ...activeBounds(solved.active) },
    };
  },
};
