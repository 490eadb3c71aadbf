/**
 * Shapes of the sample universe: many daily instruments driven by shared market and sector factors. See
 * universe.ts for the model and docs/sample-data.md ("The sample universe") for the description.
 */
import type { OhlcvTable } from '../domain/ohlcv-table';
import type { VolumeParams } from './types';

/** One member of the universe: its loadings on the shared factors and its own noise. */
export interface UniverseMemberParams {
  /** Instrument id, also the artifact's instrument name (lower-case kebab). */
  readonly id: string;
  /** Index into UniverseParams.sectors. */
  readonly sector: number;
  /** Loading on the market factor (beta). */
  readonly beta: number;
  /** Loading on its sector's factor. */
  readonly sectorLoading: number;
  /** Volatility of the member's own (idiosyncratic) shocks, per year. */
  readonly idioVol: number;
  /** Drift of its own, per year in log terms, on top of the market's and the sector's. */
  readonly alpha: number;
  readonly startPrice: number;
  /** Typical volume of a calm bar (see VolumeParams.base). */
  readonly volumeBase: number;
  /**
   * Tie to another member (its id, listed earlier): this member's log price is the partner's plus a constant and a
   * mean-reverting spread, so the two are cointegrated (a pair for pairs trading). Its own shocks then drive the
   * spread instead of a random walk.
   */
  readonly pairedWith?: { readonly id: string; readonly logRatio: number; readonly halfLife: number; readonly spreadVol: number };
}

export interface UniverseSectorParams {
  readonly id: string;
  readonly name: string;
  /** Drift of the sector factor, per year in log terms (a persistent trend when far from 0). */
  readonly annualDrift: number;
  readonly annualVol: number;
}

/** A market crash: the market factor falls by `logDrop` in total, spread evenly over `bars` bars. */
export interface CrashParams {
  /** Epoch ms UTC: the crash starts on the first bar at or after it. */
  readonly from: number;
  readonly bars: number;
  /** Total log fall of the market factor over the crash (−0.45 ≈ −36 %). */
  readonly logDrop: number;
  /** Factor on the market's volatility during the crash and for `aftermathBars` after it. */
  readonly volMultiplier: number;
  readonly aftermathBars: number;
}

export interface UniverseParams {
  /** Epoch ms UTC of the first weekday bar (00:00). */
  readonly start: number;
  readonly bars: number;
  readonly priceDecimals: number;
  /** Degrees of freedom of every Student-t shock (integer in [3, 100]). */
  readonly tailDof: number;
  readonly market: { readonly annualDrift: number; readonly annualVol: number; readonly alpha: number; readonly beta: number };
  readonly crash: CrashParams;
  /** Opening gap after a night / a weekend, in units of the member's bar volatility. */
  readonly gaps: { readonly overnight: number; readonly weekend: number };
  /** Volume model shared by every member except its base. */
  readonly volume: Omit<VolumeParams, 'base'>;
  readonly sectors: readonly UniverseSectorParams[];
  readonly members: readonly UniverseMemberParams[];
}

/** A member as the lab lists it. */
export interface UniverseMember {
  readonly id: string;
  readonly name: string;
  readonly sector: string;
  readonly interval: '1d';
}

/** Every member's bars, in catalogue order, plus the hidden factor paths (for tests and teaching). */
export interface UniverseSimulation {
  readonly members: ReadonlyArray<{ readonly id: string; readonly bars: OhlcvTable }>;
  /** Cumulative log level of the market factor at each bar's close (0 before the first bar). */
  readonly market: Float64Array;
  /** Index of the first crash bar. */
  readonly crashStart: number;
}
