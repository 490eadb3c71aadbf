/**
 * Weights stacked for drawing: longs piled up above zero and shorts down below it, one band per instrument. A
 * universe can hold 1,000 instruments; a chart cannot show 1,000 bands, so the `max` with the largest average |weight|
 * get a band each and the rest are summed into one "other" band (long and short parts apart).
 */
import type { WeightsSeries } from './result-types';

export interface StackedWeights {
  /** Band names, innermost (nearest zero) first; "other" last when there is one. */
  readonly labels: readonly string[];
  /** `long[k][t]`: the sum of bands 0..k's long weights at bar t (≥ 0). */
  readonly long: readonly Float64Array[];
  /** `short[k][t]`: the sum of bands 0..k's short weights at bar t (≤ 0). */
  readonly short: readonly Float64Array[];
  /** `own[k][t]`: band k's own net weight at bar t (for the legend). */
  readonly own: readonly Float64Array[];
}

const finite = (v: number) => (Number.isFinite(v) ? v : 0);

export function stackWeights(series: WeightsSeries, max = 12): StackedWeights {
  const n = series.time.length;
  const k = series.instruments.length;
  const size = series.weights.map((w) => {
    let s = 0;
    for (let t = 0; t < n; t++) s += Math.abs(finite(w[t]));
    return s;
  });
  // Largest first; equal sizes keep the input order.
  const order = Array.from({ length: k }, (_, i) => i).sort((a, b) => size[b] - size[a] || a - b);
  const shown = order.slice(0, k > max ? max - 1 : max);
  const rest = order.slice(shown.length);
  const groups = shown.map((i) => ({ label: series.instruments[i], members: [i] }));
  if (rest.length > 0) groups.push({ label: `other (${rest.length})`, members: rest });

  const long: Float64Array[] = [];
  const short: Float64Array[] = [];
  const own: Float64Array[] = [];
  const upTo = new Float64Array(n);
  const downTo = new Float64Array(n);
  for (const g of groups) {
    const up = new Float64Array(n);
    const down = new Float64Array(n);
    const net = new Float64Array(n);
    for (let t = 0; t < n; t++) {
      let plus = 0;
      let minus = 0;
      for (const i of g.members) {
        const w = finite(series.weights[i][t]);
        if (w > 0) plus += w;
        else minus += w;
      }
      upTo[t] += plus;
      downTo[t] += minus;
      up[t] = upTo[t];
      down[t] = downTo[t];
      net[t] = plus + minus;
    }
    long.push(up);
    short.push(down);
    own.push(net);
  }
  return { labels: groups.map((g) => g.label), long, short, own };
}
