/**
 * Portfolio weights over time: weight[k, t] = units[k, t] × mark[k, t] / NAV[t], the signed share of NAV held in
 * instrument k at the end of bar t (marks are last known closes, marks.ts). Shorts weigh negative; the weights and
 * the cash share (cash / NAV) sum to 1. Where NAV ≤ 0 (a bankrupt book) a weight is meaningless: NaN. A flat
 * instrument weighs exactly 0, also before its first bar.
 */
import { lastKnownCloses } from './marks';

export interface WeightsInput {
  instruments: number;
  /** Units held, K×T instrument-major (LabResult.positions). */
  positions: Float64Array;
  /** Closes, K×T instrument-major, NaN where an instrument has no bar (LabTimeline.close). */
  close: Float64Array;
  /** NAV at each bar's end (LabResult.nav). */
  nav: Float64Array;
}

export function portfolioWeights(input: WeightsInput): Float64Array {
  const T = input.nav.length;
  const K = input.instruments;
  if (input.positions.length !== K * T) throw new RangeError(`positions has ${input.positions.length} values, expected ${K}×${T}`);
  const mark = lastKnownCloses(input.close, K, T);
  const out = new Float64Array(K * T);
  for (let k = 0; k < K; k++) {
    for (let t = 0; t < T; t++) {
      const i = k * T + t;
      const units = input.positions[i];
      const nav = input.nav[t];
      out[i] = !(nav > 0) ? NaN : units === 0 ? 0 : (units * mark[i]) / nav;
    }
  }
  return out;
}
