/**
 * Bar volume: log-normal, driven by the size of the bar's shock and the volatility level.
 *
 *   ln V = ln(base) + shockLoading · (|z| − √(2/π)) + volLoading · ln(σ_bar / σ_LR) + η
 *   η[t] = φ · η[t−1] + noise · √(1 − φ²) · n[t],   n ~ N(0, 1),   η[0] = noise · n[0]
 *
 * z is the bar's standardised shock (so |z| tracks |return| / σ), σ_bar / σ_LR is the bar's volatility relative
 * to the long run, and η is a persistent idiosyncratic component with stationary standard deviation `noise`.
 * √(2/π) = E|z| for a normal z centres the shock term. Volumes are rounded to integers, hence always ≥ 0
 * (and capped at Number.MAX_SAFE_INTEGER).
 */
import type { VolumeParams } from './types';

const MEAN_ABS_NORMAL = Math.sqrt(2 / Math.PI);

/** Next value of the AR(1) component η from the previous one and a standard normal n (prev undefined: first bar). */
export function nextVolumeNoise(p: VolumeParams, prev: number | undefined, n: number): number {
  if (prev === undefined) return p.noise * n;
  return p.persistence * prev + p.noise * Math.sqrt(1 - p.persistence * p.persistence) * n;
}

/** Integer volume of a bar from its standardised shock z, σ_bar / σ_LR and the AR(1) component η. */
export function barVolume(p: VolumeParams, z: number, volRatio: number, eta: number): number {
  const logV = Math.log(p.base) + p.shockLoading * (Math.abs(z) - MEAN_ABS_NORMAL) + p.volLoading * Math.log(volRatio) + eta;
  // The cap only matters for absurd parameters; it keeps every volume a finite, exactly representable integer.
  return Math.min(Math.round(Math.exp(logV)), Number.MAX_SAFE_INTEGER);
}
