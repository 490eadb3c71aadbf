/**
 * LabRunner: the lab-profile engine (realistic execution) as handlers see it — an aligned timeline, the config and
 * a built-in strategy in, the run and its statistics out. The strategy travels as its spec (name + parameters),
 * not as an object, so that a worker can receive it. Adapters as for CompatRunner: the engine in-process in Node,
 * the engine worker in the browser, the same build named by `engineBuildHash`.
 */
import type { LabConfigInput } from '../core/lab/config';
import type { LabResult } from '../core/lab/result';
import type { LabBuiltinSpec } from '../core/lab/strategies/builtin';
import type { LabTimeline } from '../core/lab/timeline';
import type { CompatStats } from '../core/stats/types';

export interface LabRun {
  result: LabResult;
  /**
   * The statistics table of the metrics guide over NAV and closed trades (src/core/lab/stats-trades.ts), computed
   * by the engine; buy & hold is the first instrument's, from the first bar (the lab has no warm-up rule).
   */
  stats: CompatStats;
}

export interface LabRunner {
  /** SHA-256 (lowercase hex) of the engine build's .wasm bytes. */
  readonly engineBuildHash: string;
  run(timeline: LabTimeline, config: LabConfigInput, strategy: LabBuiltinSpec): Promise<LabRun>;
}
