/**
 * Moving averages. `sma` is pandas' `rolling(n).mean()` to the bit (the backtesting.py profile's rolling mean, whose
 * crossovers depend on the last bit); `ema` is pandas' `ewm(span=n).mean()` — `adjust: true` by default as in
 * pandas; pass `adjust: false` for the recursive EMA most charting tools draw.
 */
import { rollingMean } from '../compat/indicators';
import { ewmMean, type EwmOptions } from './ewm';
import { assertWindow } from './window';

export function sma(x: Float64Array, window: number): Float64Array {
  assertWindow('window', window);
  return rollingMean(x, window);
}

export function ema(x: Float64Array, span: number, options: EwmOptions = {}): Float64Array {
  if (!(span >= 1)) throw new RangeError(`span must be >= 1, got ${span}`);
  return ewmMean(x, { span }, options);
}
