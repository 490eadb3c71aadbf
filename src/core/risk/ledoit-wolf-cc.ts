/**
 * Ledoit–Wolf (2004, "Honey, I shrunk the sample covariance matrix") shrinkage towards constant correlation, as the
 * authors' covCor.m: S = X'X/T of centred returns (ddof 0); target F with F_ii = S_ii and F_ij = r̄·σ_iσ_j, r̄ the
 * mean off-diagonal sample correlation; δ = max(0, min(1, (π̂ − ρ̂)/γ̂ / T)). The sums π̂ and ρ̂ are taken in
 * O(TN): Σ_ij (Y'Y)_ij = Σ_t (Σ_i x_ti²)², and the θ term of ρ̂ collapses to Σ_t Σ_i x_ti³/σ_i·(A_t − σ_i x_ti)
 * with A_t = Σ_j σ_j x_tj (covCor.m's term2 and term4 cancel).
 */
import { squareMatrix } from '../portfolio/square-matrix';
import type { ShrunkCovariance } from './ledoit-wolf';
import type { CrossProductKernel } from './cross-product-kernel';
import { centredColumns, crossProduct, type ReturnsMatrix } from './returns-matrix';

export function ledoitWolfConstantCorrelation(r: ReturnsMatrix, kernel: CrossProductKernel = crossProduct): ShrunkCovariance {
  const { rows: t, cols: n } = r;
  if (t < 2 || n < 2) throw new RangeError(`constant-correlation shrinkage needs at least 2 returns of 2 assets, got ${t} × ${n}`);
  const x = centredColumns(r);
  const s = kernel(x, t, n);
  for (let k = 0; k < s.length; k++) s[k] /= t;
  const sd = Float64Array.from({ length: n }, (_, i) => Math.sqrt(s[i * n + i]));
  let corrSum = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) corrSum += s[i * n + j] / (sd[i] * sd[j]);
  const rBar = (corrSum - n) / (n * (n - 1));
  const prior = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) prior[i * n + j] = i === j ? s[i * n + i] : rBar * sd[i] * sd[j];
  // π̂ = Σ_ij (Y'Y/T − S∘S); its diagonal; and the θ sum of ρ̂.
  let yy = 0;
  let fourth = 0;
  let third = 0;
  for (let u = 0; u < t; u++) {
    let q = 0;
    let a = 0;
    for (let i = 0; i < n; i++) {
      const v = x[i * t + u];
      q += v * v;
      a += sd[i] * v;
    }
    yy += q * q;
    for (let i = 0; i < n; i++) {
      const v = x[i * t + u];
      fourth += v * v * v * v;
      third += ((v * v * v) / sd[i]) * (a - sd[i] * v);
    }
  }
  let ss = 0;
  let ssDiag = 0;
  let varTerm = 0;
  let gamma = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = s[i * n + j];
      ss += v * v;
      if (i !== j) varTerm += sd[i] * sd[j] * v;
      const d = v - prior[i * n + j];
      gamma += d * d;
    }
    ssDiag += s[i * n + i] * s[i * n + i];
  }
  const phi = yy / t - ss;
  const rho = fourth / t - ssDiag + rBar * (third / t - varTerm);
  const kappa = (phi - rho) / gamma;
  const shrinkage = gamma === 0 ? 0 : Math.max(0, Math.min(1, kappa / t));
  const out = new Float64Array(n * n);
  for (let k = 0; k < out.length; k++) out[k] = shrinkage * prior[k] + (1 - shrinkage) * s[k];
  return { cov: squareMatrix(n, out), shrinkage };
}
