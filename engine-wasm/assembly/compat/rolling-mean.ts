// Pandas-exact rolling mean: the port of src/core/compat/indicators.ts.

/**
 * Rolling mean with pandas' roll_mean arithmetic: Kahan-compensated add/remove, a window of identical values
 * returning that value exactly, sign clamping; NaN until the window holds `window` non-NaN values.
 * Reads `n` values from `valuesPtr`, writes `out[0..n)`.
 */
export function rollingMeanInto(out: StaticArray<f64>, valuesPtr: usize, n: i32, window: i32): void {
  let nobs: i32 = 0;
  let sum: f64 = 0;
  let negCount: i32 = 0;
  let compAdd: f64 = 0;
  let compRemove: f64 = 0;
  let sameRun: i32 = 0;
  let prev: f64 = n > 0 ? load<f64>(valuesPtr) : NaN;
  for (let i = 0; i < n; i++) {
    if (i >= window) {
      const v = load<f64>(valuesPtr + (<usize>(i - window) << 3));
      if (v == v) {
        nobs--;
        const y = -v - compRemove;
        const t = sum + y;
        compRemove = t - sum - y;
        sum = t;
        if (v < 0) negCount--;
      }
    }
    const v = load<f64>(valuesPtr + (<usize>i << 3));
    if (v == v) {
      nobs++;
      const y = v - compAdd;
      const t = sum + y;
      compAdd = t - sum - y;
      sum = t;
      if (v < 0) negCount++;
      if (v == prev) sameRun++;
      else sameRun = 1;
      prev = v;
    }
    let result: f64 = NaN;
    if (nobs >= window && nobs > 0) {
      result = sum / <f64>nobs;
      if (sameRun >= nobs) result = prev;
      else if (negCount == 0 && result < 0) result = 0;
      else if (negCount == nobs && result > 0) result = 0;
    }
    unchecked((out[i] = result));
  }
}
