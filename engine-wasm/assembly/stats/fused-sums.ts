// Several pairwise sums over arrays of one length, taken in one traversal: the same additions in the same order as
// summation.ts takes them one sum at a time (numpy's blocks of 128, eight running sums per block combined as a
// tree, halves rounded down to a multiple of 8), so each result has the same bits; the arrays are read once.
// The statistics take their per-bar sums in two such traversals: the plain sums and the downside squares first,
// then the deviations from the means those sums give.
import { ld } from "./memory";

const BLOCK: i32 = 128;

/** Results of sumsOfReturns: Σ x[k], Σ r[k], Σ min(r[k], 0)². */
export let sumX: f64 = 0;
export let sumR: f64 = 0;
export let sumDownSq: f64 = 0;

/** Results of sumsOfDeviations: Σ (c - r[k])², Σ (x[k] - mx)(y[k] - my). */
export let sumSqDev: f64 = 0;
export let sumCoDev: f64 = 0;

/** min(v, 0)² with NaN kept: summation.ts's TERM_DOWNSIDE_SQ. */
// @ts-ignore: decorator
@inline function downSq(v: f64): f64 {
  const r = reinterpret<f64>(select<u64>(0, reinterpret<u64>(v), v > 0));
  return r * r;
}

// @ts-ignore: decorator
@inline function sqDev(c: f64, v: f64): f64 {
  const d = c - v;
  return d * d;
}

/** Σ x[k], Σ r[k] and Σ min(r[k], 0)² over k in [0, n), in summation.ts's order. */
export function sumsOfReturns(x: usize, r: usize, n: i32): void {
  returnsPairwise(x, r, 0, n);
}

function returnsPairwise(x: usize, r: usize, start: i32, n: i32): void {
  if (n <= BLOCK) {
    returnsBlock(x, r, start, n);
    return;
  }
  let half = n >> 1;
  half -= half % 8;
  returnsPairwise(x, r, start, half);
  const a = sumX;
  const b = sumR;
  const c = sumDownSq;
  returnsPairwise(x, r, start + half, n - half);
  sumX = a + sumX;
  sumR = b + sumR;
  sumDownSq = c + sumDownSq;
}

function returnsBlock(x: usize, r: usize, start: i32, n: i32): void {
  if (n < 8) {
    let a: f64 = 0;
    let b: f64 = 0;
    let c: f64 = 0;
    for (let k = 0; k < n; k++) {
      const v = ld(r, start + k);
      a += ld(x, start + k);
      b += v;
      c += downSq(v);
    }
    sumX = a;
    sumR = b;
    sumDownSq = c;
    return;
  }
  let a0 = ld(x, start), a1 = ld(x, start + 1), a2 = ld(x, start + 2), a3 = ld(x, start + 3);
  let a4 = ld(x, start + 4), a5 = ld(x, start + 5), a6 = ld(x, start + 6), a7 = ld(x, start + 7);
  let b0 = ld(r, start), b1 = ld(r, start + 1), b2 = ld(r, start + 2), b3 = ld(r, start + 3);
  let b4 = ld(r, start + 4), b5 = ld(r, start + 5), b6 = ld(r, start + 6), b7 = ld(r, start + 7);
  let c0 = downSq(b0), c1 = downSq(b1), c2 = downSq(b2), c3 = downSq(b3);
  let c4 = downSq(b4), c5 = downSq(b5), c6 = downSq(b6), c7 = downSq(b7);
  const whole = n - (n % 8);
  let k = 8;
  for (; k < whole; k += 8) {
    const i = start + k;
    a0 += ld(x, i);
    a1 += ld(x, i + 1);
    a2 += ld(x, i + 2);
    a3 += ld(x, i + 3);
    a4 += ld(x, i + 4);
    a5 += ld(x, i + 5);
    a6 += ld(x, i + 6);
    a7 += ld(x, i + 7);
    const v0 = ld(r, i), v1 = ld(r, i + 1), v2 = ld(r, i + 2), v3 = ld(r, i + 3);
    const v4 = ld(r, i + 4), v5 = ld(r, i + 5), v6 = ld(r, i + 6), v7 = ld(r, i + 7);
    b0 += v0;
    b1 += v1;
    b2 += v2;
    b3 += v3;
    b4 += v4;
    b5 += v5;
    b6 += v6;
    b7 += v7;
    c0 += downSq(v0);
    c1 += downSq(v1);
    c2 += downSq(v2);
    c3 += downSq(v3);
    c4 += downSq(v4);
    c5 += downSq(v5);
    c6 += downSq(v6);
    c7 += downSq(v7);
  }
  let a = ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7));
  let b = ((b0 + b1) + (b2 + b3)) + ((b4 + b5) + (b6 + b7));
  let c = ((c0 + c1) + (c2 + c3)) + ((c4 + c5) + (c6 + c7));
  for (; k < n; k++) {
    const v = ld(r, start + k);
    a += ld(x, start + k);
    b += v;
    c += downSq(v);
  }
  sumX = a;
  sumR = b;
  sumDownSq = c;
}

/** Σ (c - r[k])² and Σ (x[k] - mx)(y[k] - my) over k in [0, n), in summation.ts's order. */
export function sumsOfDeviations(r: usize, c: f64, x: usize, y: usize, mx: f64, my: f64, n: i32): void {
  deviationsPairwise(r, c, x, y, mx, my, 0, n);
}

function deviationsPairwise(r: usize, c: f64, x: usize, y: usize, mx: f64, my: f64, start: i32, n: i32): void {
  if (n <= BLOCK) {
    deviationsBlock(r, c, x, y, mx, my, start, n);
    return;
  }
  let half = n >> 1;
  half -= half % 8;
  deviationsPairwise(r, c, x, y, mx, my, start, half);
  const a = sumSqDev;
  const b = sumCoDev;
  deviationsPairwise(r, c, x, y, mx, my, start + half, n - half);
  sumSqDev = a + sumSqDev;
  sumCoDev = b + sumCoDev;
}

function deviationsBlock(r: usize, c: f64, x: usize, y: usize, mx: f64, my: f64, start: i32, n: i32): void {
  if (n < 8) {
    let a: f64 = 0;
    let b: f64 = 0;
    for (let k = 0; k < n; k++) {
      a += sqDev(c, ld(r, start + k));
      b += (ld(x, start + k) - mx) * (ld(y, start + k) - my);
    }
    sumSqDev = a;
    sumCoDev = b;
    return;
  }
  let a0 = sqDev(c, ld(r, start)), a1 = sqDev(c, ld(r, start + 1));
  let a2 = sqDev(c, ld(r, start + 2)), a3 = sqDev(c, ld(r, start + 3));
  let a4 = sqDev(c, ld(r, start + 4)), a5 = sqDev(c, ld(r, start + 5));
  let a6 = sqDev(c, ld(r, start + 6)), a7 = sqDev(c, ld(r, start + 7));
  let b0 = (ld(x, start) - mx) * (ld(y, start) - my);
  let b1 = (ld(x, start + 1) - mx) * (ld(y, start + 1) - my);
  let b2 = (ld(x, start + 2) - mx) * (ld(y, start + 2) - my);
  let b3 = (ld(x, start + 3) - mx) * (ld(y, start + 3) - my);
  let b4 = (ld(x, start + 4) - mx) * (ld(y, start + 4) - my);
  let b5 = (ld(x, start + 5) - mx) * (ld(y, start + 5) - my);
  let b6 = (ld(x, start + 6) - mx) * (ld(y, start + 6) - my);
  let b7 = (ld(x, start + 7) - mx) * (ld(y, start + 7) - my);
  const whole = n - (n % 8);
  let k = 8;
  for (; k < whole; k += 8) {
    const i = start + k;
    a0 += sqDev(c, ld(r, i));
    a1 += sqDev(c, ld(r, i + 1));
    a2 += sqDev(c, ld(r, i + 2));
    a3 += sqDev(c, ld(r, i + 3));
    a4 += sqDev(c, ld(r, i + 4));
    a5 += sqDev(c, ld(r, i + 5));
    a6 += sqDev(c, ld(r, i + 6));
    a7 += sqDev(c, ld(r, i + 7));
    b0 += (ld(x, i) - mx) * (ld(y, i) - my);
    b1 += (ld(x, i + 1) - mx) * (ld(y, i + 1) - my);
    b2 += (ld(x, i + 2) - mx) * (ld(y, i + 2) - my);
    b3 += (ld(x, i + 3) - mx) * (ld(y, i + 3) - my);
    b4 += (ld(x, i + 4) - mx) * (ld(y, i + 4) - my);
    b5 += (ld(x, i + 5) - mx) * (ld(y, i + 5) - my);
    b6 += (ld(x, i + 6) - mx) * (ld(y, i + 6) - my);
    b7 += (ld(x, i + 7) - mx) * (ld(y, i + 7) - my);
  }
  let a = ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7));
  let b = ((b0 + b1) + (b2 + b3)) + ((b4 + b5) + (b6 + b7));
  for (; k < n; k++) {
    a += sqDev(c, ld(r, start + k));
    b += (ld(x, start + k) - mx) * (ld(y, start + k) - my);
  }
  sumSqDev = a;
  sumCoDev = b;
}
