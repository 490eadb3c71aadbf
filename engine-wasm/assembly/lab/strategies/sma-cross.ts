// sma-cross (fast, slow, weight): the twin of src/core/lab/strategies/sma-cross.ts (rules in docs/engine.md).
// Per instrument, over its own bars: running sums of the last `fast` and `slow` closes (add the new close, then
// subtract the one leaving); when fast crosses above slow, close a short and buy `weight` of NAV; when it crosses
// below, close a long and sell `weight` of NAV short.
import { T, K, close, open, params } from "../inputs";
import { atLeast } from "../growth";
import { closePosition, position, submitWeight } from "./orders";

let fast: i32 = 0;
let slow: i32 = 0;
let weight: f64 = 0;
let history: StaticArray<f64> = new StaticArray<f64>(1);
let seen: StaticArray<i32> = new StaticArray<i32>(1);
/** seen % slow, kept incrementally (the slot of the newest close; no integer division per bar). */
let slot: StaticArray<i32> = new StaticArray<i32>(1);
let fastSum: StaticArray<f64> = new StaticArray<f64>(1);
let slowSum: StaticArray<f64> = new StaticArray<f64>(1);
let prevFast: StaticArray<f64> = new StaticArray<f64>(1);
let prevSlow: StaticArray<f64> = new StaticArray<f64>(1);

export function smaCrossInit(nParams: i32): bool {
  if (nParams != 3) return false;
  const f = unchecked(params[0]);
  const s = unchecked(params[1]);
  const w = unchecked(params[2]);
  if (!(f >= 1 && f < s && s <= 1e6 && Math.floor(f) == f && Math.floor(s) == s && w > 0 && w < Infinity)) return false;
  fast = <i32>f;
  slow = <i32>s;
  weight = w;
  history = atLeast<f64>(history, K * slow);
  seen = atLeast<i32>(seen, K);
  slot = atLeast<i32>(slot, K);
  fastSum = atLeast<f64>(fastSum, K);
  slowSum = atLeast<f64>(slowSum, K);
  prevFast = atLeast<f64>(prevFast, K);
  prevSlow = atLeast<f64>(prevSlow, K);
  for (let k = 0; k < K; k++) {
    unchecked((seen[k] = 0));
    unchecked((slot[k] = 0));
    unchecked((fastSum[k] = 0));
    unchecked((slowSum[k] = 0));
    unchecked((prevFast[k] = NaN));
    unchecked((prevSlow[k] = NaN));
  }
  return true;
}

export function smaCrossOnBar(t: i32): void {
  for (let k = 0; k < K; k++) {
    const o = unchecked(open[k * T + t]);
    if (o != o) continue;
    const c = unchecked(close[k * T + t]);
    const n = unchecked(seen[k]);
    const base = k * slow;
    // i = n % slow, and j = (n − fast) % slow for n ≥ fast, as the twin computes them.
    const i = unchecked(slot[k]);
    const j = i >= fast ? i - fast : i - fast + slow;
    let fs = unchecked(fastSum[k]) + c;
    if (n >= fast) fs = fs - unchecked(history[base + j]);
    let ss = unchecked(slowSum[k]) + c;
    if (n >= slow) ss = ss - unchecked(history[base + i]);
    unchecked((history[base + i] = c));
    unchecked((fastSum[k] = fs));
    unchecked((slowSum[k] = ss));
    unchecked((seen[k] = n + 1));
    unchecked((slot[k] = i + 1 == slow ? 0 : i + 1));
    if (n + 1 < slow) continue;
    const f = fs / <f64>fast;
    const s = ss / <f64>slow;
    const pf = unchecked(prevFast[k]);
    const ps = unchecked(prevSlow[k]);
    unchecked((prevFast[k] = f));
    unchecked((prevSlow[k] = s));
    if (pf != pf) continue;
    if (pf < ps && f > s) {
      const held = position(k);
      if (held < 0) closePosition(k, t);
      if (held <= 0) submitWeight(k, 1, weight, t);
    } else if (ps < pf && s > f) {
      const held = position(k);
      if (held > 0) closePosition(k, t);
      if (held >= 0) submitWeight(k, -1, weight, t);
    }
  }
}
