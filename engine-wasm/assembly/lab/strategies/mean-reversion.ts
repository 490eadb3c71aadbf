// mean-reversion (window, entryZ, exitZ, weight): the twin of src/core/lab/strategies/mean-reversion.ts (rules
// in docs/engine.md). Per instrument, over its own bars: z = (close − mean) / sample std of the last `window`
// closes (summed oldest to newest, mean first); when flat, buy below −entryZ and sell short above +entryZ; close
// a long once z > −exitZ and a short once z < +exitZ.
import { T, K, close, open, params } from "../inputs";
import { atLeast } from "../growth";
import { closePosition, position, submitWeight } from "./orders";

let window: i32 = 0;
let entryZ: f64 = 0;
let exitZ: f64 = 0;
let weight: f64 = 0;
let history: StaticArray<f64> = new StaticArray<f64>(1);
let seen: StaticArray<i32> = new StaticArray<i32>(1);

export function meanReversionInit(nParams: i32): bool {
  if (nParams != 4) return false;
  const w = unchecked(params[0]);
  const entry = unchecked(params[1]);
  const exit = unchecked(params[2]);
  const size = unchecked(params[3]);
  if (!(w >= 2 && w <= 1e6 && Math.floor(w) == w && entry > 0 && entry < Infinity && exit >= 0 && exit < entry && size > 0 && size < Infinity)) return false;
  window = <i32>w;
  entryZ = entry;
  exitZ = exit;
  weight = size;
  history = atLeast<f64>(history, K * window);
  seen = atLeast<i32>(seen, K);
  for (let k = 0; k < K; k++) unchecked((seen[k] = 0));
  return true;
}

export function meanReversionOnBar(t: i32): void {
  const W = window;
  for (let k = 0; k < K; k++) {
    const o = unchecked(open[k * T + t]);
    if (o != o) continue;
    const c = unchecked(close[k * T + t]);
    const base = k * W;
    const n = unchecked(seen[k]) + 1;
    unchecked((history[base + (n - 1) % W] = c));
    unchecked((seen[k] = n));
    if (n < W) continue;
    // The oldest of the last W closes sits at n % W.
    let sum: f64 = 0;
    for (let j = 0; j < W; j++) sum += unchecked(history[base + (n + j) % W]);
    const mean = sum / <f64>W;
    let ss: f64 = 0;
    for (let j = 0; j < W; j++) {
      const d = unchecked(history[base + (n + j) % W]) - mean;
      ss += d * d;
    }
    const sd = Math.sqrt(ss / <f64>(W - 1));
    if (!(sd > 0)) continue;
    const z = (c - mean) / sd;
    const held = position(k);
    if (held == 0) {
      if (z < -entryZ) submitWeight(k, 1, weight, t);
      else if (z > entryZ) submitWeight(k, -1, weight, t);
    } else if ((held > 0 && z > -exitZ) || (held < 0 && z < exitZ)) {
      closePosition(k, t);
    }
  }
}
