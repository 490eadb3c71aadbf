/**
 * EWMA covariance with decay λ, as pandas `returns.ewm(alpha=1 − λ).cov()` at the last row (adjust=True,
 * bias=False): return t − k weighs λ^k; means and co-moments are weighted averages over the window, and the result
 * is bias-corrected by (Σw)² / ((Σw)² − Σw²). λ = 0.94 is RiskMetrics' daily choice. Daily units.
 */
import { ewmAlpha } from '../features/ewm';
import { squareMatrix, type SquareMatrix } from '../portfolio/square-matrix';
import type { ReturnsMatrix } from './returns-matrix';

export function ewmaCovariance(r: ReturnsMatrix, lambda: number): SquareMatrix {
  if (!(lambda >= 0 && lambda < 1)) throw new RangeError(`EWMA λ must be in [0, 1), got ${lambda}`);
  const { rows: t, cols: n } = r;
  if (t < 2) throw new RangeError(`an EWMA covariance needs at least 2 returns, got ${t}`);
  const decay = 1 - ewmAlpha({ alpha: 1 - lambda });
  const w = new Float64Array(t);
  w[t - 1] = 1;
  for (let u = t - 2; u >= 0; u--) w[u] = w[u + 1] * decay;
  let sw = 0;
  let sw2 = 0;
  for (let u = 0; u < t; u++) {
    sw += w[u];
    sw2 += w[u] * w[u];
  }
  const mean = new Float64Array(n);
  for (let u = 0; u < t; u++) for (let i = 0; i < n; i++) mean[i] += w[u] * r.data[u * n + i];
  for (let i = 0; i < n; i++) mean[i] /= sw;
  const x = new Float64Array(n * t);
  for (let u = 0; u < t; u++) {
    const root = Math.sqrt(w[u]);
    for (let i = 0; i < n; i++) x[i * t + u] = (r.data[u * n + i] - mean[i]) * root;
  }
  const correction = (sw * sw) / (sw * sw - sw2);
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let u = 0; u < t; u++) s += x[i * t + u] * x[j * t + u];
      const v = (s / sw) * correction;
      out[i * n + j] = v;
      out[j * n + i] = v;
    }
  }
  return squareMatrix(n, out);
}
