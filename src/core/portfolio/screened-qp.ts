/**
 * Long-only minimum variance on many assets, still exact: the active-set QP runs on a candidate subset S (assets
 * outside it held at 0), and the answer is accepted only when it satisfies the full problem's optimality (KKT)
 * conditions — every asset left out has a non-negative reduced cost (Σw)_i − Σ_k λ_k a_k,i, with λ the subset
 * solve's multipliers of the rows other than bounds (the budget alone: λ is the common marginal variance of the
 * assets held strictly inside their bounds; with a net band, groups or a gross limit, their rows too). Violators
 * join S and the subset is solved again. A strictly convex QP has one solution, so the result is the full QP's (to
 * rounding) at the cost of QPs on ~|support| assets instead of all of them. S starts as the `initial` assets of
 * lowest variance (index order on ties), or as the given assets (a warm start: the previous rebalance's holdings),
 * plus `seed`. At most JOIN_PER_ROUND violators join per round, the most negative reduced cost first: a QP costs
 * ~|S|³, and letting every violator in at once can take S from 60 to 260 assets (seconds) when the answer holds 65.
 */
import { activeBounds, boundConstraints, solveActiveSetQp, type LinearConstraint } from './active-set-qp';
import type { OptimizerResult, WeightBounds } from './optimizer';
import { matVec, quadraticForm, submatrix, type SquareMatrix } from './square-matrix';

const JOIN_PER_ROUND = 20;

/** Rows on all n weights besides the bounds; by default the budget Σw = 1. */
export interface ScreenedRows {
  equalities: LinearConstraint[];
  inequalities: LinearConstraint[];
}

export function screenedMinVariance(
  name: string,
  cov: SquareMatrix,
  bounds: WeightBounds,
  constraint: string,
  initial: number | readonly number[],
  rows: ScreenedRows = { equalities: [{ a: new Float64Array(cov.n).fill(1), b: 1, name: 'budget' }], inequalities: [] },
  seed: readonly number[] = [],
): OptimizerResult | null {
  const n = cov.n;
  const inSet = new Uint8Array(n);
  if (typeof initial === 'number') {
    const byVariance = Array.from({ length: n }, (_, i) => i).sort((a, b) => cov.data[a * n + a] - cov.data[b * n + b] || a - b);
    for (const i of byVariance.slice(0, initial)) inSet[i] = 1;
  } else for (const i of initial) inSet[i] = 1;
  for (const i of seed) inSet[i] = 1;
  const linear = [...rows.equalities, ...rows.inequalities];
  let iterations = 0;
  for (;;) {
    const s: number[] = [];
    for (let i = 0; i < n; i++) if (inSet[i]) s.push(i);
    const k = s.length;
    const restrict = (c: LinearConstraint): LinearConstraint => ({ a: Float64Array.from(s, (i) => c.a[i]), b: c.b, name: c.name });
    const boundRows = boundConstraints(
      Float64Array.from(s, (i) => bounds.lower[i]),
      Float64Array.from(s, (i) => bounds.upper[i]),
    );
    const solved = solveActiveSetQp(
      name,
      {
        d: submatrix(cov, s),
        dvec: new Float64Array(k),
        equalities: rows.equalities.map(restrict),
        inequalities: [...boundRows, ...rows.inequalities.map(restrict)],
      },
      constraint,
    );
    iterations += solved.iterations;
    const w = new Float64Array(n);
    s.forEach((i, a) => (w[i] = solved.x[a]));
    const marginal = matVec(cov, w);
    const { atLower, atUpper } = activeBounds(solved.active);
    // Multipliers in the solve's order: equalities, bound rows, the other inequalities.
    const lambda = linear.map((_, r) => (r < rows.equalities.length ? solved.lagrangian[r] : solved.lagrangian[r + boundRows.length]));
    const violators: number[] = [];
    const reduced = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (inSet[i]) continue;
      let priced = 0;
      for (let r = 0; r < linear.length; r++) priced += lambda[r] * linear[r].a[i];
      reduced[i] = marginal[i] - priced;
      if (reduced[i] < -1e-12 * Math.abs(priced)) violators.push(i);
    }
    if (violators.length === 0) {
      const lower: number[] = [];
      const upper: number[] = [];
      for (let i = 0; i < n; i++) {
        if (!inSet[i]) lower.push(i);
      }
      for (const a of atLower) lower.push(s[a]);
      for (const a of atUpper) upper.push(s[a]);
      return {
        weights: w,
        diagnostics: { iterations, variance: quadraticForm(cov, w), atLower: lower.sort((a, b) => a - b), atUpper: upper.sort((a, b) => a - b) },
      };
    }
    violators.sort((a, b) => reduced[a] - reduced[b] || a - b);
    for (const i of violators.slice(0, JOIN_PER_ROUND)) inSet[i] = 1;
  }
}
