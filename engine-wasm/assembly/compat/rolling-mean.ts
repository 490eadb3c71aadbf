// Pandas-exact rolling mean: the port of src/core/compat/indicators.ts, resumable so that a series can be computed
// in pieces (a plain run streams its averages block by block instead of holding n values each; see indicators.ts).

/**
 * Rolling mean with pandas' roll_mean arithmetic: Kahan-compensated add/remove, a window of identical values
 * returning that value exactly, sign clamping; NaN until the window holds `window` non-NaN values.
 * The state carries from one `fill` to the next, so values computed in pieces are the bits of one pass.
 */
export class RollingMean {
  valuesPtr: usize = 0;
  n: i32 = 0;
  window: i32 = 1;
  /** Index of the next value `fill` computes. */
  next: i32 = 0;
  nobs: i32 = 0;
  sum: f64 = 0;
  negCount: i32 = 0;
  compAdd: f64 = 0;
  compRemove: f64 = 0;
  sameRun: i32 = 0;
  prev: f64 = NaN;

  /** Start over on the `n` values at `valuesPtr`. */
  start(valuesPtr: usize, n: i32, window: i32): void {
    this.valuesPtr = valuesPtr;
    this.n = n;
    this.window = window;
    this.next = 0;
    this.nobs = 0;
    this.sum = 0;
    this.negCount = 0;
    this.compAdd = 0;
    this.compRemove = 0;
    this.sameRun = 0;
    this.prev = n > 0 ? load<f64>(valuesPtr) : NaN;
  }

  /** Compute the next `count` values into `outPtr` (the state lives in locals for the loop, as one pass had it). */
  fill(outPtr: usize, count: i32): void {
    const valuesPtr = this.valuesPtr;
    const window = this.window;
    let nobs = this.nobs;
    let sum = this.sum;
    let negCount = this.negCount;
    let compAdd = this.compAdd;
    let compRemove = this.compRemove;
    let sameRun = this.sameRun;
    let prev = this.prev;
    const from = this.next;
    const to = from + count;
    for (let i = from; i < to; i++) {
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
      store<f64>(outPtr + (<usize>(i - from) << 3), result);
    }
    this.next = to;
    this.nobs = nobs;
    this.sum = sum;
    this.negCount = negCount;
    this.compAdd = compAdd;
    this.compRemove = compRemove;
    this.sameRun = sameRun;
    this.prev = prev;
  }
}

const whole = new RollingMean();

/** The whole series at once: reads `n` values from `valuesPtr`, writes `out[0..n)`. */
export function rollingMeanInto(out: StaticArray<f64>, valuesPtr: usize, n: i32, window: i32): void {
  whole.start(valuesPtr, n, window);
  whole.fill(changetype<usize>(out), n);
}
