import type { BacktestOptions } from '../compat/options';
import type { CombinationFailure } from './results';
import type { SweepPlan } from './plan';

/**
 * What a sweep worker runs: a slice of a plan's combinations, self-contained (plain numbers and typed arrays, so it
 * crosses a worker boundary as it is). Combination `from + k` sets `paramNames[j]` to `values[k · width + j]`.
 */
export interface SweepChunk {
  strategy: string;
  paramNames: readonly string[];
  options: BacktestOptions;
  from: number;
  /** Combinations in the chunk. */
  count: number;
  values: Float64Array;
}

/** A worker's answer: the chunk's rows (COMPAT_STATS_KEYS order), its failed combinations and its run time. */
export interface ChunkOutcome {
  from: number;
  stats: Float64Array;
  failures: CombinationFailure[];
  /** Values beyond the statistics, SweepResults.extraKeys per combination (lab sweeps: LAB_SWEEP_EXTRA_KEYS). */
  extras?: Float64Array;
  /** Worker time spent running the chunk, for chunk sizing and runs/s. */
  ms: number;
}

/** Combinations [from, to) of a plan, as a worker takes them. */
export function planChunk(plan: SweepPlan, from: number, to: number): SweepChunk {
  const width = plan.paramNames.length;
  return {
    strategy: plan.strategy,
    paramNames: plan.paramNames,
    options: plan.options,
    from,
    count: to - from,
    values: plan.values.slice(from * width, to * width),
  };
}
