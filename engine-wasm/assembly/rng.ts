// xoshiro128** 1.1 with fmix32 seeding: the AssemblyScript twin of src/core/rng.ts (see its header for the
// algorithm). Only u32 arithmetic is used, so the stream matches the TypeScript one bit for bit.

const GOLDEN_GAMMA: u32 = 0x9e3779b9;

let s0: u32 = 0;
let s1: u32 = 0;
let s2: u32 = 0;
let s3: u32 = 0;

function fmix32(x: u32): u32 {
  let h = x;
  h ^= h >> 16;
  h *= 0x85ebca6b;
  h ^= h >> 13;
  h *= 0xc2b2ae35;
  h ^= h >> 16;
  return h;
}

export function rngSeed(seed: u32): void {
  s0 = fmix32(seed + GOLDEN_GAMMA);
  s1 = fmix32(seed + 2 * GOLDEN_GAMMA);
  s2 = fmix32(seed + 3 * GOLDEN_GAMMA);
  s3 = fmix32(seed + 4 * GOLDEN_GAMMA);
  if ((s0 | s1 | s2 | s3) == 0) s0 = 1;
}

export function rngNextU32(): u32 {
  const result = rotl<u32>(s1 * 5, 7) * 9;
  const t = s1 << 9;
  s2 ^= s0;
  s3 ^= s1;
  s1 ^= s2;
  s0 ^= s3;
  s2 ^= t;
  s3 = rotl<u32>(s3, 11);
  return result;
}

export function rngNextFloat(): f64 {
  const a = rngNextU32() >> 5;
  const b = rngNextU32() >> 6;
  return (<f64>a * 67108864.0 + <f64>b) / 9007199254740992.0;
}
