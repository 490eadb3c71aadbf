/**
 * Convex quadratic programs solved exactly by Goldfarb–Idnani's dual active-set method (the `quadprog` package, a
 * port of R quadprog's solve.QP): min ½x'Dx − d'x subject to equalities a'x = b, then inequalities a'x ≥ b. It
 * terminates after finitely many active-set changes with no tolerance to tune, so its weights match R's to rounding.
 */
import { solveQP } from 'quadprog';
import { PortfolioError } from './portfolio-error';
import type { SquareMatrix } from './square-matrix';

export interface LinearConstraint {
  a: ArrayLike<number>;
  b: number;
  /** A name for errors and diagnostics (`budget`, `lower:3`, `target-return`…). */
  name: string;
}

export interface QpProblem {
  d: SquareMatrix;
  dvec: ArrayLike<number>;
  equalities: LinearConstraint[];
  inequalities: LinearConstraint[];
}

export interface QpSolution {
  x: Float64Array;
  iterations: number;
  /** Names of the inequality constraints active at the solution. */
  active: string[];
  /** Lagrange multipliers of the constraints (equalities then inequalities): Dx − d = Σ_k λ_k a_k, λ ≥ 0 on inequalities. */
  lagrangian: Float64Array;
}

export function solveActiveSetQp(optimizer: string, problem: QpProblem, infeasibleConstraint: string): QpSolution {
  const { n, data } = problem.d;
  const constraints = [...problem.equalities, ...problem.inequalities];
  // 1-based arrays, as the Fortran original.
  const dmat: number[][] = [[]];
  const amat: number[][] = [[]];
  const dvec: number[] = [0];
  for (let i = 0; i < n; i++) {
    const row = [0];
    for (let j = 0; j < n; j++) row.push(data[i * n + j]);
    dmat.push(row);
    dvec.push(problem.dvec[i]);
    const arow = [0];
    for (const c of constraints) arow.push(c.a[i]);
    amat.push(arow);
  }
  const bvec = [0, ...constraints.map((c) => c.b)];
  const result = solveQP(dmat, dvec, amat, bvec, problem.equalities.length);
  if (result.message.includes('inconsistent'))
    throw new PortfolioError(optimizer, 'infeasible', `no weights satisfy the constraints (${infeasibleConstraint})`, infeasibleConstraint);
  if (result.message.includes('positive definite'))
    throw new PortfolioError(optimizer, 'not-positive-definite', 'the covariance matrix is not positive definite');
  if (result.message !== '') throw new PortfolioError(optimizer, 'bad-input', result.message);
  const x = Float64Array.from({ length: n }, (_, i) => result.solution[i + 1]);
  if (!x.every(Number.isFinite)) throw new PortfolioError(optimizer, 'not-converged', 'the quadratic program gave non-finite weights');
  const active: string[] = [];
  for (let k = 1; k < result.iact.length; k++) {
    const idx = result.iact[k];
    if (idx > problem.equalities.length) active.push(constraints[idx - 1].name);
  }
  const lagrangian = Float64Array.from(constraints, (_, k) => result.Lagrangian[k + 1] ?? 0);
  return { x, iterations: result.iterations[1] ?? 0, active, lagrangian };
}

/** Inequality rows for per-asset bounds on x (infinite bounds add none). */
export function boundConstraints(lower: Float64Array, upper: Float64Array): LinearConstraint[] {
  const n = lower.length;
  const rows: LinearConstraint[] = [];
  for (let i = 0; i < n; i++) {
    if (lower[i] > -Infinity) rows.push({ a: unit(n, i, 1), b: lower[i], name: `lower:${i}` });
  }
  for (let i = 0; i < n; i++) {
    if (upper[i] < Infinity) rows.push({ a: unit(n, i, -1), b: -upper[i], name: `upper:${i}` });
  }
  return rows;
}

function unit(n: number, i: number, v: number): Float64Array {
  const a = new Float64Array(n);
  a[i] = v;
  return a;
}

/** Splits active bound names into the assets at their lower and upper bounds. */
export function activeBounds(active: readonly string[]): { atLower: number[]; atUpper: number[] } {
  const pick = (prefix: string) =>
    active
      .filter((a) => a.startsWith(prefix))
      .map((a) => Number(a.slice(prefix.length)))
      .sort((a, b) => a - b);
  return { atLower: pick('lower:'), atUpper: pick('upper:') };
}
