/**
 * Intrabar extremes. Within a bar the log price is treated as a Brownian bridge from the open a to the close b
 * with total variance s². Its maximum M has P(M > m) = exp(−2 (m − a)(m − b) / s²) for m ≥ max(a, b), which
 * inverts in closed form: for a uniform U in (0, 1],
 *
 *   M = (a + b + sqrt((b − a)² − 2 s² ln U)) / 2      and by symmetry      m = (a + b − sqrt((b − a)² − 2 s² ln V)) / 2
 *
 * with an independent V for the minimum. The square root is at least |b − a|, so M ≥ max(a, b) and
 * m ≤ min(a, b) mathematically; the price conversion in generate.ts additionally clamps after rounding so the
 * invariant holds bit for bit.
 */

/** Log of the bar high, from log open a, log close b, intrabar standard deviation s and u in (0, 1]. */
export function bridgeMax(a: number, b: number, s: number, u: number): number {
  const d = b - a;
  return (a + b + Math.sqrt(d * d - 2 * s * s * Math.log(u))) / 2;
}

/** Log of the bar low, from log open a, log close b, intrabar standard deviation s and u in (0, 1]. */
export function bridgeMin(a: number, b: number, s: number, u: number): number {
  const d = b - a;
  return (a + b - Math.sqrt(d * d - 2 * s * s * Math.log(u))) / 2;
}
