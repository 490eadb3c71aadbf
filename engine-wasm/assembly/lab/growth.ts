// Capacity growth of the struct-of-arrays tables (growth.ts of the reference): a column is copied into one
// twice as long when full. The stub runtime never frees, so a table reused by later runs keeps its capacity and
// the waste is bounded by 2× the largest run.

/** Next capacity for a table that needs room for `needed` rows. */
export function nextCapacity(current: i32, needed: i32): i32 {
  let c = current < 16 ? 16 : current;
  while (c < needed) c <<= 1;
  return c;
}

/** A copy of `a` with `capacity` elements (the first a.length preserved, the rest zero). */
export function grow<T>(a: StaticArray<T>, capacity: i32): StaticArray<T> {
  const b = new StaticArray<T>(capacity);
  memory.copy(changetype<usize>(b), changetype<usize>(a), <usize>a.length * sizeof<T>());
  return b;
}

/** `a` if it holds at least `n` elements, else a fresh zeroed array of `n` (for inputs and per-run arrays). */
export function atLeast<T>(a: StaticArray<T>, n: i32): StaticArray<T> {
  return n <= a.length ? a : new StaticArray<T>(n < 1 ? 1 : n);
}
