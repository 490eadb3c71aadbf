import type { BarContext, IndicatorHandle, InitContext, Strategy } from '../strategy';

/** Parameters of `mean-reversion`: z-score of close over `window` bars; enter beyond ±entryZ, exit inside ±exitZ. */
export interface MeanReversionParams {
  window: number;
  entryZ: number;
  exitZ: number;
}

/**
 * Rolling z-score (close − mean) / sample standard deviation over the last `window` closes, computed directly
 * per window in index order (two passes: mean, then squared deviations) so every engine gets the same bits.
 * NaN during warm-up and where the window is constant.
 */
export function rollingZScore(close: Float64Array, window: number): Float64Array {
  const out = new Float64Array(close.length).fill(NaN);
  for (let i = window - 1; i < close.length; i++) {
    let sum = 0;
    for (let k = i - window + 1; k <= i; k++) sum += close[k];
    const mean = sum / window;
    let ss = 0;
    for (let k = i - window + 1; k <= i; k++) {
      const d = close[k] - mean;
      ss += d * d;
    }
    const sd = Math.sqrt(ss / (window - 1));
    if (sd > 0) out[i] = (close[i] - mean) / sd;
  }
  return out;
}

/**
 * Mean reversion on the z-score: when flat, buy below −entryZ and sell short above +entryZ; close a long once
 * z rises above −exitZ and a short once it falls below +exitZ.
 */
export class MeanReversion implements Strategy {
  private z: IndicatorHandle = -1;

  constructor(readonly params: MeanReversionParams) {
    const { window, entryZ, exitZ } = params;
    if (!Number.isInteger(window) || window < 2) throw new RangeError(`window must be an integer >= 2, got ${window}`);
    if (!(entryZ > 0) || !Number.isFinite(entryZ)) throw new RangeError(`entry_z must be a number > 0, got ${entryZ}`);
    if (!(exitZ >= 0 && exitZ < entryZ)) throw new RangeError(`exit_z must be in [0, entry_z), got ${exitZ}`);
  }

  initialize(ctx: InitContext): void {
    this.z = ctx.indicator(rollingZScore(ctx.bars.close, this.params.window), `Z(${this.params.window})`);
  }

  next(ctx: BarContext): void {
    const z = ctx.indicator(this.z, 0);
    if (Number.isNaN(z)) return;
    const held = ctx.positionSize();
    const { entryZ, exitZ } = this.params;
    if (held === 0) {
      if (z < -entryZ) ctx.buy();
      else if (z > entryZ) ctx.sell();
    } else if ((held > 0 && z > -exitZ) || (held < 0 && z < exitZ)) {
      ctx.close();
    }
  }
}
