// SMA-crossover kernel: the lab's first engine loop (the full event-driven engine replaces it).
// Semantics are mirrored exactly by src/core/kernels/sma-cross.ts; see that file for the rules.
import { rngSeed, rngNextFloat } from "./rng";

@inline function at(ptr: usize, i: i32): f64 {
  return load<f64>(ptr + (<usize>i << 3));
}

/**
 * Runs the kernel over `n` bars. Buffers: open, close (inputs), equity (output), each `n` f64.
 * Returns the number of closed trades, or -1 when the arguments are invalid.
 */
export function smaCross(
  openPtr: usize,
  closePtr: usize,
  equityPtr: usize,
  n: i32,
  fast: i32,
  slow: i32,
  cash: f64,
  commission: f64,
  slippageBps: f64,
  seed: u32,
): i32 {
  if (n <= 0 || fast < 1 || slow <= fast || cash <= 0) return -1;
  rngSeed(seed);
  let fastSum: f64 = 0;
  let slowSum: f64 = 0;
  let prevDiff: f64 = NaN;
  let position: f64 = 0;
  let trades: i32 = 0;
  let pending: i32 = 0;
  const slip = slippageBps * 0.0001;
  for (let i = 0; i < n; i++) {
    if (pending != 0) {
      // Fill the order decided at the previous close at this bar's open, with seeded adverse slippage.
      const price = at(openPtr, i) * (1.0 + <f64>pending * slip * rngNextFloat());
      if (position != 0) {
        cash += position * price - Math.abs(position) * price * commission;
        trades++;
        position = 0;
      }
      const units = Math.floor(cash / (price * (1.0 + commission)));
      if (units > 0) {
        position = <f64>pending * units;
        cash -= position * price + units * price * commission;
      }
      pending = 0;
    }
    const c = at(closePtr, i);
    fastSum += c;
    slowSum += c;
    if (i >= fast) fastSum -= at(closePtr, i - fast);
    if (i >= slow) slowSum -= at(closePtr, i - slow);
    if (i >= slow - 1) {
      const diff = fastSum / <f64>fast - slowSum / <f64>slow;
      if (i + 1 < n && prevDiff == prevDiff) {
        if (prevDiff <= 0 && diff > 0 && position <= 0) pending = 1;
        else if (prevDiff >= 0 && diff < 0 && position >= 0) pending = -1;
      }
      prevDiff = diff;
    }
    store<f64>(equityPtr + (<usize>i << 3), cash + position * c);
  }
  return trades;
}
