import type { LabConfigInput } from '../lab/config';
import type { LabSweepPlan } from './lab-spec';

/**
 * What a lab sweep row holds beyond the statistics table: the portfolio's turnover — the value of every fill
 * (|quantity| × price) over the mean NAV, the attribution table's turnover summed over the instruments
 * (src/core/universe/attribution.ts).
 */
export const LAB_SWEEP_EXTRA_KEYS: readonly string[] = ['turnover'];

/**
 * What a lab sweep worker runs: a slice of a plan's combinations with the configuration they share, plain data
 * (it crosses a worker boundary as it is). Combination `from + k` sets `paramNames[j]` to `values[k · width + j]`;
 * the worker already holds the universe's aligned timeline.
 */
export interface LabSweepChunk {
  strategy: string;
  paramNames: readonly string[];
  config: LabConfigInput;
  from: number;
  count: number;
  values: Float64Array;
}

/** Combinations [from, to) of a lab plan, as a worker takes them. */
export function planLabChunk(plan: LabSweepPlan, from: number, to: number): LabSweepChunk {
  const width = plan.paramNames.length;
  return {
    strategy: plan.strategy,
    paramNames: plan.paramNames,
    config: plan.config,
    from,
    count: to - from,
    values: plan.values.slice(from * width, to * width),
  };
}
