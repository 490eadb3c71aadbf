// Slippage fractions (src/core/lab/slippage.ts): none, fixed bps, random (one draw of the shared
// xoshiro128** stream per marketable fill) and volatility (sample std of the last `window` close-to-close
// returns, summed oldest to newest, mean first).
import { rngNextFloat, rngSeed } from "../rng";
import { SLIP_FIXED_BPS, SLIP_NONE, SLIP_RANDOM, SLIP_VOLATILITY } from "./codes";
import { atLeast } from "./growth";

let model: i32 = 0;
let fixed: f64 = 0;
let volMultiplier: f64 = 0;
let window: i32 = 0;
let ring: StaticArray<f64> = new StaticArray<f64>(1);
let head: StaticArray<i32> = new StaticArray<i32>(1);
let filled: StaticArray<i32> = new StaticArray<i32>(1);
let prevClose: StaticArray<f64> = new StaticArray<f64>(1);
/** RNG draws made so far (run metadata). */
export let draws: i32 = 0;

export function slippageReset(m: i32, bps: f64, multiplier: f64, w: i32, seed: u32, instruments: i32): void {
  model = m;
  fixed = bps / 10000;
  volMultiplier = multiplier;
  window = w;
  draws = 0;
  rngSeed(seed);
  const size = m == SLIP_VOLATILITY ? instruments * w : 0;
  ring = atLeast<f64>(ring, size);
  head = atLeast<i32>(head, instruments);
  filled = atLeast<i32>(filled, instruments);
  prevClose = atLeast<f64>(prevClose, instruments);
  for (let k = 0; k < instruments; k++) {
    unchecked((head[k] = 0));
    unchecked((filled[k] = 0));
    unchecked((prevClose[k] = NaN));
  }
}

/** The slippage fraction for one marketable fill of instrument k. */
export function slippageFraction(k: i32): f64 {
  const m = model;
  if (m == SLIP_NONE) return 0;
  if (m == SLIP_FIXED_BPS) return fixed;
  if (m == SLIP_RANDOM) {
    draws++;
    return fixed * rngNextFloat();
  }
  return volMultiplier * sigma(k);
}

function sigma(k: i32): f64 {
  const n = unchecked(filled[k]);
  if (n < 2) return 0;
  const w = window;
  const base = k * w;
  const start = n < w ? 0 : unchecked(head[k]);
  let sum: f64 = 0;
  for (let i = 0; i < n; i++) sum += unchecked(ring[base + ((start + i) % w)]);
  const mean = sum / <f64>n;
  let ss: f64 = 0;
  for (let i = 0; i < n; i++) {
    const d = unchecked(ring[base + ((start + i) % w)]) - mean;
    ss += d * d;
  }
  return Math.sqrt(ss / <f64>(n - 1));
}

/** Only volatility slippage reads the closes. */
export function observesCloses(): bool {
  return model == SLIP_VOLATILITY;
}

/** Records instrument k's close at the end of a bar where it has one. */
export function observeClose(k: i32, c: f64): void {
  if (model != SLIP_VOLATILITY) return;
  const prev = unchecked(prevClose[k]);
  unchecked((prevClose[k] = c));
  if (prev != prev) return;
  const w = window;
  const h = unchecked(head[k]);
  unchecked((ring[k * w + h] = c / prev - 1));
  unchecked((head[k] = (h + 1) % w));
  if (unchecked(filled[k]) < w) unchecked((filled[k] = unchecked(filled[k]) + 1));
}
