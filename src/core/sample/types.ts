/**
 * Shapes shared by the synthetic sample-data generator. See generate.ts for the model and docs/sample-data.md
 * for the full description.
 */
import type { OhlcvTable } from '../domain/ohlcv-table';
import type { IntervalName } from '../domain/interval';

export type { OhlcvTable };

/** Bar spacings the sample generator can produce. */
export type SampleInterval = Extract<IntervalName, '1d' | '1h'>;

/**
 * Trading calendars (all UTC, no holidays, no daylight-saving shifts):
 * - `weekdays-daily`: one bar per Monday–Friday at 00:00 UTC (equity-style; every bar opens after an overnight
 *   break, Monday's after the weekend).
 * - `all-days-daily`: one bar per calendar day at 00:00 UTC (crypto-style continuous market, no breaks).
 * - `fx-hourly`: hourly bars through the FX week, Sunday 22:00 UTC to the bar starting Friday 21:00 UTC
 *   (120 bars a week; the only break is the weekend).
 */
export type CalendarKind = 'weekdays-daily' | 'all-days-daily' | 'fx-hourly';

/** One state of the two-state drift regime switch. */
export interface RegimeParams {
  /** Drift of the log price while in this regime, per year (0.2 = +20 % a year in log terms). */
  readonly annualDrift: number;
  /** Factor applied to the GARCH volatility while in this regime (bear markets are usually more volatile). */
  readonly volMultiplier: number;
  /** Expected time spent in the regime before switching, in bars (durations are geometric); must be ≥ 1. */
  readonly meanDurationBars: number;
}

/** GARCH(1,1) on the standardised bar shock; the constant ω is implied by the long-run volatility. */
export interface GarchParams {
  /** Long-run in-session volatility, annualised (0.2 = 20 %). Gaps and regime multipliers come on top. */
  readonly annualVol: number;
  /** Reaction to the last squared shock, ≥ 0. */
  readonly alpha: number;
  /** Persistence of the last variance, ≥ 0; alpha + beta must be < 1. */
  readonly beta: number;
}

/** Opening-gap sizes, as standard deviations in units of the bar's in-session volatility. */
export interface GapParams {
  /** Gap after an overnight break (daily equity bars Tuesday–Friday). */
  readonly overnight: number;
  /** Gap after a weekend (Monday's daily bar, Sunday-evening FX bar). */
  readonly weekend: number;
}

/** Log-normal volume driven by the bar's shock size and volatility level. */
export interface VolumeParams {
  /** Typical volume of a calm bar (median of the log-normal when shocks and volatility are average). */
  readonly base: number;
  /** Sensitivity of log volume to the absolute standardised shock |z| (bigger moves, more volume). */
  readonly shockLoading: number;
  /** Sensitivity of log volume to log(volatility / long-run volatility) (busy markets trade more). */
  readonly volLoading: number;
  /** Standard deviation of the idiosyncratic AR(1) log-volume component. */
  readonly noise: number;
  /** AR(1) coefficient of that component, in [0, 1). */
  readonly persistence: number;
}

/** Everything that determines a generated series, except the seed. */
export interface GeneratorParams {
  readonly calendar: CalendarKind;
  /** Epoch milliseconds UTC of the first candidate bar, aligned to the calendar's step (00:00 or the hour). */
  readonly start: number;
  /** Number of bars to generate (≥ 1). */
  readonly bars: number;
  /** Price the first bar opens at (> 0). */
  readonly startPrice: number;
  /** Decimal places prices are rounded to (a tick size of 10^-d); omit for unrounded prices. */
  readonly priceDecimals?: number;
  readonly regimes: { readonly bull: RegimeParams; readonly bear: RegimeParams };
  readonly garch: GarchParams;
  /** Degrees of freedom ν of the unit-variance Student-t shocks: an integer in [3, 100]; lower = fatter tails. */
  readonly tailDof: number;
  readonly gaps: GapParams;
  /**
   * Half-life, in bars, of the pull of the log price towards a fair value that drifts with the regime.
   * Omit (or Infinity) for a pure random walk with drift.
   */
  readonly meanReversionHalfLife?: number;
  readonly volume: VolumeParams;
}

/** Regime codes in SampleSimulation.regime. */
export const Regime = { Bull: 0, Bear: 1 } as const;
export type Regime = (typeof Regime)[keyof typeof Regime];

/** Bars plus the hidden state that produced them (for tests, teaching and diagnostics). */
export interface SampleSimulation {
  readonly bars: OhlcvTable;
  /** Regime of each bar (Regime.Bull or Regime.Bear). */
  readonly regime: Uint8Array;
  /** In-session volatility of each bar, per bar (GARCH σ times the regime multiplier), in log-price units. */
  readonly sigma: Float64Array;
}

/** A catalogue entry: what the lab shows before any user file is loaded. */
export interface InstrumentDescriptor {
  readonly id: string;
  readonly name: string;
  readonly interval: SampleInterval;
  readonly description: string;
  /** Seed passed to generateOhlcv for this instrument. */
  readonly seed: number;
  /** Number of bars generateSample(id) returns. */
  readonly bars: number;
  /** Timestamp of the first bar, epoch milliseconds UTC. */
  readonly start: number;
}
