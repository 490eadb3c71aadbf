/**
 * Ledoit–Wolf shrinkage towards a constant variance, exactly as scikit-learn's `LedoitWolf()` (assume_centered
 * False): S = X'X/T of centred returns (ddof 0), target μI with μ = trace(S)/N, shrunk = (1 − δ)S + δμI with
 * δ = min(β, d²)/d², d² = ‖S − μI‖²_F / N, β = (Σ_t ‖x_t‖⁴ / T − ‖X'X‖²_F / T²) / (N·T). (Σ_ij (X²'X²)_ij is
 * computed as Σ_t (Σ_i x_ti²)², the same sum in O(TN).)
 */
import { squareMatrix, type SquareMatrix } from '../portfolio/square-matrix';
import type { CrossProductKernel } from './cross-product-kernel';
import { centredColumns, crossProduct, type ReturnsMatrix } from './returns-matrix';

export interface ShrunkCovariance {
  cov: SquareMatrix;
  shrinkage: number;
}

export function ledoitWolf(r: ReturnsMatrix, kernel: CrossProductKernel = crossProduct): ShrunkCovariance {
  const { rows: t, cols: n } = r;
  if (t < 2) throw new RangeError(`Ledoit–Wolf needs at least 2 returns, got ${t}`);
  const x = centredColumns(r);
  const g = kernel(x, t, n);
  let trace = 0;
  for (let i = 0; i < n; i++) trace += g[i * n + i] / t;
  const mu = trace / n;
  let rowFourth = 0;
  for (let s = 0; s < t; s++) {
    let q = 0;
    for (let i = 0; i < n; i++) q += x[i * t + s] * x[i * t + s];
    rowFourth += q * q;
  }
  let gram = 0;
  for (let k = 0; k < g.length; k++) gram += g[k] * g[k];
  const deltaSum = gram / (t * t);
  const beta = (1 / (n * t)) * (rowFourth / t - deltaSum);
  const delta = (deltaSum - 2 * mu * trace + n * mu * mu) / n;
  const shrinkage = delta === 0 ? 0 : Math.min(beta, delta) / delta;
  // In place: g is ours, and a fresh 2 MB buffer per call costs more than the loop in a browser (its pages fault in).
  const out = g;
  for (let k = 0; k < out.length; k++) out[k] = (1 - shrinkage) * (g[k] / t);
  for (let i = 0; i < n; i++) out[i * n + i] += shrinkage * mu;
  return { cov: squareMatrix(n, out), shrinkage };
}
