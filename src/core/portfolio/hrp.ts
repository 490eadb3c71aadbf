/**
 * Hierarchical risk parity (López de Prado 2016) as PyPortfolioOpt's `HRPOpt.optimize('single')`: correlation
 * distance √(clip((1 − ρ)/2, 0, 1)), single linkage, leaves in the tree's pre-order (quasi-diagonalisation), then
 * recursive bisection of that list (left half = the first ⌊k/2⌋) where each half's weight is split by the
 * inverse of its inverse-variance portfolio's variance.
 *
 * With per-asset bounds (a cap such as 10 %, a floor), skfolio's bounded bisection: each split factor α, the left
 * half's share of the parent's weight W, is clamped into the range both halves' bounds allow — first
 * Σl_left/W ≤ α ≤ Σu_left/W, then Σl_right/W ≤ 1 − α ≤ Σu_right/W. Since W itself lies within the parent's summed
 * bounds, the two ranges overlap and the second clamp stays inside the first, so every leaf ends within its bounds
 * (feasible when Σl ≤ 1 ≤ Σu, checked up front). Without bounds no clamp runs: the weights are bit for bit the
 * unbounded HRP's.
 */
import { resolveBounds, setsBounds } from './bounds';
import type { Optimizer, WeightBounds } from './optimizer';
import { PortfolioError } from './portfolio-error';
import { leafOrder, singleLinkage } from './single-linkage';
import { quadraticForm, type SquareMatrix } from './square-matrix';

/** Variance of the inverse-variance portfolio of `items`. */
function clusterVariance(cov: SquareMatrix, items: readonly number[]): number {
  const { n, data } = cov;
  const w = items.map((i) => 1 / data[i * n + i]);
  let total = 0;
  for (const v of w) total += v;
  for (let a = 0; a < w.length; a++) w[a] /= total;
  let s = 0;
  for (let a = 0; a < items.length; a++) {
    let row = 0;
    for (let b = 0; b < items.length; b++) row += data[items[a] * n + items[b]] * w[b];
    s += w[a] * row;
  }
  return s;
}

const boundSum = (b: Float64Array, items: readonly number[]) => items.reduce((s, i) => s + b[i], 0);

/** The split factor clamped into the range the bounds of both halves allow, given the parent's weight. */
function clampSplit(alpha: number, bounds: WeightBounds, parent: number, left: readonly number[], right: readonly number[]): number {
  // A parent with no weight has nothing to split (and the ratios below would divide by 0).
  if (!(parent > 0)) return alpha;
  const a = Math.min(boundSum(bounds.upper, left) / parent, Math.max(boundSum(bounds.lower, left) / parent, alpha));
  return 1 - Math.min(boundSum(bounds.upper, right) / parent, Math.max(boundSum(bounds.lower, right) / parent, 1 - a));
}

export const hrp: Optimizer = {
  name: 'hrp',
  optimize(input) {
    const { cov } = input;
    const { n, data } = cov;
    const resolved = setsBounds(input) ? resolveBounds('hrp', input, n, true) : null;
    // Bounds of 0 and +∞ bind nothing: skip the clamp so that the weights stay the unbounded ones to the bit.
    const bounds = resolved && (resolved.lower.some((l) => l > 0) || resolved.upper.some((u) => u < Infinity)) ? resolved : null;
    const sd = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = data[i * n + i];
      if (!(v > 0)) throw new PortfolioError('hrp', 'bad-input', `asset ${i} has variance ${v}; HRP needs positive variances`);
      sd[i] = Math.sqrt(v);
    }
    const distance = (i: number, j: number) => {
      const rho = data[i * n + j] / (sd[i] * sd[j]);
      return Math.sqrt(Math.min(Math.max((1 - rho) / 2, 0), 1));
    };
    const linkage = singleLinkage(n, distance);
    const order = leafOrder(linkage, n);
    const w = new Float64Array(n).fill(1);
    let clusters: number[][] = [order];
    while (clusters.length > 0) {
      const halves: number[][] = [];
      for (const c of clusters) {
        if (c.length <= 1) continue;
        const mid = Math.floor(c.length / 2);
        halves.push(c.slice(0, mid), c.slice(mid));
      }
      for (let k = 0; k < halves.length; k += 2) {
        const v1 = clusterVariance(cov, halves[k]);
        const v2 = clusterVariance(cov, halves[k + 1]);
        let alpha = 1 - v1 / (v1 + v2);
        if (bounds) alpha = clampSplit(alpha, bounds, w[halves[k][0]], halves[k], halves[k + 1]);
        for (const i of halves[k]) w[i] *= alpha;
        for (const i of halves[k + 1]) w[i] *= 1 - alpha;
      }
      clusters = halves;
    }
    return {
      weights: w,
      diagnostics: { iterations: 0, variance: quadraticForm(cov, w), leafOrder: order, linkage: linkage.map((r) => [...r]) },
    };
  },
};
