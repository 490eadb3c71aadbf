/**
 * The equal-weight buy-and-hold benchmark of a universe: the starting cash split into K equal slices; slice k buys
 * instrument k at the close of its first bar (fractional units, no costs) and holds it to the end; until that bar
 * the slice stays cash. NAV[t] = Σ_k slice × mark[k, t] / firstClose[k], marks = last known closes (marks.ts).
 * This is vectorbt's `Portfolio.from_holding` on an equally split cash, or zipline's buy-and-hold of each name.
 */
import { lastKnownCloses } from './marks';

export function equalWeightBuyAndHold(close: Float64Array, instruments: number, bars: number, cash: number): Float64Array {
  if (!(cash > 0)) throw new RangeError(`cash must be > 0, got ${cash}`);
  if (instruments < 1) throw new RangeError('the universe needs at least one instrument');
  const mark = lastKnownCloses(close, instruments, bars);
  const slice = cash / instruments;
  const nav = new Float64Array(bars);
  for (let k = 0; k < instruments; k++) {
    let first = NaN;
    for (let t = 0; t < bars; t++) {
      const m = mark[k * bars + t];
      if (Number.isNaN(first) && !Number.isNaN(m)) first = m;
      nav[t] += Number.isNaN(first) ? slice : (slice * m) / first;
    }
  }
  return nav;
}
