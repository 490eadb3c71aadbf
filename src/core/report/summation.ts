/**
 * Reductions of the report, always in index order so that reruns are bit-identical. The sum is
 * Neumaier-compensated: a long run of tiny daily returns keeps its low bits instead of losing them
 * to a large running total.
 */

/** Sum of `values` from first to last (compensated). */
export function sum(values: ArrayLike<number>): number {
  let total = 0;
  let carry = 0;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    const t = total + v;
    carry += Math.abs(total) >= Math.abs(v) ? total - t + v : v - t + total;
    total = t;
  }
  return total + carry;
}

/** Arithmetic mean; NaN when empty (callers turn that into `null`). */
export function mean(values: ArrayLike<number>): number {
  return values.length === 0 ? NaN : sum(values) / values.length;
}
