// Several pairwise sums over arrays of one length, taken in one traversal: the same additions in the same order as
// summation.ts takes them one sum at a time (numpy's blocks of 128, eight running sums per block combined as a
// tree, halves rounded down to a multiple of 8), so each result has the same bits; the arrays are read once.
// The statistics take their per-bar sums in two such traversals: the plain sums and the downside squares first,
// then the deviations from the means those sums give. Inside a block the eight running sums are four f64x2
// vectors (each lane adds what its scalar running sum adds, in the same order).
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

/** downSq of both lanes: the lanes where v > 0 cleared to +0 (NaN kept), then squared. */
// @ts-ignore: decorator
@inline function downSq2(v: v128): v128 {
  const r = v128.andnot(v, f64x2.gt(v, f64x2.splat(0)));
  return f64x2.mul(r, r);
}

// @ts-ignore: decorator
@inline function sqDev2(c: v128, v: v128): v128 {
  const d = f64x2.sub(c, v);
  return f64x2.mul(d, d);
}

// @ts-ignore: decorator
@inline function coDev2(x: v128, mx: v128, y: v128, my: v128): v128 {
  return f64x2.mul(f64x2.sub(x, mx), f64x2.sub(y, my));
}

/** The eight running sums of a block, held as four lane pairs, combined as summation.ts's tree. */
// @ts-ignore: decorator
@inline function tree(s01: v128, s23: v128, s45: v128, s67: v128): f64 {
  const p01 = f64x2.extract_lane(s01, 0) + f64x2.extract_lane(s01, 1);
  const p23 = f64x2.extract_lane(s23, 0) + f64x2.extract_lane(s23, 1);
  const p45 = f64x2.extract_lane(s45, 0) + f64x2.extract_lane(s45, 1);
  const p67 = f64x2.extract_lane(s67, 0) + f64x2.extract_lane(s67, 1);
  return (p01 + p23) + (p45 + p67);
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
  // Running sum j of the eight is lane j % 2 of vector j / 2: the same additions, two per instruction.
  const xs = x + (<usize>start << 3);
  const rs = r + (<usize>start << 3);
  let a01 = v128.load(xs), a23 = v128.load(xs, 16), a45 = v128.load(xs, 32), a67 = v128.load(xs, 48);
  let b01 = v128.load(rs), b23 = v128.load(rs, 16), b45 = v128.load(rs, 32), b67 = v128.load(rs, 48);
  let c01 = downSq2(b01), c23 = downSq2(b23), c45 = downSq2(b45), c67 = downSq2(b67);
  const whole = n - (n % 8);
  let k = 8;
  for (; k < whole; k += 8) {
    const at = <usize>k << 3;
    a01 = f64x2.add(a01, v128.load(xs + at));
    a23 = f64x2.add(a23, v128.load(xs + at, 16));
    a45 = f64x2.add(a45, v128.load(xs + at, 32));
    a67 = f64x2.add(a67, v128.load(xs + at, 48));
    const v01 = v128.load(rs + at), v23 = v128.load(rs + at, 16);
    const v45 = v128.load(rs + at, 32), v67 = v128.load(rs + at, 48);
    b01 = f64x2.add(b01, v01);
    b23 = f64x2.add(b23, v23);
    b45 = f64x2.add(b45, v45);
    b67 = f64x2.add(b67, v67);
    c01 = f64x2.add(c01, downSq2(v01));
    c23 = f64x2.add(c23, downSq2(v23));
    c45 = f64x2.add(c45, downSq2(v45));
    c67 = f64x2.add(c67, downSq2(v67));
  }
  let a = tree(a01, a23, a45, a67);
  let b = tree(b01, b23, b45, b67);
  let c = tree(c01, c23, c45, c67);
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
  const rs = r + (<usize>start << 3);
  const xs = x + (<usize>start << 3);
  const ys = y + (<usize>start << 3);
  const cc = f64x2.splat(c);
  const mxx = f64x2.splat(mx);
  const myy = f64x2.splat(my);
  let a01 = sqDev2(cc, v128.load(rs)), a23 = sqDev2(cc, v128.load(rs, 16));
  let a45 = sqDev2(cc, v128.load(rs, 32)), a67 = sqDev2(cc, v128.load(rs, 48));
  let b01 = coDev2(v128.load(xs), mxx, v128.load(ys), myy);
  let b23 = coDev2(v128.load(xs, 16), mxx, v128.load(ys, 16), myy);
  let b45 = coDev2(v128.load(xs, 32), mxx, v128.load(ys, 32), myy);
  let b67 = coDev2(v128.load(xs, 48), mxx, v128.load(ys, 48), myy);
  const whole = n - (n % 8);
  let k = 8;
  for (; k < whole; k += 8) {
    const at = <usize>k << 3;
    a01 = f64x2.add(a01, sqDev2(cc, v128.load(rs + at)));
    a23 = f64x2.add(a23, sqDev2(cc, v128.load(rs + at, 16)));
    a45 = f64x2.add(a45, sqDev2(cc, v128.load(rs + at, 32)));
    a67 = f64x2.add(a67, sqDev2(cc, v128.load(rs + at, 48)));
    b01 = f64x2.add(b01, coDev2(v128.load(xs + at), mxx, v128.load(ys + at), myy));
    b23 = f64x2.add(b23, coDev2(v128.load(xs + at, 16), mxx, v128.load(ys + at, 16), myy));
    b45 = f64x2.add(b45, coDev2(v128.load(xs + at, 32), mxx, v128.load(ys + at, 32), myy));
    b67 = f64x2.add(b67, coDev2(v128.load(xs + at, 48), mxx, v128.load(ys + at, 48), myy));
  }
  let a = tree(a01, a23, a45, a67);
  let b = tree(b01, b23, b45, b67);
  for (; k < n; k++) {
    a += sqDev(c, ld(r, start + k));
    b += (ld(x, start + k) - mx) * (ld(y, start + k) - my);
  }
  sumSqDev = a;
  sumCoDev = b;
}
