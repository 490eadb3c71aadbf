/**
 * Maximum Sharpe ratio (μ − rf)'w / √(w'Σw), long-only, by the standard transform to a QP: minimise y'Σy subject
 * to (μ − rf)'y = 1 and y ≥ 0, then w = y / Σy (Cornuéjols & Tütüncü). Per-asset bounds l ≤ w ≤ u become the
 * homogeneous y_i − l·Σy ≥ 0 and u·Σy − y_i ≥ 0, which the scaling leaves exact. Any row a'w ≥ b on w = B·y/Σy
 * (B = 1 − cash buffer) becomes (B·a − b·1)'y ≥ 0 in the same way: group caps and floors, and the gross limit (Σw = B
 * for long-only weights, so it only checks B ≤ gross). A net band and turnover are refused: the Sharpe ratio does not
 * depend on the scale of w, and |w − w0| has no homogeneous form.
 */
import { activeBounds, type LinearConstraint } from './active-set-qp';
import { budgetRange, resolveBounds } from './bounds';
import { solveConstrainedQp } from './constrained-qp';
import { buildConstraintSet, constraintOf } from './constraint-set';
import type { Optimizer } from './optimizer';
import { PortfolioError } from './portfolio-error';
import { quadraticForm } from './square-matrix';

const NAME = 'max-sharpe';

export const maxSharpe: Optimizer = {
  name: NAME,
  optimize(input) {
    const n = input.cov.n;
    const mu = input.expectedReturns;
    if (!mu || mu.length !== n) throw new PortfolioError(NAME, 'bad-input', `needs ${n} expected returns`);
    const rf = input.riskFree ?? 0;
    const excess = mu.map((m) => m - rf);
    if (!excess.some((e) => e > 0))
      throw new PortfolioError(
        NAME,
        'infeasible',
        `no asset's expected return exceeds the risk-free rate ${rf}: the Sharpe ratio has no positive maximum`,
        'risk-free',
      );
    const bounds = resolveBounds(NAME, input, n, true);
    const budget = budgetRange(NAME, input).min;
    const inequalities: LinearConstraint[] = [];
    for (let i = 0; i < n; i++) {
      const a = new Float64Array(n).fill(-Math.max(bounds.lower[i], 0));
      a[i] += budget;
      inequalities.push({ a, b: 0, name: `lower:${i}` });
    }
    for (let i = 0; i < n; i++) {
      if (bounds.upper[i] === Infinity) continue;
      const a = new Float64Array(n).fill(bounds.upper[i]);
      a[i] -= budget;
      inequalities.push({ a, b: 0, name: `upper:${i}` });
    }
    // The other rows on w (groups, gross), made homogeneous in y; the budget row is the normalisation itself.
    const set = buildConstraintSet(NAME, input, bounds, { min: budget, max: budget });
    for (const row of set.inequalities) {
      if (row.name.startsWith('lower:') || row.name.startsWith('upper:')) continue;
      inequalities.push({ a: Float64Array.from(row.a, (v) => budget * v - row.b), b: 0, name: row.name });
    }
    const solved = solveConstrainedQp(
      NAME,
      {
        d: input.cov,
        dvec: new Float64Array(n),
        extraEqualities: [{ a: excess, b: 1, name: 'excess-return' }],
        set: { equalities: [], inequalities, absolute: [] },
      },
      (family) => (family === 'excess-return' ? 'risk-free' : constraintOf(family, input)),
      input.maxWeight !== undefined ? 'max-weight' : 'bounds',
    );
    let total = 0;
    for (const v of solved.x) total += v;
    if (!(total > 0)) throw new PortfolioError(NAME, 'not-converged', 'the transformed problem gave no positive weights');
    const w = budget === 1 ? solved.x.map((v) => v / total) : solved.x.map((v) => (budget * v) / total);
    return { weights: w, diagnostics: { iterations: solved.iterations, variance: quadraticForm(input.cov, w), ...activeBounds(solved.active) } };
  },
};
