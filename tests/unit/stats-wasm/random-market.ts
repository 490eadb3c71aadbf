import fc from 'fast-check';
import { SmaCross, type BacktestOptionsInput, type Bars, type Strategy } from '../../../src/core/compat';
import { Probe } from '../compat/probe-strategy';
import { MS_PER_HOUR } from '../../../src/core/domain/time';

const DAY = 24 * MS_PER_HOUR;

/** How bars are spaced: each picks a different annualisation / duration resolution of the statistics. */
export type Spacing = 'weekdays' | 'every-day' | 'hourly' | 'quarter-hour' | 'weekly' | 'monthly' | 'yearly';
const SPACINGS: readonly Spacing[] = ['weekdays', 'every-day', 'hourly', 'quarter-hour', 'weekly', 'monthly', 'yearly'];

/** `n` ascending timestamps from `startDay` (days since 1970, may be negative). */
export function timestamps(n: number, startDay: number, spacing: Spacing): Float64Array {
  const t = new Float64Array(n);
  const t0 = startDay * DAY;
  const from = new Date(t0);
  for (let k = 0, day = startDay; k < n; k++) {
    switch (spacing) {
      case 'weekdays': {
        // skip Saturdays and Sundays (day 0 was a Thursday)
        while ((((day + 4) % 7) + 7) % 7 === 0 || (((day + 4) % 7) + 7) % 7 === 6) day++;
        t[k] = day++ * DAY;
        break;
      }
      case 'every-day':
        t[k] = t0 + k * DAY;
        break;
      case 'hourly':
        t[k] = t0 + k * MS_PER_HOUR;
        break;
      case 'quarter-hour':
        t[k] = t0 + (k * MS_PER_HOUR) / 4;
        break;
      case 'weekly':
        t[k] = t0 + k * 7 * DAY;
        break;
      case 'monthly':
        t[k] = Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + k, 1);
        break;
      case 'yearly':
        t[k] = Date.UTC(from.getUTCFullYear() + k, 0, 1);
        break;
    }
  }
  return t;
}

/**
 * Bars from a close-to-close log-return path: the open gaps part of the way from the previous close, high and
 * low wrap both with a margin. `scale` shrinks the moves, down to nearly flat markets.
 */
export function barsFromPath(steps: readonly number[], wiggle: readonly number[], scale: number, time: Float64Array): Bars {
  const n = time.length;
  const close = new Float64Array(n);
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  let c = 100;
  for (let k = 0; k < n; k++) {
    const prev = c;
    c = prev * Math.exp(steps[k] * scale);
    const w = wiggle[k % wiggle.length];
    const o = prev * Math.exp(steps[k] * scale * w);
    open[k] = o;
    close[k] = c;
    high[k] = Math.max(o, c) * (1 + Math.abs(w) * 0.01 * scale);
    low[k] = Math.min(o, c) * (1 - Math.abs(w) * 0.01 * scale);
  }
  return { time, open, high, low, close, volume: new Float64Array(n) };
}

export interface MarketCase {
  bars: Bars;
  strategy: () => Strategy;
  options: BacktestOptionsInput;
  label: string;
}

const step = fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 6, arbitrary: fc.double({ min: -0.08, max: 0.08, noNaN: true }) });

const strategyArb = fc.oneof(
  fc.record({
    kind: fc.constant('sma' as const),
    fast: fc.integer({ min: 1, max: 12 }),
    gap: fc.integer({ min: 1, max: 25 }),
    sl: fc.option(fc.double({ min: 0.005, max: 0.2, noNaN: true }), { nil: undefined }),
    tp: fc.option(fc.double({ min: 0.005, max: 0.3, noNaN: true }), { nil: undefined }),
  }),
  fc.record({ kind: fc.constant('probe' as const) }),
);

const optionsArb: fc.Arbitrary<BacktestOptionsInput> = fc.record({
  cash: fc.constantFrom(1_000, 10_000, 250_000),
  commission: fc.oneof(
    fc.double({ min: 0, max: 0.01, noNaN: true }),
    fc.record({ fixed: fc.double({ min: 0, max: 5, noNaN: true }), relative: fc.double({ min: 0, max: 0.005, noNaN: true }) }),
  ),
  spread: fc.constantFrom(0, 0.0005, 0.002),
  margin: fc.constantFrom(1, 0.5, 0.1),
  tradeOnClose: fc.boolean(),
  hedging: fc.boolean(),
  exclusiveOrders: fc.boolean(),
  finalizeTrades: fc.boolean(),
});

/** A random but valid backtest setup: price path, spacing, strategy and broker options. */
export const marketCase: fc.Arbitrary<MarketCase> = fc
  .record({
    steps: fc.array(step, { minLength: 3, maxLength: 400, size: 'max' }),
    wiggle: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 1, maxLength: 16 }),
    scale: fc.constantFrom(1, 1, 1, 0.1, 0.001, 1e-6),
    spacing: fc.constantFrom(...SPACINGS),
    startDay: fc.integer({ min: -20_000, max: 25_000 }),
    strategy: strategyArb,
    options: optionsArb,
  })
  .map(({ steps, wiggle, scale, spacing, startDay, strategy, options }) => {
    const bars = barsFromPath(steps, wiggle, scale, timestamps(steps.length, startDay, spacing));
    const make = (): Strategy =>
      strategy.kind === 'sma'
        ? new SmaCross({ fast: strategy.fast, slow: strategy.fast + strategy.gap, sl: strategy.sl, tp: strategy.tp })
        : new Probe();
    const label = `${steps.length} ${spacing} bars from day ${startDay}, scale ${scale}, ${JSON.stringify(strategy)}, ${JSON.stringify(options)}`;
    return { bars, strategy: make, options, label };
  });
