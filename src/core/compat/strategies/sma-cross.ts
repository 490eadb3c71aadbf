import type { BarContext, IndicatorHandle, InitContext, Strategy } from '../strategy';
import { rollingMean } from '../indicators';

/** Parameters of the reference strategy `sma-cross` (metrics.md). `sl` and `tp` are fractions of the close. */
export interface SmaCrossParams {
  fast: number;
  slow: number;
  sl?: number;
  tp?: number;
}

export function validateSmaCrossParams(p: SmaCrossParams): void {
  if (!Number.isInteger(p.fast) || p.fast < 1) throw new RangeError(`fast must be an integer >= 1, got ${p.fast}`);
  if (!Number.isInteger(p.slow) || p.slow < 1) throw new RangeError(`slow must be an integer >= 1, got ${p.slow}`);
  for (const key of ['sl', 'tp'] as const) {
    const v = p[key];
    if (v !== undefined && !(v >= 0 && v < 1)) throw new RangeError(`${key} must be a fraction in [0, 1), got ${v}`);
  }
}

/**
 * Moving-average crossover: when fast crosses above slow, close what is open and go long with all available
 * margin; when slow crosses above fast, close and go short. Optional stop-loss / take-profit at `sl` / `tp`
 * fractions of the signal bar's close. Trading starts once both averages are defined (indicator warm-up).
 */
export class SmaCross implements Strategy {
  readonly params: SmaCrossParams;
  private fastHandle: IndicatorHandle = -1;
  private slowHandle: IndicatorHandle = -1;

  constructor(params: SmaCrossParams) {
    validateSmaCrossParams(params);
    this.params = params;
  }

  initialize(ctx: InitContext): void {
    this.fastHandle = ctx.indicator(rollingMean(ctx.bars.close, this.params.fast), `SMA(${this.params.fast})`);
    this.slowHandle = ctx.indicator(rollingMean(ctx.bars.close, this.params.slow), `SMA(${this.params.slow})`);
  }

  next(ctx: BarContext): void {
    if (ctx.index < 1) return;
    const f0 = ctx.indicator(this.fastHandle, 1);
    const s0 = ctx.indicator(this.slowHandle, 1);
    const f1 = ctx.indicator(this.fastHandle, 0);
    const s1 = ctx.indicator(this.slowHandle, 0);
    const sl = this.params.sl ?? 0;
    const tp = this.params.tp ?? 0;
    const c = ctx.data.close(0);
    if (f0 < s0 && f1 > s1) {
      ctx.close();
      ctx.buy({ sl: sl ? c * (1 - sl) : undefined, tp: tp ? c * (1 + tp) : undefined });
    } else if (s0 < f0 && s1 > f1) {
      ctx.close();
      ctx.sell({ sl: sl ? c * (1 + sl) : undefined, tp: tp ? c * (1 - tp) : undefined });
    }
  }
}
