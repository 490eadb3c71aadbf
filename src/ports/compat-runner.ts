/**
 * CompatRunner: the backtesting.py-profile engine as handlers see it — bars and a job in, the run and its
 * statistics out. Which loop runs (the WASM twin of a built-in strategy, or the TypeScript reference) is the
 * adapter's business, reported back in `loop`. In Node it is the engine in-process
 * (src/adapters/node/engine-runners.ts); in the browser, the engine worker (columns transferred as typed
 * arrays). Both must run the same engine build, named by `engineBuildHash`, for their results to agree.
 */
import type { BacktestOptionsInput } from '../core/compat/options';
import type { BacktestResult } from '../core/compat/result';
import type { OhlcvTable } from '../core/domain/ohlcv-table';
import type { CompatStats } from '../core/stats/types';

/** One backtesting.py-profile run: a registered strategy, its parameters, the broker options. */
export interface CompatJob {
  strategy: string;
  params: Record<string, number>;
  options: BacktestOptionsInput;
  /**
   * For `sql-signal`: the checked target position of every bar (src/core/experiments/sql-signal.ts); the runner
   * trades toward it with the reference backtester (SignalSeries). Transferred to a worker, not copied.
   */
  signal?: Float64Array;
}

export interface CompatRun {
  result: BacktestResult;
  /** The backtesting.py statistics of the run (computed by the engine). */
  stats: CompatStats;
  /** `wasm` when the strategy is built into the engine, else the TypeScript reference ran the loop. */
  loop: 'wasm' | 'reference';
}

export interface CompatRunner {
  /** SHA-256 (lowercase hex) of the engine build's .wasm bytes. */
  readonly engineBuildHash: string;
  run(bars: OhlcvTable, job: CompatJob): Promise<CompatRun>;
}
