/**
 * Reductions in one fixed order: numpy's pairwise summation (what `np.sum` and pandas' `Series.sum/mean/var`
 * use for float64), so that results are reproducible and agree with backtesting.py to the last few bits.
 */

const BLOCK = 128;

function pairwise(a: ArrayLike<number>, start: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let k = 0; k < n; k++) res += a[start + k];
    return res;
  }
  if (n <= BLOCK) {
    let r0 = a[start],
      r1 = a[start + 1],
      r2 = a[start + 2],
      r3 = a[start + 3];
    let r4 = a[start + 4],
      r5 = a[start + 5],
      r6 = a[start + 6],
      r7 = a[start + 7];
    const whole = n - (n % 8);
    let k = 8;
    for (; k < whole; k += 8) {
      r0 += a[start + k];
      r1 += a[start + k + 1];
      r2 += a[start + k + 2];
      r3 += a[start + k + 3];
      r4 += a[start + k + 4];
      r5 += a[start + k + 5];
      r6 += a[start + k + 6];
      r7 += a[start + k + 7];
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; k < n; k++) res += a[start + k];
    return res;
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return pairwise(a, start, half) + pairwise(a, start + half, n - half);
}

/** Sum of all values (NaN propagates). */
export function sum(values: ArrayLike<number>): number {
  return pairwise(values, 0, values.length);
}

/** Arithmetic mean; NaN when empty. */
export function mean(values: ArrayLike<number>): number {
  return values.length === 0 ? NaN : sum(values) / values.length;
}

/** Variance with `ddof` delta degrees of freedom (pandas: mean first, then the sum of squared deviations). */
export function variance(values: ArrayLike<number>, ddof: number): number {
  const n = values.length;
  const d = n - ddof;
  if (n === 0 || d <= 0) return NaN;
  const avg = sum(values) / n;
  const sq = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const dev = avg - values[k];
    sq[k] = dev * dev;
  }
  return sum(sq) / d;
}

/** Largest value; NaN when empty. NaN entries are skipped, as pandas does. */
export function max(values: ArrayLike<number>): number {
  let m = NaN;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (v === v && !(v <= m)) m = v;
  }
  return m;
}

/** Smallest value; NaN when empty. NaN entries are skipped, as pandas does. */
export function min(values: ArrayLike<number>): number {
  let m = NaN;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (v === v && !(v >= m)) m = v;
  }
  return m;
}
