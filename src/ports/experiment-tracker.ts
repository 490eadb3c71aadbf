/**
 * ExperimentTracker: where experiments live — the normalized spec, the status with its history, provenance and
 * results. Times come from the caller (handlers hold the clock), so a tracker is storage with guards.
 *
 * Guarantees every adapter keeps (tests/shared/experiment-tracker-suite.ts checks them):
 * - `create` is idempotent: the id is derived from the spec (src/core/experiments/identity.ts), and creating a
 *   spec that exists returns the stored record unchanged (`created: false`).
 * - Every change goes through the lifecycle of src/core/experiments/status.ts; a change the lifecycle refuses, or
 *   one whose `expected` status is stale (another session got there first), throws ExperimentTransitionError and
 *   writes nothing. Read-check-write is atomic per experiment (one transaction, or one lock).
 * - `registerImported` keeps a finished experiment run elsewhere (a result bundle) idempotently: stored when its id is
 *   free or holds no result (src/core/experiments/record.ts `importReplaces`), else the stored record is returned
 *   unchanged (`created: false`). Importing one bundle twice leaves one record.
 * - `markInterrupted` turns attempts whose session is gone (a reloaded tab, a killed process) from queued or
 *   running into `interrupted`; call it when a session starts.
 * - Records read back are validated; damaged ones throw CorruptStoreError naming where they are.
 */
import type { ExperimentFilter } from '../core/experiments/filter';
import type { PreparedSpec } from '../core/experiments/identity';
import type { ExperimentRecord, ExperimentResults, TransitionOptions } from '../core/experiments/record';
import type { ExperimentStatus } from '../core/experiments/status';

export type { ExperimentFilter, ExperimentRecord, ExperimentResults, ExperimentStatus, PreparedSpec, TransitionOptions };

export interface CreateExperimentOptions {
  /** Epoch ms of creation, from the caller's clock. */
  at: number;
  /** Version of the lab creating it. */
  appVersion: string;
}

export interface CreateExperimentResult {
  record: ExperimentRecord;
  /** false when the same spec was created before (the stored record is returned unchanged). */
  created: boolean;
}

export interface MarkInterruptedOptions {
  /** Epoch ms, from the caller's clock. */
  at: number;
  /**
   * Whether the session holding an attempt is still alive (another tab, another process). Must answer at once:
   * browsers cannot wait on anything else inside a transaction, so gather what it needs (e.g. held Web Locks)
   * first. Default: no other session is alive — every queued or running attempt is interrupted.
   */
  sessionAlive?: (session: string) => boolean;
}

export interface ExperimentTracker {
  create(prepared: PreparedSpec, options: CreateExperimentOptions): Promise<CreateExperimentResult>;
  get(id: string): Promise<ExperimentRecord | undefined>;
  /** Records matching every given criterion, oldest first (ties by id). */
  list(filter?: ExperimentFilter): Promise<ExperimentRecord[]>;
  /** Moves the experiment to `to` (ExperimentNotFoundError, ExperimentTransitionError). */
  transition(id: string, to: ExperimentStatus, options: TransitionOptions): Promise<ExperimentRecord>;
  /** Attaches the results of the running attempt (it then may become done). */
  attachResults(id: string, results: ExperimentResults): Promise<ExperimentRecord>;
  /**
   * Registers a done experiment from a verified bundle (built by `importedExperimentRecord`); its result
   * artifacts must be stored first. `created: false` when the stored record was kept.
   */
  registerImported(record: ExperimentRecord): Promise<CreateExperimentResult>;
  /** Interrupts attempts left by sessions that are gone; returns the records it changed. */
  markInterrupted(options: MarkInterruptedOptions): Promise<ExperimentRecord[]>;
  /** Releases the backing storage; later calls throw StoreClosedError. */
  close(): Promise<void>;
}
