/**
 * Relative Strength Index with Wilder's smoothing (J. W. Wilder, 1978; TA-Lib's RSI): the first average gain and
 * loss are plain means of the first `period` price changes, then avg = (avg·(period − 1) + change) / period.
 * Defined from bar `period` on (NaN before); 100 when there were no losses, 50 for a flat window.
 */
import { assertWindow } from './window';

export function rsi(close: Float64Array, period = 14): Float64Array {
  assertWindow('period', period);
  const n = close.length;
  const out = new Float64Array(n).fill(NaN);
  if (n <= period) return out;
  let gain = 0;
  let loss = 0;
  for (let t = 1; t <= period; t++) {
    const d = close[t] - close[t - 1];
    if (d > 0) gain += d;
    else loss -= d;
  }
  gain /= period;
  loss /= period;
  out[period] = rsiOf(gain, loss);
  for (let t = period + 1; t < n; t++) {
    const d = close[t] - close[t - 1];
    gain = (gain * (period - 1) + (d > 0 ? d : 0)) / period;
    loss = (loss * (period - 1) + (d < 0 ? -d : 0)) / period;
    out[t] = rsiOf(gain, loss);
  }
  return out;
}

function rsiOf(gain: number, loss: number): number {
  if (loss === 0) return gain === 0 ? 50 : 100;
  return 100 - 100 / (1 + gain / loss);
}
