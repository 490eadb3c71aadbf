// Target positions: the twin of src/core/lab/target-positions.ts (rules there and in docs/engine.md). A strategy
// writes targetWeights (signed fractions of NAV, NaN = leave alone) and calls targetsApply(t) at a rebalance:
// cancel this layer's orders still working, deltas = toward-zero whole lots of (w × NAV) / (mark × lotSize) − held,
// skip same-side resizes worth less than minTrade × NAV, then market orders by quantity, reducing ones first.
import { SOURCE_STRATEGY, TYPE_MARKET } from "../codes";
import { cancel, navNow, submitDecision } from "../engine";
import { atLeast } from "../growth";
import { lotSize } from "../inputs";
import { lots, markOf } from "../ledger";
import { OrderFields } from "../order-fields";
import { wholeLotsSigned } from "../sizing";

export let targetWeights: StaticArray<f64> = new StaticArray<f64>(1);
let deltas: StaticArray<f64> = new StaticArray<f64>(1);
let working: StaticArray<i32> = new StaticArray<i32>(1);
let workingCount: i32 = 0;
let minTrade: f64 = 0;
let instruments: i32 = 0;
const fields = new OrderFields();

/** Sets the layer up for K instruments; every weight starts at `initial`. */
export function targetsReset(K: i32, min: f64, initial: f64): void {
  instruments = K;
  minTrade = min;
  targetWeights = atLeast<f64>(targetWeights, K);
  deltas = atLeast<f64>(deltas, K);
  working = atLeast<i32>(working, K);
  workingCount = 0;
  for (let k = 0; k < K; k++) unchecked((targetWeights[k] = initial));
}

export function targetsApply(t: i32): void {
  const K = instruments;
  for (let i = 0; i < workingCount; i++) cancel(unchecked(working[i]), t);
  workingCount = 0;
  const nav = navNow;
  for (let k = 0; k < K; k++) {
    const w = unchecked(targetWeights[k]);
    const price = markOf(k);
    if (w != w || price != price) {
      unchecked((deltas[k] = 0));
      continue;
    }
    unchecked((deltas[k] = wholeLotsSigned((w * nav) / (price * unchecked(lotSize[k]))) - unchecked(lots[k])));
  }
  const floor = minTrade * nav;
  const f = fields;
  for (let pass = 0; pass < 2; pass++) {
    for (let k = 0; k < K; k++) {
      const d = unchecked(deltas[k]);
      if (d == 0) continue;
      const h = unchecked(lots[k]);
      const reduces = d * h < 0;
      if ((pass == 0) != reduces) continue;
      const size = d > 0 ? d : -d;
      const target = h + d;
      if (h * target > 0 && size * unchecked(lotSize[k]) * markOf(k) < floor) continue;
      f.blank();
      f.instrument = k;
      f.side = d > 0 ? 1 : -1;
      f.type = TYPE_MARKET;
      f.source = SOURCE_STRATEGY;
      f.quantity = size * unchecked(lotSize[k]);
      unchecked((working[workingCount++] = submitDecision(f, t)));
    }
  }
}
