import type { OhlcvTable } from '../core/domain/ohlcv-table';
import type { SweepPlan } from '../core/sweeps/plan';
import type { SweepResults } from '../core/sweeps/results';

/** The bars of a sweep and a key naming them (the artifact id): workers keep prepared bars across sweeps. */
export interface SweepBars {
  key: string;
  table: OhlcvTable;
}

export interface SweepProgress {
  phase: 'starting' | 'running' | 'finished';
  /** Combinations finished, completed or failed. */
  done: number;
  failed: number;
  total: number;
  workers: number;
  /** Since the first chunk was handed out. */
  elapsedMs: number;
  runsPerSecond: number | null;
  etaMs: number | null;
  /** Starting workers, compiling or receiving the engine, and sending the bars. */
  setupMs: number;
}

export interface SweepEnd {
  status: 'done' | 'cancelled' | 'failed';
  /** Why a sweep failed as a whole (failed combinations are in the results). */
  error: string | null;
  progress: SweepProgress;
}

/** A running sweep: results fill in by combination index as chunks finish. */
export interface SweepExecution {
  readonly results: SweepResults;
  readonly finished: Promise<SweepEnd>;
  /** Stop handing out chunks and terminate the workers now; completed rows stay. */
  cancel(): void;
}

/** Runs parameter sweeps on a pool of engine workers (src/adapters/browser/sweep-pool.ts in the browser). */
export interface SweepRunner {
  readonly size: number;
  start(plan: SweepPlan, bars: SweepBars, onProgress: (p: SweepProgress) => void): SweepExecution;
  equity(plan: SweepPlan, combination: number, bars: SweepBars): Promise<Float64Array>;
}
