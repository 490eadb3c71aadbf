import type { LabTimeline } from '../lab/timeline';

/** Columns of a packed timeline after `time` (T values): each K×T values, instrument-major as in LabTimeline. */
const COLUMNS = ['open', 'high', 'low', 'close', 'volume'] as const;

/**
 * A universe's aligned timeline in one f64 buffer — time, then open, high, low, close, volume — so that it reaches
 * a sweep worker in one transfer, or as one SharedArrayBuffer every worker reads. `unpackTimeline` gives views of
 * it (no copy): the worker runs on exactly the numbers the page aligned.
 */
export function packTimeline(tl: LabTimeline, shared: boolean): Float64Array {
  const T = tl.time.length;
  const cells = tl.instruments.length * T;
  const bytes = (T + COLUMNS.length * cells) * 8;
  const packed = new Float64Array(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  packed.set(tl.time, 0);
  COLUMNS.forEach((c, i) => packed.set(tl[c], T + i * cells));
  return packed;
}

export function unpackTimeline(instruments: readonly string[], packed: Float64Array, T: number): LabTimeline {
  const cells = instruments.length * T;
  if (packed.length !== T + COLUMNS.length * cells) {
    throw new RangeError(
      `a packed timeline of ${instruments.length} instruments × ${T} bars holds ${T + COLUMNS.length * cells} values, got ${packed.length}`,
    );
  }
  const column = (i: number) => packed.subarray(T + i * cells, T + (i + 1) * cells);
  return {
    instruments: [...instruments],
    time: packed.subarray(0, T),
    open: column(0),
    high: column(1),
    low: column(2),
    close: column(3),
    volume: column(4),
  };
}
