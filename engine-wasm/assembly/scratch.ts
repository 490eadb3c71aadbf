// One reusable scratch region for host ↔ engine buffers. The stub runtime never frees, so the region only grows
// (to the largest request seen) and is reused by every later run.

let scratchPtr: usize = 0;
let scratchBytes: usize = 0;

export function scratch(bytes: usize): usize {
  if (bytes > scratchBytes) {
    scratchPtr = heap.alloc(bytes);
    scratchBytes = bytes;
  }
  return scratchPtr;
}
