import type { LabSweepPlan } from '../core/sweeps/lab-spec';
import type { LabTimeline } from '../core/lab/timeline';
import type { SweepExecution, SweepProgress } from './sweep-runner';

/** A universe aligned on its timeline, and a key naming it (its inputs): workers keep it across sweeps. */
export interface SweepUniverse {
  key: string;
  timeline: LabTimeline;
}

/**
 * Runs lab-profile sweeps over a universe on a pool of workers (the browser's sweep pool; NodeLabSweepPool in
 * Node). Progress, cancel and results as for SweepRunner: rows by combination index, a cancel keeps the rows
 * finished.
 */
export interface LabSweepRunner {
  readonly size: number;
  startLab(plan: LabSweepPlan, universe: SweepUniverse, onProgress: (p: SweepProgress) => void): SweepExecution;
  /** Combination `c`'s NAV over the universe's timeline (the best run's, for its deflated Sharpe ratio). */
  labNav(plan: LabSweepPlan, c: number, universe: SweepUniverse): Promise<Float64Array>;
}
