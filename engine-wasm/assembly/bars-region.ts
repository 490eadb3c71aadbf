// A region of linear memory the host fills with bars once, so runs read them in place instead of from a copy in
// scratch. Like scratch it only grows (the stub runtime never frees) and is reused by every later request.
// Layout: time, open, high, low, close, volume — each `n` f64, one after the other; from `open` on it is the
// `dataPtr` layout runCompat reads.

let regionPtr: usize = 0;
let regionBytes: usize = 0;

export function barsRegion(n: i32): usize {
  const bytes = <usize>n * 6 * 8;
  if (bytes > regionBytes) {
    regionPtr = heap.alloc(bytes);
    regionBytes = bytes;
  }
  return regionPtr;
}
