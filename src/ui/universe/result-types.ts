/**
 * The plain data the universe result views take. They are fed from a universe experiment's result artifacts (NAV,
 * weights, attribution, the equal-weight benchmark), decoded to these shapes; the views compute nothing about the
 * run itself, they only draw and sort.
 *
 * Conventions shared by every shape:
 * - time is epoch milliseconds UTC, strictly ascending, one entry per bar of the run (the bar's timestamp);
 * - instruments are named by the input names of the experiment's spec (default: the artifact's instrument);
 * - money is in the run's cash currency, unrounded; ratios are plain fractions (0.25 = 25 %).
 */

/** Target or held weight of every instrument over time: the stacked weights chart. */
export interface WeightsSeries {
  readonly time: Float64Array;
  /** Column names, in the spec's input order. */
  readonly instruments: readonly string[];
  /**
   * `weights[k][t]`: instrument k's position value at bar t's close as a fraction of NAV then. Long > 0, short < 0,
   * 0 flat; NaN before the instrument has a price. Every array has `time.length` entries.
   */
  readonly weights: readonly Float64Array[];
}

/** NAV of the strategy against the equal-weight buy-and-hold benchmark of the same universe. */
export interface NavVsBenchmark {
  readonly time: Float64Array;
  /** Net asset value at each bar's close (cash + positions at the close), after costs. */
  readonly nav: Float64Array;
  /**
   * The benchmark's value at each close: the starting cash split equally over the instruments at the first bar's
   * prices and held (no rebalancing, no costs). Same length as `time`.
   */
  readonly benchmark: Float64Array;
  /** Legend names; default "Strategy" and "Equal weight". */
  readonly navLabel?: string;
  readonly benchmarkLabel?: string;
}

/** One instrument's share of the run: a row of the attribution table. */
export interface AttributionRow {
  readonly instrument: string;
  /** Profit and loss from this instrument's positions over the run, after its costs (realised + unrealised at the end). */
  readonly pnl: number;
  /** `pnl` as a fraction of the starting cash, so rows add up to the run's total return (before cash interest). */
  readonly contribution: number;
  /** Sum of |traded value| over the run divided by the average NAV (1 = the whole portfolio traded once). */
  readonly turnover: number;
  /** Commission, spread and slippage paid on this instrument's fills. */
  readonly costs: number;
  /** Fills on this instrument. */
  readonly fills: number;
}

/** Everything the result views of one universe run take. */
export interface UniverseResultViews {
  readonly weights: WeightsSeries;
  readonly nav: NavVsBenchmark;
  readonly attribution: readonly AttributionRow[];
}
