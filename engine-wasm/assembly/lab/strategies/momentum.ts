// momentum (lookback, threshold, weight): the twin of src/core/lab/strategies/momentum.ts (rules in
// docs/engine.md). Per instrument, over its own bars: r = close / close `lookback` bars earlier − 1; above
// +threshold go long (closing a short first), below −threshold go short (closing a long first), else hold.
import { T, K, close, open, params } from "../inputs";
import { atLeast } from "../growth";
import { closePosition, position, submitWeight } from "./orders";

let lookback: i32 = 0;
let threshold: f64 = 0;
let weight: f64 = 0;
let history: StaticArray<f64> = new StaticArray<f64>(1);
let seen: StaticArray<i32> = new StaticArray<i32>(1);

export function momentumInit(nParams: i32): bool {
  if (nParams != 3) return false;
  const l = unchecked(params[0]);
  const th = unchecked(params[1]);
  const w = unchecked(params[2]);
  if (!(l >= 1 && l <= 1e6 && Math.floor(l) == l && th >= 0 && th < Infinity && w > 0 && w < Infinity)) return false;
  lookback = <i32>l;
  threshold = th;
  weight = w;
  history = atLeast<f64>(history, K * lookback);
  seen = atLeast<i32>(seen, K);
  for (let k = 0; k < K; k++) unchecked((seen[k] = 0));
  return true;
}

export function momentumOnBar(t: i32): void {
  const L = lookback;
  for (let k = 0; k < K; k++) {
    const o = unchecked(open[k * T + t]);
    if (o != o) continue;
    const c = unchecked(close[k * T + t]);
    const n = unchecked(seen[k]);
    const slot = k * L + n % L;
    const r = n >= L ? c / unchecked(history[slot]) - 1 : NaN;
    unchecked((history[slot] = c));
    unchecked((seen[k] = n + 1));
    if (r != r) continue;
    const held = position(k);
    if (r > threshold && held <= 0) {
      if (held < 0) closePosition(k, t);
      submitWeight(k, 1, weight, t);
    } else if (r < -threshold && held >= 0) {
      if (held > 0) closePosition(k, t);
      submitWeight(k, -1, weight, t);
    }
  }
}
