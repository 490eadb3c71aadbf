// The recorded positions (units held, K×T instrument-major like the timeline). The reference writes every
// instrument's cell at every bar's end; a position only changes at a fill, so here each instrument's run of
// equal cells is written in one sequential stretch when it ends: before a fill changes the position, and at the
// last bar. The cells hold exactly the values the reference records (lots × lotSize, the same product).
import { atLeast } from "./growth";
import { K, T } from "./inputs";

export let positionSeries: StaticArray<f64> = new StaticArray<f64>(1);
/** First bar of instrument k not yet written. */
let written: StaticArray<i32> = new StaticArray<i32>(1);

export function positionsReset(): void {
  positionSeries = atLeast<f64>(positionSeries, K * T);
  written = atLeast<i32>(written, K);
  for (let k = 0; k < K; k++) unchecked((written[k] = 0));
}

/** Instrument k held `units` at the end of every bar before `bar` not yet written (its position changes at `bar`). */
export function positionsUntil(k: i32, bar: i32, units: f64): void {
  const from = unchecked(written[k]);
  if (from >= bar) return;
  const base = k * T;
  for (let t = from; t < bar; t++) unchecked((positionSeries[base + t] = units));
  unchecked((written[k] = bar));
}
