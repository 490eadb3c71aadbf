import { FULL_EQUITY } from '../context';
import type { BarContext, IndicatorHandle, InitContext, Strategy } from '../strategy';

export interface SignalSeriesOptions {
  /**
   * The run's `exclusiveOrders`: every new order then closes what is open first, so growing a position re-enters
   * at the new fraction instead of adding to it.
   */
  exclusiveOrders?: boolean;
}

/** An order size for a fraction of available margin: backtesting.py reads 1 as one unit, so "all" is 1 − ε. */
function fractionSize(f: number): number {
  return f >= 1 ? FULL_EQUITY : f;
}

/**
 * Trades toward a precomputed target position per bar (e.g. a SQL signal): position[i] in [-1, 1], the sign is
 * the side and the magnitude the fraction of available margin; 0 is flat. At bar i, when the target differs from
 * the one last acted on:
 *
 *   0                         close everything
 *   from flat, or a new side  close what is open, then buy/sell |target| of available margin
 *   same side, smaller        close the part 1 − |target| / |held| of every open trade
 *   same side, larger         buy/sell (|target| − |held|) / (1 − |held|) of available margin (what is left after the
 *                             held fraction), or with exclusive orders re-enter at |target|
 *
 * Orders are market orders, so they fill by the profile's rule (the next bar's open; the bar's close with
 * trade-on-close) and pay the run's commission and spread. The series is declared as an indicator: position[i] is
 * read at bar i only, never later values. What the series itself looked at is its author's business (see
 * src/core/experiments/sql-signal.ts on look-ahead).
 */
export class SignalSeries implements Strategy {
  private handle: IndicatorHandle = -1;
  /** The target last acted on (0 before any). */
  private held = 0;

  constructor(
    readonly positions: Float64Array,
    readonly options: SignalSeriesOptions = {},
  ) {
    for (let i = 0; i < positions.length; i++) {
      const p = positions[i];
      if (!(p >= -1 && p <= 1)) throw new RangeError(`position at bar ${i} must be a finite number in [-1, 1], got ${p}`);
    }
  }

  initialize(ctx: InitContext): void {
    if (this.positions.length !== ctx.length) throw new RangeError(`the signal has ${this.positions.length} positions for ${ctx.length} bars`);
    this.handle = ctx.indicator(this.positions, 'position');
  }

  next(ctx: BarContext): void {
    const target = ctx.indicator(this.handle, 0);
    const held = this.held;
    if (target === held) return;
    this.held = target;
    if (target === 0) {
      ctx.close();
      return;
    }
    const size = Math.abs(target);
    if (held === 0 || Math.sign(target) !== Math.sign(held)) {
      if (held !== 0) ctx.close();
      this.enter(ctx, target, size);
      return;
    }
    const was = Math.abs(held);
    if (size < was) {
      ctx.close(1 - size / was);
    } else if (this.options.exclusiveOrders) {
      this.enter(ctx, target, size);
    } else {
      this.enter(ctx, target, (size - was) / (1 - was));
    }
  }

  private enter(ctx: BarContext, side: number, fraction: number): void {
    const size = fractionSize(fraction);
    if (side > 0) ctx.buy({ size });
    else ctx.sell({ size });
  }
}
