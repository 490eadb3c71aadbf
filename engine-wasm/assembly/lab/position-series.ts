// The recorded positions (units held at each bar's end, K×T instrument-major like the timeline). The reference
// writes every instrument's cell at every bar's end; a position only changes at a fill, so here each
// instrument's stretch of equal cells is logged once when it ends (before a fill changes the position, and at
// the last bar) as a run: instrument, bars [from, to), units. Runs of +0 units are left out. The host lays the
// runs out over a zeroed K×T array (engine/lab.ts): the cells the reference records (lots × lotSize, the same
// product), without a K×T table in the module or a K×T copy out of it.
import { atLeast, grow, nextCapacity } from "./growth";
import { K } from "./inputs";

export class PositionRuns {
  count: i32 = 0;
  capacity: i32 = 0;
  instrument: StaticArray<i32> = new StaticArray<i32>(0);
  from: StaticArray<i32> = new StaticArray<i32>(0);
  to: StaticArray<i32> = new StaticArray<i32>(0);
  units: StaticArray<f64> = new StaticArray<f64>(0);

  add(k: i32, from: i32, to: i32, units: f64): void {
    const i = this.count;
    if (i + 1 > this.capacity) {
      const c = nextCapacity(this.capacity, i + 1);
      this.instrument = grow<i32>(this.instrument, c);
      this.from = grow<i32>(this.from, c);
      this.to = grow<i32>(this.to, c);
      this.units = grow<f64>(this.units, c);
      this.capacity = c;
    }
    unchecked((this.instrument[i] = k));
    unchecked((this.from[i] = from));
    unchecked((this.to[i] = to));
    unchecked((this.units[i] = units));
    this.count = i + 1;
  }
}

export const positionRuns = new PositionRuns();
/** First bar of instrument k not yet logged. */
let written: StaticArray<i32> = new StaticArray<i32>(1);

export function positionsReset(): void {
  positionRuns.count = 0;
  written = atLeast<i32>(written, K);
  for (let k = 0; k < K; k++) unchecked((written[k] = 0));
}

/** Instrument k held `units` at the end of every bar before `bar` not yet logged (its position changes at `bar`). */
export function positionsUntil(k: i32, bar: i32, units: f64): void {
  const from = unchecked(written[k]);
  if (from >= bar) return;
  if (reinterpret<u64>(units) != 0) positionRuns.add(k, from, bar, units);
  unchecked((written[k] = bar));
}
