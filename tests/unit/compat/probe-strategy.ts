import { rollingMean, type BarContext, type InitContext, type Strategy } from '../../../src/core/compat';

/**
 * A deterministic strategy that cycles through every order type every 11 bars, to exercise the broker:
 * limit entries with brackets, short stop entries, stop-limit entries sized as a fraction, partial closes,
 * unit-sized market orders, cancellations and short limit entries. A 5-bar SMA gives it a warm-up.
 */
export class Probe implements Strategy {
  initialize(ctx: InitContext): void {
    ctx.indicator(rollingMean(ctx.bars.close, 5), 'SMA(5)');
  }

  next(ctx: BarContext): void {
    const c = ctx.data.close();
    const h = ctx.data.high();
    const l = ctx.data.low();
    switch (ctx.index % 11) {
      case 0:
        ctx.buy({ limit: c * 0.99, sl: c * 0.95, tp: c * 1.05 });
        break;
      case 2:
        ctx.sell({ stop: l * 0.995, sl: c * 1.05, tp: c * 0.8 });
        break;
      case 4:
        ctx.buy({ stop: h * 1.002, limit: h * 1.01, size: 0.3 });
        break;
      case 5:
        if (ctx.positionSize() !== 0) ctx.close(0.5);
        break;
      case 7:
        ctx.sell({ size: 3, tp: c * 0.97 });
        break;
      case 8:
        for (const o of ctx.pendingOrders()) if (!o.isContingent) ctx.cancel(o);
        break;
      case 9:
        ctx.buy({ size: 0.5, sl: c * 0.98 });
        break;
      case 10:
        ctx.sell({ limit: h * 1.001, tp: c * 0.96 });
        break;
    }
  }
}
