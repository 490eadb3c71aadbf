import type { BarContext, Bars, InitContext, Strategy } from '../../../src/core/compat';
import { MS_PER_DAY } from '../../../src/core/domain/time';

export type Ohlc = [open: number, high: number, low: number, close: number];

/** Daily bars from 2024-01-01 (a Monday), one per calendar day. */
export function barsOf(rows: Ohlc[]): Bars {
  const n = rows.length;
  const col = (j: number): Float64Array => Float64Array.from(rows.map((r) => r[j]));
  return {
    time: Float64Array.from(rows.map((_, k) => Date.UTC(2024, 0, 1) + k * MS_PER_DAY)),
    open: col(0),
    high: col(1),
    low: col(2),
    close: col(3),
    volume: new Float64Array(n),
  };
}

/** A strategy that runs the given actions on the given bars; no indicators, so `next` starts at bar 1. */
export class Scripted implements Strategy {
  private readonly actions: Record<number, (ctx: BarContext) => void>;

  constructor(actions: Record<number, (ctx: BarContext) => void>) {
    this.actions = actions;
  }

  initialize(_ctx: InitContext): void {}

  next(ctx: BarContext): void {
    this.actions[ctx.index]?.(ctx);
  }
}
