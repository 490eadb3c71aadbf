/**
 * The lifecycle of an experiment:
 *
 *   draft    → queued | cancelled
 *   queued   → running | failed (an input could not be frozen) | cancelled | interrupted (its session ended)
 *   running  → done | failed | cancelled | interrupted (its session ended: reload, crash, kill)
 *   done | failed | cancelled | interrupted → queued (execute again: a new attempt)
 *
 * Nothing goes back to draft; anything not listed is refused.
 */
export const EXPERIMENT_STATUSES = ['draft', 'queued', 'running', 'done', 'failed', 'cancelled', 'interrupted'] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];

/** Statuses an experiment ends an attempt in. */
export const FINISHED_STATUSES: readonly ExperimentStatus[] = ['done', 'failed', 'cancelled', 'interrupted'];

export const ALLOWED_TRANSITIONS: Readonly<Record<ExperimentStatus, readonly ExperimentStatus[]>> = {
  draft: ['queued', 'cancelled'],
  queued: ['running', 'failed', 'cancelled', 'interrupted'],
  running: ['done', 'failed', 'cancelled', 'interrupted'],
  done: ['queued'],
  failed: ['queued'],
  cancelled: ['queued'],
  interrupted: ['queued'],
};

export function isExperimentStatus(value: unknown): value is ExperimentStatus {
  return typeof value === 'string' && (EXPERIMENT_STATUSES as readonly string[]).includes(value);
}

export function canTransition(from: ExperimentStatus, to: ExperimentStatus): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

export function isFinished(status: ExperimentStatus): boolean {
  return FINISHED_STATUSES.includes(status);
}
