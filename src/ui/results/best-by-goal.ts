/**
 * Marking the best run and coloring a difference between runs, by each statistic's goal — the same directions a
 * sweep picks its best run by (src/core/sweeps/metric-goals.ts): `max`, `min`, or null where neither is better.
 */
import type { MetricGoal } from '../../core/sweeps';

/** +1 when `a` is better than `b`, −1 when worse, 0 when equal, incomparable or without a goal. */
export function compareByGoal(a: number | null, b: number | null, goal: MetricGoal): number {
  if (goal === null || a === null || b === null || Number.isNaN(a) || Number.isNaN(b) || a === b) return 0;
  const higher = a > b ? 1 : -1;
  return goal === 'max' ? higher : -higher;
}

/** Index of the best defined value (the first on ties), or -1 when there is none or no goal. */
export function bestIndex(values: ArrayLike<number | null>, goal: MetricGoal): number {
  if (goal === null) return -1;
  let best = -1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || Number.isNaN(v)) continue;
    if (best < 0 || compareByGoal(v, values[best], goal) > 0) best = i;
  }
  return best;
}
