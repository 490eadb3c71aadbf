import type { BacktestOptionsInput } from '../compat/options';

/**
 * What a parameter sweep is, as the user writes it: one registered strategy, the values each of its parameters
 * takes, how combinations are chosen, and the broker of the backtesting.py profile every run shares.
 */
export interface SweepSpec {
  /** A strategy id of src/core/strategies/registry.ts. */
  strategy: string;
  /**
   * Values per parameter: an explicit list, or `{from, to, step}` (both ends included when `to` falls on the
   * step). A parameter given one value is fixed; a parameter not given takes its registry default (or stays off).
   */
  params: Readonly<Record<string, ParamRange>>;
  search: SweepSearch;
  /** Cash, commission, spread, margin and the order flags, as `quantlab backtest` takes them. */
  options: BacktestOptionsInput;
}

export type ParamRange = readonly number[] | RangeStep;

export interface RangeStep {
  from: number;
  to: number;
  step: number;
}

/**
 * `grid`: every valid combination, in grid order. `random`: `count` distinct valid combinations drawn from the
 * same grid with the shared Rng seeded by `seed` — same seed, same combinations in the same order.
 */
export type SweepSearch = { mode: 'grid' } | { mode: 'random'; count: number; seed: number };

/** Bounds that keep a sweep within what one browser tab can hold (the result matrix is runs × 32 f64). */
export const SWEEP_LIMITS = Object.freeze({
  /** Values one parameter may take. */
  valuesPerParam: 10_000,
  /** Combinations of the grid (before rules), enumerated to count the skips and to draw without replacement. */
  space: 1_000_000,
  /** Backtests in one sweep. */
  runs: 100_000,
});

export function isRangeStep(range: ParamRange): range is RangeStep {
  return !Array.isArray(range);
}

/** What is wrong with a spec, and where (`strategy`, `params.fast`, `search.count`, `options`…). */
export interface SweepProblem {
  field: string;
  message: string;
}
