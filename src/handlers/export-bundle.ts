/**
 * Export a finished experiment as a result bundle (src/core/reproduce/bundle-format.ts): its record, its result
 * artifacts (four; eight for a lab-profile experiment, in bundle format 2) and — when asked — its input bars, read from the store (each verified against its fileHash)
 * and packed with their manifest records, lineage, summary and checksums. Ports only; the CLI writes the bytes to
 * a file, the browser offers them as a download.
 */
import type { ArtifactRecord } from '../core/artifacts/record';
import { ExperimentNotFoundError } from '../core/experiments/errors';
import { withoutImportProvenance, type ExperimentRecord } from '../core/experiments/record';
import { buildBundle, type BuiltBundle, type BundlePart, type BundleResults } from '../core/reproduce/bundle-build';
import { resultRolesOf } from '../core/reproduce/bundle-format';
import type { OnBundleProgress } from '../core/reproduce/bundle-progress';
import type { ArtifactStore } from '../ports/artifact-store';
import type { ExperimentTracker } from '../ports/experiment-tracker';

export interface ExportBundleDeps {
  store: ArtifactStore;
  tracker: Pick<ExperimentTracker, 'get'>;
  appVersion: string;
}

export interface ExportBundleOptions {
  /** Put the input bars in the bundle too (then it re-runs anywhere without the original files). */
  withInputs?: boolean;
  onProgress?: OnBundleProgress;
}

export interface ExportedBundle extends BuiltBundle {
  /** A file name to save it as: `<experiment id>.zip`. */
  fileName: string;
}

/** Refused before anything was read: the experiment has no results (yet), or they are gone from the store. */
export class BundleExportError extends Error {
  override name = 'BundleExportError';
}

async function readArtifact(
  store: ArtifactStore,
  id: string,
  what: string,
  progress: { done: number; total: number; report?: OnBundleProgress },
): Promise<{ record: ArtifactRecord; bytes: Uint8Array }> {
  const record = await store.get(id);
  if (!record) throw new BundleExportError(`${what} ${id} is no longer in the store (deleted?); execute the experiment again to publish it`);
  await progress.report?.({ phase: 'reading', file: id, done: progress.done, total: progress.total });
  const bytes = await store.readBytes(id, { verify: true });
  progress.done += bytes.length;
  await progress.report?.({ phase: 'reading', file: id, done: progress.done, total: progress.total });
  return { record, bytes };
}

export async function exportBundle(deps: ExportBundleDeps, experimentId: string, options: ExportBundleOptions = {}): Promise<ExportedBundle> {
  const experiment: ExperimentRecord | undefined = await deps.tracker.get(experimentId);
  if (!experiment) throw new ExperimentNotFoundError(experimentId);
  if (experiment.status !== 'done' || experiment.results === null) {
    throw new BundleExportError(`experiment ${experiment.id} is ${experiment.status}: only a finished (done) experiment has results to bundle`);
  }
  const results = experiment.results;
  const roles = resultRolesOf(experiment.spec);
  const tableId = (role: (typeof roles)[number]): string => {
    const ref = results.artifacts[role];
    if (!ref) throw new BundleExportError(`experiment ${experiment.id} has no ${role} result; execute the experiment again to publish it`);
    return ref.id;
  };
  const ids = [...roles.map(tableId), ...(options.withInputs ? results.inputs : [])];
  const records = await Promise.all(ids.map((id) => deps.store.get(id)));
  const progress = {
    done: 0,
    total: records.reduce((s, r) => s + (r?.sizes.storedBytes ?? 0), 0),
    ...(options.onProgress ? { report: options.onProgress } : {}),
  };

  const resultParts = {} as BundleResults;
  for (const role of roles) resultParts[role] = await readArtifact(deps.store, tableId(role), `the ${role} result`, progress);
  const inputs: BundlePart[] = [];
  for (const id of results.inputs) {
    if (options.withInputs) inputs.push(await readArtifact(deps.store, id, 'input', progress));
    else {
      const record = await deps.store.get(id);
      if (!record) throw new BundleExportError(`input ${id} is no longer in the store (deleted?); its record is part of the bundle`);
      inputs.push({ record, bytes: null });
    }
  }
  // An imported experiment travels as it was run: where this lab got it from is this lab's business.
  const built = await buildBundle(
    { experiment: withoutImportProvenance(experiment), inputs, results: resultParts, appVersion: deps.appVersion },
    options.onProgress,
  );
  return { ...built, fileName: `${experiment.id}.zip` };
}
