// scheduled-targets (drift, minTrade, J, bars…, weights…): the twin of src/core/lab/strategies/scheduled-targets.ts
// (rules there). Row j of the J × K weights applies at the close of bar bars[j] through the target-positions layer;
// between rows, with drift > 0, the current row is traded again when a realised weight, position × last close /
// NAV, is more than drift away from its target (NaN targets and instruments without a close are not checked).
import { K, params } from "../inputs";
import { navNow } from "../engine";
import { markOf } from "../ledger";
import { position } from "./orders";
import { targetWeights, targetsApply, targetsReset } from "./targets";

let drift: f64 = 0;
let rows: i32 = 0;
/** Offsets of the bars and the weights in the params block. */
let barsAt: i32 = 3;
let weightsAt: i32 = 3;
let next: i32 = 0;
let row: i32 = -1;

export function scheduledTargetsInit(nParams: i32): bool {
  if (nParams < 3) return false;
  const d = unchecked(params[0]);
  const minTrade = unchecked(params[1]);
  const j = unchecked(params[2]);
  if (!(d >= 0 && d < Infinity && minTrade >= 0 && minTrade < 1 && j >= 0 && j <= 1e6 && Math.floor(j) == j)) return false;
  const J = <i32>j;
  if (nParams != 3 + J + J * K) return false;
  for (let i = 0; i < J; i++) {
    const b = unchecked(params[3 + i]);
    if (!(b >= 0 && Math.floor(b) == b && (i == 0 || b > unchecked(params[2 + i])))) return false;
  }
  drift = d;
  rows = J;
  barsAt = 3;
  weightsAt = 3 + J;
  next = 0;
  row = -1;
  targetsReset(K, minTrade, 0);
  return true;
}

export function scheduledTargetsOnBar(t: i32): void {
  if (next < rows && unchecked(params[barsAt + next]) == <f64>t) {
    row = next++;
    const from = weightsAt + row * K;
    for (let k = 0; k < K; k++) unchecked((targetWeights[k] = unchecked(params[from + k])));
    targetsApply(t);
    return;
  }
  if (row < 0 || !(drift > 0)) return;
  const nav = navNow;
  if (!(nav > 0)) return;
  for (let k = 0; k < K; k++) {
    const target = unchecked(targetWeights[k]);
    if (target != target) continue;
    const price = markOf(k);
    if (price != price) continue;
    const realised = (position(k) * price) / nav;
    const gap = realised - target;
    if (gap > drift || -gap > drift) {
      targetsApply(t);
      return;
    }
  }
}
