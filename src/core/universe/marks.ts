/**
 * Last known close of every instrument at every timeline index (K×T, instrument-major, like LabTimeline): what
 * the lab engine marks a position to where an instrument has no bar. NaN before an instrument's first bar (it
 * cannot be held there).
 */
export function lastKnownCloses(close: Float64Array, instruments: number, bars: number): Float64Array {
  if (close.length !== instruments * bars) throw new RangeError(`close has ${close.length} values, expected ${instruments}×${bars}`);
  const out = new Float64Array(instruments * bars);
  for (let k = 0; k < instruments; k++) {
    let last = NaN;
    for (let t = 0; t < bars; t++) {
      const c = close[k * bars + t];
      if (!Number.isNaN(c)) last = c;
      out[k * bars + t] = last;
    }
  }
  return out;
}
