// The run's input bars: five f64 columns of `barCount` values that the host wrote into scratch memory, laid out
// one after the other (open, high, low, close, volume). Read-only for the engine.

export let barCount: i32 = 0;
let openPtr: usize = 0;
let highPtr: usize = 0;
let lowPtr: usize = 0;
let closePtr: usize = 0;
let volumePtr: usize = 0;

export function setBars(dataPtr: usize, n: i32): void {
  const stride = <usize>n << 3;
  barCount = n;
  openPtr = dataPtr;
  highPtr = dataPtr + stride;
  lowPtr = dataPtr + 2 * stride;
  closePtr = dataPtr + 3 * stride;
  volumePtr = dataPtr + 4 * stride;
}

@inline export function openAt(i: i32): f64 {
  return load<f64>(openPtr + (<usize>i << 3));
}

@inline export function highAt(i: i32): f64 {
  return load<f64>(highPtr + (<usize>i << 3));
}

@inline export function lowAt(i: i32): f64 {
  return load<f64>(lowPtr + (<usize>i << 3));
}

@inline export function closeAt(i: i32): f64 {
  return load<f64>(closePtr + (<usize>i << 3));
}

@inline export function volumeAt(i: i32): f64 {
  return load<f64>(volumePtr + (<usize>i << 3));
}

/** Start of the close column, for indicators computed over the whole series during strategy initialisation. */
export function closeColumn(): usize {
  return closePtr;
}
