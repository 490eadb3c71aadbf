/**
 * The weighting rules that need no solver: pass-through, equal weight, inverse volatility (w ∝ 1/σ_i). Equal and
 * inverse volatility take per-asset bounds (a cap, a floor) by cap-and-redistribute (capped-proportional.ts).
 */
import { resolveBounds, setsBounds } from './bounds';
import { cappedProportional } from './capped-proportional';
import type { Optimizer, OptimizerInput, OptimizerResult } from './optimizer';
import { PortfolioError } from './portfolio-error';
import { diagonal, quadraticForm } from './square-matrix';

const result = (input: OptimizerInput, weights: Float64Array): OptimizerResult => ({
  weights,
  diagnostics: { iterations: 0, variance: quadraticForm(input.cov, weights) },
});

export const passThrough: Optimizer = {
  name: 'pass-through',
  optimize(input) {
    const w = input.weights;
    if (!w || w.length !== input.cov.n) throw new PortfolioError('pass-through', 'bad-input', `needs ${input.cov.n} weights, got ${w?.length ?? 0}`);
    if (!w.every(Number.isFinite)) throw new PortfolioError('pass-through', 'bad-input', 'a weight is not a finite number');
    return result(input, Float64Array.from(w));
  },
};

export const equalWeight: Optimizer = {
  name: 'equal',
  optimize(input) {
    const n = input.cov.n;
    if (setsBounds(input)) return result(input, cappedProportional(new Float64Array(n).fill(1), resolveBounds('equal', input, n, true)));
    return result(input, new Float64Array(n).fill(1 / n));
  },
};

export const inverseVolatility: Optimizer = {
  name: 'inverse-vol',
  optimize(input) {
    const d = diagonal(input.cov);
    const inv = d.map((v, i) => {
      if (!(v > 0))
        throw new PortfolioError('inverse-vol', 'bad-input', `asset ${i} has variance ${v}; inverse volatility needs a positive variance`);
      return 1 / Math.sqrt(v);
    });
    if (setsBounds(input)) return result(input, cappedProportional(inv, resolveBounds('inverse-vol', input, input.cov.n, true)));
    let total = 0;
    for (const v of inv) total += v;
    return result(
      input,
      inv.map((v) => v / total),
    );
  },
};
