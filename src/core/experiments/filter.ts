/** Listing experiments: one filter shape for every tracker, matched the same way everywhere. */
import type { ExperimentRecord } from './record';
import type { ExperimentStatus } from './status';

export interface ExperimentFilter {
  /** One status or any of several. */
  status?: ExperimentStatus | readonly ExperimentStatus[];
  /** Strategy id, exactly (`sma-cross`). */
  strategy?: string;
  profile?: string;
  /** Experiments that read this input (by contentHash). */
  input?: string;
}

export function statusesOf(filter: ExperimentFilter): readonly ExperimentStatus[] | undefined {
  if (filter.status === undefined) return undefined;
  return typeof filter.status === 'string' ? [filter.status] : filter.status;
}

export function matchesExperiment(record: ExperimentRecord, filter: ExperimentFilter = {}): boolean {
  const statuses = statusesOf(filter);
  if (statuses !== undefined && !statuses.includes(record.status)) return false;
  if (filter.strategy !== undefined && record.spec.strategy !== filter.strategy) return false;
  if (filter.profile !== undefined && record.spec.profile !== filter.profile) return false;
  if (filter.input !== undefined && !record.spec.inputs.some((i) => i.contentHash === filter.input)) return false;
  return true;
}

/** Stable listing order: oldest first, ties by id. */
export function compareExperiments(a: ExperimentRecord, b: ExperimentRecord): number {
  const x = a.provenance.createdAt;
  const y = b.provenance.createdAt;
  return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
