// Natural logarithms of a whole array, two at a time, with the same bits as Math.log one by one.
//
// The equity's bar-to-bar ratios are almost all within a few percent of 1, where AssemblyScript's Math.log (musl's
// table-driven log) takes a branch of its own: a fixed polynomial in r = x - 1, no table. That branch is written
// here a second time over f64x2 lanes, operation for operation in the same order (WASM has no fused multiply-add
// outside relaxed SIMD, which the build disables, so each lane rounds as the scalar code does). A pair with a lane
// outside that branch's range goes to Math.log itself, so every value is Math.log's.
import { ld, st } from "./memory";

// Math.log's near-1 branch: x in [LO, HI), compared as floats (the scalar code compares the bits as unsigned
// integers, which orders positive doubles the same way and puts negative ones and NaN outside).
const LO: f64 = reinterpret<f64>(0x3FEE000000000000); // 0.9375
const HI: f64 = reinterpret<f64>(0x3FF1090000000000); // 1.064697265625

const B0: f64 = reinterpret<f64>(0xBFE0000000000000);
const B1: f64 = reinterpret<f64>(0x3FD5555555555577);
const B2: f64 = reinterpret<f64>(0xBFCFFFFFFFFFFDCB);
const B3: f64 = reinterpret<f64>(0x3FC999999995DD0C);
const B4: f64 = reinterpret<f64>(0xBFC55555556745A7);
const B5: f64 = reinterpret<f64>(0x3FC24924A344DE30);
const B6: f64 = reinterpret<f64>(0xBFBFFFFFA4423D65);
const B7: f64 = reinterpret<f64>(0x3FBC7184282AD6CA);
const B8: f64 = reinterpret<f64>(0xBFB999EB43B068FF);
const B9: f64 = reinterpret<f64>(0x3FB78182F7AFD085);
const B10: f64 = reinterpret<f64>(0xBFB5521375D145CD);
const OX1P27: f64 = reinterpret<f64>(0x41A0000000000000);

// @ts-ignore: decorator
@inline function splat(x: f64): v128 {
  return f64x2.splat(x);
}

// @ts-ignore: decorator
@inline function add(a: v128, b: v128): v128 {
  return f64x2.add(a, b);
}

// @ts-ignore: decorator
@inline function sub(a: v128, b: v128): v128 {
  return f64x2.sub(a, b);
}

// @ts-ignore: decorator
@inline function mul(a: v128, b: v128): v128 {
  return f64x2.mul(a, b);
}

/** Math.log of both lanes, each in [LO, HI): the scalar branch's expressions, lane by lane. */
// @ts-ignore: decorator
@inline function logNearOne(x: v128): v128 {
  const r = sub(x, splat(1.0));
  const r2 = mul(r, r);
  const r3 = mul(r2, r);
  // B7 + r*B8 + r2*B9 + r3*B10, then outwards, left to right as the scalar code associates it.
  const inner = add(add(add(splat(B7), mul(r, splat(B8))), mul(r2, splat(B9))), mul(r3, splat(B10)));
  const middle = add(add(add(splat(B4), mul(r, splat(B5))), mul(r2, splat(B6))), mul(r3, inner));
  const outer = add(add(add(splat(B1), mul(r, splat(B2))), mul(r2, splat(B3))), mul(r3, middle));
  const y = mul(r3, outer);
  let w = mul(r, splat(OX1P27));
  const rhi = sub(add(r, w), w);
  const rlo = sub(r, rhi);
  w = mul(mul(rhi, rhi), splat(B0));
  const hi = add(r, w);
  let lo = add(sub(r, hi), w);
  lo = add(lo, mul(mul(splat(B0), rlo), add(rhi, r)));
  return add(add(y, lo), hi);
}

/** Replaces each of the n f64 at `ptr` by its natural logarithm (Math.log's value, bit for bit). */
export function logsInPlace(ptr: usize, n: i32): void {
  const lo = splat(LO);
  const hi = splat(HI);
  let k = 0;
  for (; k + 2 <= n; k += 2) {
    const at = ptr + (<usize>k << 3);
    const x = v128.load(at);
    if (i64x2.all_true(v128.and(f64x2.ge(x, lo), f64x2.lt(x, hi)))) {
      v128.store(at, logNearOne(x));
    } else {
      st(ptr, k, Math.log(ld(ptr, k)));
      st(ptr, k + 1, Math.log(ld(ptr, k + 1)));
    }
  }
  if (k < n) st(ptr, k, Math.log(ld(ptr, k)));
}
