/**
 * Risk budgets (equal risk contribution when no budgets are given), in Spinu's (2013) convex form: x* minimises
 * ½x'Σx − Σ b_i·log x_i over x > 0, then w = x* / Σ x*, so that w_i(Σw)_i / w'Σw = b_i. Solved by cyclical coordinate
 * descent (Griveau-Billion, Richard & Roncalli 2013): each step minimises exactly along x_i, the positive root of
 * Σ_ii·x_i² + c_i·x_i − b_i = 0 with c_i = Σ_{j≠i} Σ_ij x_j, visiting i = 0..n−1 in that fixed order every sweep.
 * It stops when every x_i(Σx)_i is within 1e-13 (relative) of b_i; otherwise it is an error naming the optimizer.
 */
import { setsBounds } from './bounds';
import type { Optimizer } from './optimizer';
import { PortfolioError } from './portfolio-error';
import { quadraticForm } from './square-matrix';

const MAX_SWEEPS = 100_000;
const TOLERANCE = 1e-13;

export const riskBudget: Optimizer = {
  name: 'risk-budget',
  optimize(input) {
    const name = input.budgets ? 'risk-budget' : 'erc';
    const { n, data } = input.cov;
    if (setsBounds(input))
      throw new PortfolioError(name, 'bad-input', 'risk budgets take no weight bounds (weights are positive by construction)', 'bounds');
    const b = new Float64Array(n).fill(1 / n);
    if (input.budgets) {
      if (input.budgets.length !== n) throw new PortfolioError(name, 'bad-input', `needs ${n} budgets, got ${input.budgets.length}`, 'budgets');
      let total = 0;
      for (let i = 0; i < n; i++) {
        if (!(input.budgets[i] > 0 && Number.isFinite(input.budgets[i])))
          throw new PortfolioError(name, 'bad-input', `budget ${i} must be a positive number, got ${input.budgets[i]}`, 'budgets');
        total += input.budgets[i];
      }
      for (let i = 0; i < n; i++) b[i] = input.budgets[i] / total;
    }
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = data[i * n + i];
      if (!(v > 0)) throw new PortfolioError(name, 'not-positive-definite', `asset ${i} has variance ${v}`);
      x[i] = 1 / Math.sqrt(v);
    }
    const sx = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) sx[i] += data[i * n + j] * x[j];
    for (let sweep = 1; sweep <= MAX_SWEEPS; sweep++) {
      for (let i = 0; i < n; i++) {
        const sii = data[i * n + i];
        const c = sx[i] - sii * x[i];
        const next = (-c + Math.sqrt(c * c + 4 * sii * b[i])) / (2 * sii);
        const delta = next - x[i];
        if (delta !== 0) for (let k = 0; k < n; k++) sx[k] += data[k * n + i] * delta;
        x[i] = next;
      }
      // Recompute Σx afresh for the test, so that drift in the running update cannot fake convergence.
      let worst = 0;
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += data[i * n + j] * x[j];
        sx[i] = s;
        worst = Math.max(worst, Math.abs((x[i] * s) / b[i] - 1));
      }
      if (!Number.isFinite(worst)) break;
      if (worst <= TOLERANCE) {
        let total = 0;
        for (const v of x) total += v;
        const w = x.map((v) => v / total);
        return { weights: w, diagnostics: { iterations: sweep, variance: quadraticForm(input.cov, w) } };
      }
    }
    throw new PortfolioError(name, 'not-converged', `coordinate descent did not converge in ${MAX_SWEEPS} sweeps`);
  },
};
