/** Rolling z-score: how many rolling (ddof = 1) standard deviations x[t] is from the mean of its own window. */
import { rollingMoments } from './rolling-moments';

export function rollingZScore(x: Float64Array, window: number): Float64Array {
  const { mean, std } = rollingMoments(x, window, 1);
  const out = new Float64Array(x.length);
  for (let t = 0; t < x.length; t++) out[t] = (x[t] - mean[t]) / std[t];
  return out;
}
