/**
 * Rolling mean with pandas' `Series.rolling(n).mean()` arithmetic (roll_mean): a Kahan-compensated running
 * sum updated by adding the entering value and removing the leaving one, a window of identical values
 * returning that value exactly, and sign clamping. The reference strategies in backtesting.py compute their
 * SMAs this way, and crossovers compare averages with strict inequalities, so the last bit can matter.
 * Undefined (NaN) until the window holds `n` non-NaN values.
 */
export function rollingMean(values: Float64Array, n: number): Float64Array {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`window must be an integer >= 1, got ${n}`);
  const len = values.length;
  const out = new Float64Array(len);
  let nobs = 0;
  let sum = 0;
  let negCount = 0;
  let compAdd = 0;
  let compRemove = 0;
  let sameRun = 0;
  let prev = len > 0 ? values[0] : NaN;
  for (let i = 0; i < len; i++) {
    // The window is [i + 1 - n, i]: remove the value that left, then add the one that entered.
    if (i >= n) {
      const v = values[i - n];
      if (v === v) {
        nobs--;
        const y = -v - compRemove;
        const t = sum + y;
        compRemove = t - sum - y;
        sum = t;
        if (v < 0) negCount--;
      }
    }
    const v = values[i];
    if (v === v) {
      nobs++;
      const y = v - compAdd;
      const t = sum + y;
      compAdd = t - sum - y;
      sum = t;
      if (v < 0) negCount++;
      if (v === prev) sameRun++;
      else sameRun = 1;
      prev = v;
    }
    let result = NaN;
    if (nobs >= n && nobs > 0) {
      result = sum / nobs;
      if (sameRun >= nobs) result = prev;
      else if (negCount === 0 && result < 0) result = 0;
      else if (negCount === nobs && result > 0) result = 0;
    }
    out[i] = result;
  }
  return out;
}
