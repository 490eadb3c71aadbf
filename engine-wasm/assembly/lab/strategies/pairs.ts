// pairs (y, x, window, log, entryZ, exitZ, stopZ, weight): the twin of src/core/lab/strategies/pairs.ts (rules
// there and in docs/strategies.md). On bars where both legs trade, the pair of closes (or logs) joins a ring of
// `window` pairs; OLS y = α + β·x over it (centred two-pass sums, as features/co-moments.ts), the spread's z-score
// of the newest pair (ddof 1), the pairs state machine, and on a change ±weight of NAV per leg via target positions.
import { T, K, close, open, params } from "../inputs";
import { atLeast } from "../growth";
import { targetWeights, targetsApply, targetsReset } from "./targets";

// The host's Math.log (src/engine/engine-imports.ts): the reference takes logs with JavaScript's Math.log, whose
// last bit AssemblyScript's own logarithm need not share.
@external("env", "Math.log")
declare function hostLog(x: f64): f64;

let y: i32 = 0;
let x: i32 = 1;
let window: i32 = 0;
let useLog: bool = false;
let entryZ: f64 = 0;
let exitZ: f64 = 0;
let stopZ: f64 = 0;
let weight: f64 = 0;
let ys: StaticArray<f64> = new StaticArray<f64>(1);
let xs: StaticArray<f64> = new StaticArray<f64>(1);
let spread: StaticArray<f64> = new StaticArray<f64>(1);
let n: i32 = 0;
let side: i32 = 0;
let armed: bool = true;

export function pairsInit(nParams: i32): bool {
  if (nParams != 8) return false;
  const py = unchecked(params[0]);
  const px = unchecked(params[1]);
  const w = unchecked(params[2]);
  const lg = unchecked(params[3]);
  const entry = unchecked(params[4]);
  const exit = unchecked(params[5]);
  const stop = unchecked(params[6]);
  const size = unchecked(params[7]);
  if (!(py >= 0 && py < <f64>K && Math.floor(py) == py && px >= 0 && px < <f64>K && Math.floor(px) == px && py != px)) return false;
  if (!(w >= 3 && w <= 1e6 && Math.floor(w) == w && (lg == 0 || lg == 1))) return false;
  if (!(entry > 0 && entry < Infinity && exit >= 0 && exit < entry && (stop == 0 || (stop > entry && stop < Infinity)))) return false;
  if (!(size > 0 && size < Infinity)) return false;
  y = <i32>py;
  x = <i32>px;
  window = <i32>w;
  useLog = lg == 1;
  entryZ = entry;
  exitZ = exit;
  stopZ = stop;
  weight = size;
  ys = atLeast<f64>(ys, window);
  xs = atLeast<f64>(xs, window);
  spread = atLeast<f64>(spread, window);
  n = 0;
  side = 0;
  armed = true;
  targetsReset(K, 0, NaN);
  return true;
}

/** z-score of the newest spread over the ring (pairsAt of features/pairs.ts over the last `window` pairs). */
function zLast(): f64 {
  const W = window;
  const first = n - W;
  let sy: f64 = 0;
  let sx: f64 = 0;
  for (let j = 0; j < W; j++) {
    const i = (first + j) % W;
    sy += unchecked(ys[i]);
    sx += unchecked(xs[i]);
  }
  const my = sy / <f64>W;
  const mx = sx / <f64>W;
  let sxx: f64 = 0;
  let sxy: f64 = 0;
  for (let j = 0; j < W; j++) {
    const i = (first + j) % W;
    const dx = unchecked(xs[i]) - mx;
    const dy = unchecked(ys[i]) - my;
    sxx += dx * dx;
    sxy += dx * dy;
  }
  const beta = sxy / sxx;
  const alpha = my - beta * mx;
  let sum: f64 = 0;
  for (let j = 0; j < W; j++) {
    const i = (first + j) % W;
    const s = unchecked(ys[i]) - beta * unchecked(xs[i]) - alpha;
    unchecked((spread[j] = s));
    sum += s;
  }
  const mean = sum / <f64>W;
  let ss: f64 = 0;
  for (let j = 0; j < W; j++) {
    const d = unchecked(spread[j]) - mean;
    ss += d * d;
  }
  const sd = Math.sqrt(ss / <f64>(W - 1));
  return (unchecked(spread[W - 1]) - mean) / sd;
}

/** pairsStep of the reference. */
function step(z: f64): void {
  const stop = stopZ > 0;
  if (side == 0) {
    if (!armed && z < entryZ && z > -entryZ) armed = true;
    if (!armed) return;
    if (z > entryZ && (!stop || z < stopZ)) side = -1;
    else if (z < -entryZ && (!stop || z > -stopZ)) side = 1;
  } else if (side > 0) {
    if (stop && z < -stopZ) {
      side = 0;
      armed = false;
    } else if (z > entryZ) side = !stop || z < stopZ ? -1 : 0;
    else if (z >= -exitZ) side = 0;
  } else {
    if (stop && z > stopZ) {
      side = 0;
      armed = false;
    } else if (z < -entryZ) side = !stop || z > -stopZ ? 1 : 0;
    else if (z <= exitZ) side = 0;
  }
}

export function pairsOnBar(t: i32): void {
  const oy = unchecked(open[y * T + t]);
  const ox = unchecked(open[x * T + t]);
  if (oy != oy || ox != ox) return;
  const cy = unchecked(close[y * T + t]);
  const cx = unchecked(close[x * T + t]);
  const slot = n % window;
  unchecked((ys[slot] = useLog ? hostLog(cy) : cy));
  unchecked((xs[slot] = useLog ? hostLog(cx) : cx));
  n++;
  if (n < window) return;
  const z = zLast();
  if (!(z - z == 0)) return;
  const before = side;
  step(z);
  if (side == before) return;
  const s = <f64>side;
  unchecked((targetWeights[y] = s * weight));
  unchecked((targetWeights[x] = -s * weight));
  targetsApply(t);
}
