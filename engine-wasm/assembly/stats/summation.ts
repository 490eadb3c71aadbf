// Reductions in numpy's pairwise order, the twin of src/core/stats/summation.ts: the same additions in the same
// order give the same bits. A sum may run over a derived term (a squared deviation, a co-deviation, a squared
// downside return) computed on the fly, which adds exactly what summing a materialised array of it would.
import { ld } from "./memory";

/** a[k] */
export const TERM_VALUE: i32 = 0;
/** (c - a[k])² — a squared deviation from the mean, written as variance() writes it */
export const TERM_SQ_DEV: i32 = 1;
/** (a[k] - c) × (b[k] - d) — a co-deviation, as beta's covariance writes it */
export const TERM_CO_DEV: i32 = 2;
/** min(a[k], 0)² with NaN kept — the squared downside return of the Sortino ratio */
export const TERM_DOWNSIDE_SQ: i32 = 3;

const BLOCK: i32 = 128;

// @ts-ignore: decorator
@inline function term(kind: i32, a: usize, b: usize, c: f64, d: f64, k: i32): f64 {
  if (kind == TERM_VALUE) return ld(a, k);
  if (kind == TERM_SQ_DEV) {
    const dev = c - ld(a, k);
    return dev * dev;
  }
  if (kind == TERM_CO_DEV) return (ld(a, k) - c) * (ld(b, k) - d);
  // v > 0 ? 0 : v, through the integer select (a conditional move; V8's f64 select branches, on a coin flip here).
  const v = ld(a, k);
  const r = reinterpret<f64>(select<u64>(0, reinterpret<u64>(v), v > 0));
  return r * r;
}

/**
 * numpy's pairwise block of up to BLOCK terms: eight running sums, combined as a tree, then the remainder.
 * Inlined with a constant `kind` into one function per term (below), so no per-element branch on the kind.
 */
// @ts-ignore: decorator
@inline function block(kind: i32, a: usize, b: usize, c: f64, d: f64, start: i32, n: i32): f64 {
  if (n < 8) {
    let res: f64 = 0;
    for (let k = 0; k < n; k++) res += term(kind, a, b, c, d, start + k);
    return res;
  }
  let r0 = term(kind, a, b, c, d, start);
  let r1 = term(kind, a, b, c, d, start + 1);
  let r2 = term(kind, a, b, c, d, start + 2);
  let r3 = term(kind, a, b, c, d, start + 3);
  let r4 = term(kind, a, b, c, d, start + 4);
  let r5 = term(kind, a, b, c, d, start + 5);
  let r6 = term(kind, a, b, c, d, start + 6);
  let r7 = term(kind, a, b, c, d, start + 7);
  const whole = n - (n % 8);
  let k = 8;
  for (; k < whole; k += 8) {
    const i = start + k;
    r0 += term(kind, a, b, c, d, i);
    r1 += term(kind, a, b, c, d, i + 1);
    r2 += term(kind, a, b, c, d, i + 2);
    r3 += term(kind, a, b, c, d, i + 3);
    r4 += term(kind, a, b, c, d, i + 4);
    r5 += term(kind, a, b, c, d, i + 5);
    r6 += term(kind, a, b, c, d, i + 6);
    r7 += term(kind, a, b, c, d, i + 7);
  }
  let res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
  for (; k < n; k++) res += term(kind, a, b, c, d, start + k);
  return res;
}

function blockValue(a: usize, start: i32, n: i32): f64 {
  return block(TERM_VALUE, a, 0, 0, 0, start, n);
}

function blockSqDev(a: usize, c: f64, start: i32, n: i32): f64 {
  return block(TERM_SQ_DEV, a, 0, c, 0, start, n);
}

function blockCoDev(a: usize, b: usize, c: f64, d: f64, start: i32, n: i32): f64 {
  return block(TERM_CO_DEV, a, b, c, d, start, n);
}

function blockDownsideSq(a: usize, start: i32, n: i32): f64 {
  return block(TERM_DOWNSIDE_SQ, a, 0, 0, 0, start, n);
}

function pairwise(kind: i32, a: usize, b: usize, c: f64, d: f64, start: i32, n: i32): f64 {
  if (n <= BLOCK) {
    if (kind == TERM_VALUE) return blockValue(a, start, n);
    if (kind == TERM_SQ_DEV) return blockSqDev(a, c, start, n);
    if (kind == TERM_CO_DEV) return blockCoDev(a, b, c, d, start, n);
    return blockDownsideSq(a, start, n);
  }
  let half = n >> 1;
  half -= half % 8;
  return pairwise(kind, a, b, c, d, start, half) + pairwise(kind, a, b, c, d, start + half, n - half);
}

/** Pairwise sum of a term over k in [0, n). */
export function sumOf(kind: i32, a: usize, b: usize, c: f64, d: f64, n: i32): f64 {
  return pairwise(kind, a, b, c, d, 0, n);
}

/** Sum of n values (NaN propagates). */
export function sum(a: usize, n: i32): f64 {
  return pairwise(TERM_VALUE, a, 0, 0, 0, 0, n);
}

/** Arithmetic mean; NaN when empty. */
export function mean(a: usize, n: i32): f64 {
  return n == 0 ? NaN : sum(a, n) / <f64>n;
}

/** Variance with `ddof` delta degrees of freedom: the mean first, then the sum of squared deviations. */
export function variance(a: usize, n: i32, ddof: i32): f64 {
  const dof = n - ddof;
  if (n == 0 || dof <= 0) return NaN;
  const avg = sum(a, n) / <f64>n;
  return sumOf(TERM_SQ_DEV, a, 0, avg, 0, n) / <f64>dof;
}

/** Largest value, NaN entries skipped; NaN when there is none. */
export function maxOf(a: usize, n: i32): f64 {
  let m: f64 = NaN;
  for (let k = 0; k < n; k++) {
    const v = ld(a, k);
    if (v == v && !(v <= m)) m = v;
  }
  return m;
}

/** Smallest value, NaN entries skipped; NaN when there is none. */
export function minOf(a: usize, n: i32): f64 {
  let m: f64 = NaN;
  for (let k = 0; k < n; k++) {
    const v = ld(a, k);
    if (v == v && !(v >= m)) m = v;
  }
  return m;
}
