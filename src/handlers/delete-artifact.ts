/**
 * Delete an artifact: the store refuses while other artifacts were made from it (lineage it knows), and this use
 * case refuses, first, while experiments hold it in their results (ArtifactUsedByExperimentError naming them) —
 * what the store cannot know, since experiments are the tracker's. The CLI and the page both delete through here.
 *
 * Why a use case over both ports rather than experiments registered as holders in the store: the store stays a
 * content-addressed store that knows nothing of experiments (no new record kind, no IndexedDB upgrade), and the
 * two live in separate databases that no transaction spans anyway, so a holder list in the store would be a copy
 * of the tracker that can drift. The check reads the tracker itself. What it cannot exclude is an experiment
 * attaching this very artifact between the check and the delete (another tab, another process); that experiment
 * would then show its result as deleted, as it would after any store damage, and executing it again restores it.
 */
import { experimentsUsing } from '../core/experiments/artifact-use';
import { ArtifactUsedByExperimentError } from '../core/experiments/errors';
import type { ArtifactStore } from '../ports/artifact-store';
import type { ExperimentTracker } from '../ports/experiment-tracker';

export interface DeleteArtifactDeps {
  store: Pick<ArtifactStore, 'delete'>;
  tracker: Pick<ExperimentTracker, 'list'>;
}

/** Deletes the artifact's record (bytes go at the next gc); refused with the reason, changing nothing. */
export async function deleteArtifact(deps: DeleteArtifactDeps, id: string): Promise<void> {
  const uses = experimentsUsing(await deps.tracker.list(), id);
  if (uses.length > 0) throw new ArtifactUsedByExperimentError(id, uses);
  await deps.store.delete(id);
}
