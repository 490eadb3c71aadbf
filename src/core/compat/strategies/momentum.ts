import type { BarContext, IndicatorHandle, InitContext, Strategy } from '../strategy';

/** Parameters of `momentum`: rate of change of close over `lookback` bars against a ±`threshold` band. */
export interface MomentumParams {
  lookback: number;
  threshold: number;
}

/** Rate of change close[i] / close[i − lookback] − 1; NaN for the first `lookback` bars. */
export function rateOfChange(close: Float64Array, lookback: number): Float64Array {
  const out = new Float64Array(close.length).fill(NaN);
  for (let i = lookback; i < close.length; i++) out[i] = close[i] / close[i - lookback] - 1;
  return out;
}

/**
 * Time-series momentum: long with all available margin while the `lookback`-bar rate of change is above
 * `threshold`, short while it is below −`threshold`, and otherwise keep what is held. A flip closes the open
 * position first. Orders fill on the next bar (by the profile's fill rule).
 */
export class Momentum implements Strategy {
  private roc: IndicatorHandle = -1;

  constructor(readonly params: MomentumParams) {
    if (!Number.isInteger(params.lookback) || params.lookback < 1) throw new RangeError(`lookback must be an integer >= 1, got ${params.lookback}`);
    if (!(params.threshold >= 0) || !Number.isFinite(params.threshold))
      throw new RangeError(`threshold must be a number >= 0, got ${params.threshold}`);
  }

  initialize(ctx: InitContext): void {
    this.roc = ctx.indicator(rateOfChange(ctx.bars.close, this.params.lookback), `ROC(${this.params.lookback})`);
  }

  next(ctx: BarContext): void {
    const r = ctx.indicator(this.roc, 0);
    const held = ctx.positionSize();
    if (r > this.params.threshold && held <= 0) {
      if (held < 0) ctx.close();
      ctx.buy();
    } else if (r < -this.params.threshold && held >= 0) {
      if (held > 0) ctx.close();
      ctx.sell();
    }
  }
}
