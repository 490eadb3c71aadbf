// Flat f64 buffers in linear memory, and the statistics' own workspace.

// @ts-ignore: decorator
@inline export function ld(ptr: usize, k: i32): f64 {
  return load<f64>(ptr + (<usize>k << 3));
}

// @ts-ignore: decorator
@inline export function st(ptr: usize, k: i32, v: f64): void {
  store<f64>(ptr + (<usize>k << 3), v);
}

let workspacePtr: usize = 0;
let workspaceBytes: usize = 0;

/**
 * A grow-only region for intermediate series, reused by every call: a sweep computes thousands of stat tables and
 * the stub runtime never frees. Growing first releases the old region, which the stub reclaims when it is the last
 * block (the usual case), so repeated growth does not leak.
 */
export function workspace(bytes: usize): usize {
  if (bytes > workspaceBytes) {
    if (workspacePtr != 0) heap.free(workspacePtr);
    workspacePtr = heap.alloc(bytes);
    workspaceBytes = bytes;
  }
  return workspacePtr;
}
