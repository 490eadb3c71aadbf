/**
 * Random variates built only from the shared seeded Rng (never Math.random).
 *
 * studentT: Student-t with ν degrees of freedom as Z / sqrt(χ²_ν / ν), with χ²_ν the sum of ν squared
 * standard normals, then scaled by sqrt((ν − 2) / ν) so the variance is 1. ν is an integer ≥ 3 (the variance
 * is infinite below 3); excess kurtosis is 6 / (ν − 4) for ν > 4 and infinite for ν ≤ 4. Each call consumes
 * exactly ν + 1 normals, so the stream position never depends on the values drawn.
 */
import type { Rng } from '../rng';

export function studentT(rng: Rng, dof: number): number {
  const z = rng.nextNormal();
  let chi2 = 0;
  for (let k = 0; k < dof; k++) {
    const n = rng.nextNormal();
    chi2 += n * n;
  }
  // All ν normals exactly 0 is practically impossible; the guard makes such a draw a zero shock, not NaN.
  if (chi2 === 0) return 0;
  return (z / Math.sqrt(chi2 / dof)) * Math.sqrt((dof - 2) / dof);
}

/** Uniform in (0, 1]: safe to take the logarithm of. */
export function uniformOpenZero(rng: Rng): number {
  return 1 - rng.nextFloat();
}
