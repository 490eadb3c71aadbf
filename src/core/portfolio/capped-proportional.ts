/**
 * Weights proportional to raw scores r_i > 0 (1 for equal weight, 1/σ_i for inverse volatility) under per-asset
 * bounds, by the cap-and-redistribute rule taken to its fixed point: w_i = clamp(k·r_i, l_i, u_i) with the one k for
 * which Σw = 1 — an asset over its cap is held at the cap and what it gives up goes to the others in proportion to
 * their scores (likewise an asset under its floor). Σ clamp(k·r_i) is piecewise linear and non-decreasing in k with
 * breakpoints l_i/r_i and u_i/r_i, so k is found exactly: the segment where the sum crosses 1, then the linear solve
 * on the assets strictly inside their bounds there. The bounds must already be feasible (Σl ≤ 1 ≤ Σu, resolveBounds).
 */
import type { WeightBounds } from './optimizer';

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);

export function cappedProportional(raw: Float64Array, bounds: WeightBounds): Float64Array {
  const n = raw.length;
  const { lower, upper } = bounds;
  const total = (k: number) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += clamp(k * raw[i], lower[i], upper[i]);
    return s;
  };
  if (total(0) >= 1) return Float64Array.from(lower);
  const breaks = [0];
  for (let i = 0; i < n; i++) for (const b of [lower[i] / raw[i], upper[i] / raw[i]]) if (Number.isFinite(b) && b > 0) breaks.push(b);
  breaks.sort((a, b) => a - b);
  let lo = 0;
  let hi = Infinity;
  for (const b of breaks) {
    if (total(b) >= 1) {
      hi = b;
      break;
    }
    lo = b;
  }
  // Inside (lo, hi) the same assets are strictly within their bounds; the sum is linear in k there.
  const mid = Number.isFinite(hi) ? (lo + hi) / 2 : lo + 1;
  const w = new Float64Array(n);
  let fixed = 0;
  let scores = 0;
  const free = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = mid * raw[i];
    if (v > lower[i] && v < upper[i]) {
      free[i] = 1;
      scores += raw[i];
    } else {
      w[i] = clamp(v, lower[i], upper[i]);
      fixed += w[i];
    }
  }
  const k = (1 - fixed) / scores;
  for (let i = 0; i < n; i++) if (free[i]) w[i] = k * raw[i];
  return w;
}
