/**
 * Typed arrays cross the engine worker's boundary transferred, not structured-cloned (a clone would copy them
 * again). A sender transfers copies when it keeps reading its own arrays afterwards; a result is transferred as it
 * is, since the side that made it never reads it again.
 */

/** The buffers of every typed array in `value`, through plain objects and arrays, each once. */
export function typedArrayBuffers(value: unknown, found: Set<ArrayBuffer> = new Set()): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) found.add(value.buffer as ArrayBuffer);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) typedArrayBuffers(v, found);
  return [...found];
}

/** A shallow copy of `value` whose typed-array fields are copies, and the buffers to transfer them by. */
export function columnCopies<T extends object>(value: T): { copy: T; buffers: ArrayBuffer[] } {
  const copy: Record<string, unknown> = {};
  const buffers: ArrayBuffer[] = [];
  for (const [key, v] of Object.entries(value)) {
    if (v instanceof Float64Array || v instanceof Int32Array) {
      const own = v.slice();
      buffers.push(own.buffer);
      copy[key] = own;
    } else {
      copy[key] = v;
    }
  }
  return { copy: copy as T, buffers };
}
