/**
 * An active-set QP on the weights with absolute-value limits Σ|w − c| ≤ L (gross exposure, turnover) enforced by
 * cutting planes, exactly: Σ|w − c| ≤ L is the intersection of the half-spaces s'(w − c) ≤ L over all sign vectors
 * s, so the QP is solved with no such row, then, while the answer breaks a limit, the row of its own signs is added
 * and the QP solved again. Every row added is implied by the limit, so each solve is a relaxation of the problem;
 * the first answer that satisfies the limits is therefore its optimum (one strictly convex QP, one solution), with
 * the covariance as the only quadratic term — no auxiliary variables, so the matrix stays positive definite as
 * `quadprog` requires. There are finitely many sign vectors; in practice a few cuts suffice.
 *
 * An inconsistent set is named by the constraint whose removal makes the rest feasible (tried in a fixed order).
 */
import { solveActiveSetQp, type LinearConstraint, type QpSolution } from './active-set-qp';
import type { AbsoluteLimit, ConstraintSet } from './constraint-set';
import { PortfolioError } from './portfolio-error';
import { squareMatrix, type SquareMatrix } from './square-matrix';

const MAX_CUTS = 200;
/** A limit is met when Σ|w − c| ≤ L·(1 + 1e-12) + 1e-15: rounding, not a breach. */
const SLACK = 1e-12;

export interface ConstrainedQp {
  d: SquareMatrix;
  dvec: ArrayLike<number>;
  /** Rows the problem adds to the constraint set (e.g. the target return). */
  extraEqualities?: LinearConstraint[];
  set: ConstraintSet;
}

export interface ConstrainedSolution extends QpSolution {
  /** Cutting-plane rows added for the absolute limits. */
  cuts: number;
}

function breach(x: Float64Array, limit: AbsoluteLimit): { excess: number; signs: Float64Array } {
  let total = 0;
  const signs = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const diff = x[i] - limit.center[i];
    signs[i] = diff < 0 ? -1 : 1;
    total += Math.abs(diff);
  }
  return { excess: total - (limit.limit * (1 + SLACK) + 1e-15), signs };
}

function solveWithCuts(optimizer: string, problem: ConstrainedQp, fallback: string): ConstrainedSolution {
  const equalities = [...problem.set.equalities, ...(problem.extraEqualities ?? [])];
  const inequalities = [...problem.set.inequalities];
  let iterations = 0;
  for (let cuts = 0; ; cuts++) {
    const solved = solveActiveSetQp(optimizer, { d: problem.d, dvec: problem.dvec, equalities, inequalities }, fallback);
    iterations += solved.iterations;
    let worst: { excess: number; signs: Float64Array; limit: AbsoluteLimit } | null = null;
    for (const limit of problem.set.absolute) {
      const b = breach(solved.x, limit);
      if (b.excess > 0 && (!worst || b.excess > worst.excess)) worst = { ...b, limit };
    }
    if (!worst) return { ...solved, iterations, cuts };
    if (cuts === MAX_CUTS)
      throw new PortfolioError(optimizer, 'not-converged', `the ${worst.limit.name} limit still breached after ${MAX_CUTS} cutting planes`);
    // −s'w ≥ −(L + s'c)
    let sc = 0;
    for (let i = 0; i < worst.signs.length; i++) sc += worst.signs[i] * worst.limit.center[i];
    inequalities.push({ a: worst.signs.map((s) => -s), b: -(worst.limit.limit + sc), name: `${worst.limit.name}:cut${cuts}` });
  }
}

/** The constraint families to drop, in the order they are blamed for an inconsistent set. */
const BLAME_ORDER = ['turnover', 'gross', 'group', 'net', 'budget', 'target-return', 'lower', 'upper', 'excess-return'];

function familyOf(name: string): string {
  if (name.startsWith('group:')) return name.slice(0, name.lastIndexOf(':'));
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(0, colon);
}

function feasible(optimizer: string, problem: ConstrainedQp, drop: string): boolean {
  const keep = (c: { name: string }) => familyOf(c.name) !== drop;
  const n = problem.d.n;
  const identity = squareMatrix(n);
  for (let i = 0; i < n; i++) identity.data[i * n + i] = 1;
  try {
    solveWithCuts(
      optimizer,
      {
        d: identity,
        dvec: new Float64Array(n),
        extraEqualities: (problem.extraEqualities ?? []).filter(keep),
        set: {
          equalities: problem.set.equalities.filter(keep),
          inequalities: problem.set.inequalities.filter(keep),
          absolute: problem.set.absolute.filter(keep),
        },
      },
      drop,
    );
    return true;
  } catch (e) {
    if (e instanceof PortfolioError && e.rule === 'infeasible') return false;
    throw e;
  }
}

/**
 * Solves the problem; an inconsistent constraint set is blamed on the first family (in BLAME_ORDER, each group on
 * its own) without which the rest is feasible, named through `nameOf` (row family → OptimizerInput constraint).
 */
export function solveConstrainedQp(
  optimizer: string,
  problem: ConstrainedQp,
  nameOf: (family: string) => string,
  fallback: string,
): ConstrainedSolution {
  try {
    return solveWithCuts(optimizer, problem, fallback);
  } catch (e) {
    if (!(e instanceof PortfolioError && e.rule === 'infeasible')) throw e;
    const rows = [...problem.set.equalities, ...(problem.extraEqualities ?? []), ...problem.set.inequalities, ...problem.set.absolute];
    const families = [...new Set(rows.map((r) => familyOf(r.name)))].sort(
      (a, b) => BLAME_ORDER.indexOf(a.split(':')[0]) - BLAME_ORDER.indexOf(b.split(':')[0]),
    );
    for (const family of families) {
      if (family === 'budget' && nameOf('budget') === 'budget') continue;
      if (feasible(optimizer, problem, family)) {
        const constraint = nameOf(family);
        const what = family.startsWith('group:') ? `group ${family.slice('group:'.length)}` : constraint;
        throw new PortfolioError(optimizer, 'infeasible', `no weights satisfy the constraints (${what})`, constraint);
      }
    }
    throw new PortfolioError(optimizer, 'infeasible', `no weights satisfy the constraints (${fallback}, together with the others)`, fallback);
  }
}
