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

// The constants as lane pairs in static data, read with one load each (V8 builds a v128.const from immediates in
// several instructions, on every iteration): pair(k) is Bk for k in 0..10, then 2^27 and 1.
const PAIR_OX1P27: i32 = 11;
const PAIR_ONE: i32 = 12;
const PAIRS = memory.data<f64>([
  B0, B0, B1, B1, B2, B2, B3, B3, B4, B4, B5, B5, B6, B6, B7, B7, B8, B8, B9, B9, B10, B10, OX1P27, OX1P27, 1.0, 1.0,
], 16);
// @ts-ignore: decorator
@inline function pair(k: i32): v128 {
  return v128.load(PAIRS + (<usize>k << 4));
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
  const r = sub(x, pair(PAIR_ONE));
  const r2 = mul(r, r);
  const r3 = mul(r2, r);
  // B7 + r*B8 + r2*B9 + r3*B10, then outwards, left to right as the scalar code associates it.
  const inner = add(add(add(pair(7), mul(r, pair(8))), mul(r2, pair(9))), mul(r3, pair(10)));
  const middle = add(add(add(pair(4), mul(r, pair(5))), mul(r2, pair(6))), mul(r3, inner));
  const outer = add(add(add(pair(1), mul(r, pair(2))), mul(r2, pair(3))), mul(r3, middle));
  const y = mul(r3, outer);
  let w = mul(r, pair(PAIR_OX1P27));
  const rhi = sub(add(r, w), w);
  const rlo = sub(r, rhi);
  w = mul(mul(rhi, rhi), pair(0));
  const hi = add(r, w);
  let lo = add(sub(r, hi), w);
  lo = add(lo, mul(mul(pair(0), rlo), add(rhi, r)));
  return add(add(y, lo), hi);
}

/** Whether both lanes of `x` are in [LO, HI). */
// @ts-ignore: decorator
@inline function nearOne(x: v128): v128 {
  return v128.and(f64x2.ge(x, f64x2.splat(LO)), f64x2.lt(x, f64x2.splat(HI)));
}

/** Logarithms of the two f64 at `at`: the vector branch when both are near 1, else Math.log one by one. */
// @ts-ignore: decorator
@inline function logPair(at: usize): void {
  const x = v128.load(at);
  if (i64x2.all_true(nearOne(x))) {
    v128.store(at, logNearOne(x));
  } else {
    store<f64>(at, Math.log(load<f64>(at)));
    store<f64>(at, Math.log(load<f64>(at, 8)), 8);
  }
}

/** Replaces each of the n f64 at `ptr` by its natural logarithm (Math.log's value, bit for bit). */
export function logsInPlace(ptr: usize, n: i32): void {
  let k = 0;
  // Four at a time where all four are near 1 (two independent polynomial chains keep more of the CPU busy).
  for (; k + 4 <= n; k += 4) {
    const at = ptr + (<usize>k << 3);
    const x = v128.load(at);
    const y = v128.load(at, 16);
    if (i64x2.all_true(v128.and(nearOne(x), nearOne(y)))) {
      const a = logNearOne(x);
      const b = logNearOne(y);
      v128.store(at, a);
      v128.store(at, b, 16);
    } else {
      logPair(at);
      logPair(at + 16);
    }
  }
  if (k + 2 <= n) {
    logPair(ptr + (<usize>k << 3));
    k += 2;
  }
  if (k < n) st(ptr, k, Math.log(ld(ptr, k)));
}
