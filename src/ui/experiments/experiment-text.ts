/** How an experiment is named and summarized on screen (the record keeps the raw spec). */
import type { ExperimentRecord } from '../../core/experiments/record';
import { inputDisplayName, isSqlSignalSpec, type ExperimentSpec } from '../../core/experiments/spec';
import type { ExecuteStage } from '../../handlers/execute-experiment';

/** `fast=10 · slow=20`, or the SQL on one line for a SQL signal. */
export function paramsSummary(spec: ExperimentSpec, maxSql = 60): string {
  if (isSqlSignalSpec(spec)) {
    const line = spec.params.sql.replace(/\s+/gu, ' ');
    return line.length > maxSql ? `${line.slice(0, maxSql - 1)}…` : line;
  }
  const entries = Object.entries(spec.params);
  return entries.length === 0 ? 'defaults' : entries.map(([k, v]) => `${k}=${v}`).join(' · ');
}

export function inputName(spec: ExperimentSpec): string {
  return spec.inputs.map((i) => inputDisplayName(i) ?? `${i.contentHash.slice(0, 8)}…`).join(', ');
}

/** The label if there is one, else strategy and parameters on the input. */
export function experimentTitle(record: Pick<ExperimentRecord, 'spec'>): string {
  const s = record.spec;
  if (s.label) return s.label;
  return isSqlSignalSpec(s) ? `SQL signal on ${inputName(s)}` : `${s.strategy} ${paramsSummary(s)} on ${inputName(s)}`;
}

export const STAGE_LABELS: Record<ExecuteStage, string> = {
  freezing: 'Freeze inputs',
  loading: 'Load bars',
  signal: 'SQL signal',
  running: 'Run engine',
  publishing: 'Publish artifacts',
};

/** The stages an execution of this spec goes through, in order. */
export function stagesOf(spec: ExperimentSpec): ExecuteStage[] {
  return isSqlSignalSpec(spec) ? ['freezing', 'loading', 'signal', 'running', 'publishing'] : ['freezing', 'loading', 'running', 'publishing'];
}

/** `1.2 s`, `350 ms`, `2 min 5 s`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** How long the last attempt took, from the record's provenance. */
export function attemptDuration(record: ExperimentRecord): string {
  const p = record.provenance;
  if (!p.startedAt || !p.finishedAt) return '—';
  return formatDuration(Date.parse(p.finishedAt) - Date.parse(p.startedAt));
}
