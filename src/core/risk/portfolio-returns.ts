/** Returns of a portfolio rebalanced to fixed weights every day: r_p[t] = Σ_i w_i·r_i[t]. */
import type { ReturnsMatrix } from './returns-matrix';

export function portfolioReturns(r: ReturnsMatrix, weights: ArrayLike<number>): Float64Array {
  if (weights.length !== r.cols) throw new RangeError(`${r.cols} assets need ${r.cols} weights, got ${weights.length}`);
  const out = new Float64Array(r.rows);
  for (let t = 0; t < r.rows; t++) {
    let s = 0;
    for (let i = 0; i < r.cols; i++) s += weights[i] * r.data[t * r.cols + i];
    out[t] = s;
  }
  return out;
}
