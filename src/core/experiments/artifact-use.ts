/**
 * Which experiments hold an artifact in their results: as one of the four result tables, or as a frozen input
 * (a SQL signal's declared labels/features count as inputs).
 * Deleting such an artifact would leave a finished experiment that cannot be opened, exported or linked, so the
 * delete use case refuses it (src/handlers/delete-artifact.ts) naming these experiments.
 */
import { RESULT_ROLES, type ExperimentRecord, type ResultRole } from './record';

export interface ArtifactUse {
  experimentId: string;
  /** The spec's label, when it has one (messages name it beside the id). */
  label: string | null;
  status: ExperimentRecord['status'];
  role: ResultRole | 'input';
}

export function experimentsUsing(records: readonly ExperimentRecord[], artifactId: string): ArtifactUse[] {
  const uses: ArtifactUse[] = [];
  for (const r of records) {
    if (r.results === null) continue;
    const results = r.results;
    const role =
      RESULT_ROLES.find((x) => results.artifacts[x].id === artifactId) ??
      (results.inputs.includes(artifactId) || results.derived?.includes(artifactId) ? 'input' : undefined);
    if (role !== undefined) uses.push({ experimentId: r.id, label: r.spec.label ?? null, status: r.status, role });
  }
  return uses;
}
