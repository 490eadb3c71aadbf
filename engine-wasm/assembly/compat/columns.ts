// Growable storage for the stub runtime, which never frees: buffers grow geometrically to the largest size seen
// and are then reused by every later run, so a sweep of thousands of runs allocates nothing after the first.

/** `a` if it can hold `cap` elements, else a larger copy (contents preserved). */
export function withCapacity<T>(a: StaticArray<T>, cap: i32): StaticArray<T> {
  const len = a.length;
  if (cap <= len) return a;
  let next = len < 16 ? 16 : len;
  while (next < cap) next <<= 1;
  const b = new StaticArray<T>(next);
  memory.copy(changetype<usize>(b), changetype<usize>(a), <usize>len * sizeof<T>());
  return b;
}

/** `a` if it holds at least `n` elements, else a fresh array of exactly `n` (contents discarded). */
export function withLength<T>(a: StaticArray<T>, n: i32): StaticArray<T> {
  return n <= a.length ? a : new StaticArray<T>(n);
}

/**
 * An ordered list of slot ids (orders or trades) with Python-list operations: append, insert at 0, remove.
 * The lists are short (a few orders or trades), so elements move in plain loops: V8 runs memory.copy as a call
 * that costs more than moving a handful of ids.
 */
export class IdList {
  items: StaticArray<i32> = new StaticArray<i32>(16);
  length: i32 = 0;

  @inline at(k: i32): i32 {
    return unchecked(this.items[k]);
  }

  clear(): void {
    this.length = 0;
  }

  push(id: i32): void {
    const len = this.length;
    if (len == this.items.length) this.items = withCapacity<i32>(this.items, len + 1);
    unchecked((this.items[len] = id));
    this.length = len + 1;
  }

  unshift(id: i32): void {
    const len = this.length;
    if (len == this.items.length) this.items = withCapacity<i32>(this.items, len + 1);
    const items = this.items;
    for (let k = len; k > 0; k--) unchecked((items[k] = items[k - 1]));
    unchecked((items[0] = id));
    this.length = len + 1;
  }

  indexOf(id: i32): i32 {
    const len = this.length;
    for (let k = 0; k < len; k++) if (unchecked(this.items[k]) == id) return k;
    return -1;
  }

  removeAt(k: i32): void {
    const items = this.items;
    const last = this.length - 1;
    for (let j = k; j < last; j++) unchecked((items[j] = items[j + 1]));
    this.length = last;
  }

  /** Make this list a copy of `other` (used for the snapshots the reference iterates over). */
  copyFrom(other: IdList): void {
    const len = other.length;
    if (len > this.items.length) this.items = withCapacity<i32>(this.items, len);
    const to = this.items;
    const from = other.items;
    for (let k = 0; k < len; k++) unchecked((to[k] = from[k]));
    this.length = len;
  }
}

/** A table of f64 columns stored column after column, each `capacity` long: the host reads it as struct-of-arrays. */
export class F64Table {
  data: StaticArray<f64> = new StaticArray<f64>(0);
  capacity: i32 = 0;
  rows: i32 = 0;

  constructor(public columns: i32) {}

  /** Make room for `rows` rows; the previous contents are discarded. */
  reset(rows: i32): void {
    if (rows > this.capacity) {
      let cap = this.capacity < 16 ? 16 : this.capacity;
      while (cap < rows) cap <<= 1;
      this.data = new StaticArray<f64>(cap * this.columns);
      this.capacity = cap;
    }
    this.rows = rows;
  }

  @inline set(column: i32, row: i32, value: f64): void {
    unchecked((this.data[column * this.capacity + row] = value));
  }

  columnPtr(column: i32): usize {
    return changetype<usize>(this.data) + (<usize>(column * this.capacity) << 3);
  }
}
