/**
 * Capacity growth of the engine's struct-of-arrays tables (orders, trades, fills). A table keeps one typed
 * array per field and a count; when the count reaches the capacity every column is copied into arrays twice
 * as long. Growth is the only allocation in the hot loop and happens O(log n) times per run, never per bar.
 * (AssemblyScript port: same doubling with `StaticArray<f64>`/`StaticArray<i32>`; the stub runtime never frees,
 * so the waste is bounded by 2× the final size.)
 */
export function growF64(a: Float64Array, capacity: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(capacity);
  b.set(a);
  return b;
}

export function growI32(a: Int32Array, capacity: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(capacity);
  b.set(a);
  return b;
}

/** Next capacity for a table that needs room for `needed` rows. */
export function nextCapacity(current: number, needed: number): number {
  let c = current < 16 ? 16 : current;
  while (c < needed) c *= 2;
  return c;
}
