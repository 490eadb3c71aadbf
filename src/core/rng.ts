/**
 * Seeded random number generator shared by the WASM engine and the TypeScript reference.
 *
 * Algorithm: xoshiro128** 1.1 (Blackman & Vigna, 2018) on four 32-bit words. Every step uses only 32-bit
 * integer operations, so JavaScript (Math.imul, >>>) and AssemblyScript (u32) produce the same stream bit for bit.
 *
 * Seeding: the seed is an unsigned 32-bit integer. The four state words are
 * fmix32(seed + k * 0x9E3779B9) for k = 1..4 (fmix32 is MurmurHash3's finalizer), so nearby seeds give unrelated
 * streams and no seed yields the forbidden all-zero state (fmix32 is a bijection; if all four words were zero we
 * would set the first to 1, which cannot happen for distinct inputs).
 *
 * Doubles: nextFloat() takes the top 53 bits of two outputs, (a >>> 5) * 2^26 + (b >>> 6), divided by 2^53,
 * giving a uniform value in [0, 1) with full double precision.
 *
 * engine-wasm/assembly/rng.ts is the AssemblyScript twin of this file; unit tests compare both streams.
 */
export const GOLDEN_GAMMA = 0x9e3779b9;

export function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new RangeError(`seed must be an integer in [0, 4294967295], got ${seed}`);
    }
    this.s0 = fmix32((seed + GOLDEN_GAMMA) >>> 0);
    this.s1 = fmix32((seed + 2 * GOLDEN_GAMMA) >>> 0);
    this.s2 = fmix32((seed + 3 * GOLDEN_GAMMA) >>> 0);
    this.s3 = fmix32((seed + 4 * GOLDEN_GAMMA) >>> 0);
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Builds a generator from an explicit state (used by reference vectors). */
  static fromState(s0: number, s1: number, s2: number, s3: number): Rng {
    const r = new Rng(0);
    r.s0 = s0 >>> 0;
    r.s1 = s1 >>> 0;
    r.s2 = s2 >>> 0;
    r.s3 = s3 >>> 0;
    return r;
  }

  /** Next unsigned 32-bit output. */
  nextU32(): number {
    const s1 = this.s1;
    const m = Math.imul(s1, 5) >>> 0;
    const result = Math.imul(((m << 7) | (m >>> 25)) >>> 0, 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    this.s2 = (this.s2 ^ this.s0) >>> 0;
    this.s3 = (this.s3 ^ s1) >>> 0;
    this.s1 = (s1 ^ this.s2) >>> 0;
    this.s0 = (this.s0 ^ this.s3) >>> 0;
    this.s2 = (this.s2 ^ t) >>> 0;
    this.s3 = ((this.s3 << 11) | (this.s3 >>> 21)) >>> 0;
    return result;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  nextFloat(): number {
    const a = this.nextU32() >>> 5;
    const b = this.nextU32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /**
   * Standard normal by the Box–Muller transform, one draw per call.
   * TypeScript-only: Math.log/Math.cos may differ in the last bit between JavaScript and WASM, so the engine's
   * shared stream uses nextU32/nextFloat alone.
   */
  nextNormal(): number {
    let u = this.nextFloat();
    while (u === 0) u = this.nextFloat();
    const v = this.nextFloat();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
