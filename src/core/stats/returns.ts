import { binKey, type ResampleRule } from './calendar';
import { sum } from './summation';

/**
 * Simple returns between consecutive calendar bins: equity is resampled to the last value of each bin
 * (empty bins dropped), then `x[k] / x[k-1] - 1`, dropping NaN results (pandas
 * `resample(rule).last().dropna().pct_change().dropna()`).
 */
export function periodReturns(equity: Float64Array, time: Float64Array, rule: ResampleRule): Float64Array {
  const last: number[] = [];
  let key = NaN;
  for (let k = 0; k < equity.length; k++) {
    const e = equity[k];
    const b = binKey(time[k], rule);
    if (b !== key) {
      key = b;
      last.push(e);
    } else if (e === e || last[last.length - 1] !== last[last.length - 1]) {
      last[last.length - 1] = e; // `.last()` keeps the last non-NaN value of the bin
    }
  }
  const values = last.filter((v) => v === v);
  const out: number[] = [];
  for (let k = 1; k < values.length; k++) {
    const r = values[k] / values[k - 1] - 1;
    if (r === r) out.push(r);
  }
  return Float64Array.from(out);
}

/**
 * Geometric mean of simple returns (backtesting.py's `geometric_mean`): NaN counts as 0; any return at or
 * below -100 % makes it 0; NaN for no returns.
 */
export function geometricMean(returns: ArrayLike<number>): number {
  const n = returns.length;
  const logs = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const r = returns[k];
    const g = (r === r ? r : 0) + 1;
    if (g <= 0) return 0;
    logs[k] = Math.log(g);
  }
  return Math.exp(sum(logs) / (n || NaN)) - 1;
}
