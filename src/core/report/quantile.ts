/**
 * Quantile with numpy's default method ('linear', Hyndman & Fan type 7), which pandas' `Series.quantile` and
 * therefore quantstats and empyrical use: with the values sorted ascending as x[0..n-1], the virtual index is
 * h = (n - 1)·q, j = floor(h), g = h - j, and the quantile is x[j] + (x[j+1] - x[j])·g. As numpy does, the
 * interpolation is evaluated from the upper neighbour when g ≥ 0.5 (x[j+1] - (x[j+1] - x[j])·(1 - g)), which keeps
 * the last bits identical to numpy's (≥ 1.22, whose `_lerp` does this).
 */

/** Ascending copy of `values` (NaN never reaches here: the report's returns are finite). */
export function sortedAscending(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/** Quantile `q` in [0, 1] of already-sorted values; NaN when empty. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile: q = ${q} is outside [0, 1]`);
  const h = (n - 1) * q;
  const j = Math.floor(h);
  const g = h - j;
  const a = sorted[j];
  const b = sorted[Math.min(j + 1, n - 1)];
  const diff = b - a;
  return g >= 0.5 ? b - diff * (1 - g) : a + diff * g;
}

/** Quantile `q` of unsorted values. */
export function quantile(values: ArrayLike<number>, q: number): number {
  return quantileSorted(sortedAscending(values), q);
}
