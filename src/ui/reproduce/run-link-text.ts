/** The run link of a finished experiment as this lab's address: origin and path here, the run in the fragment. */
import type { ExperimentRecord } from '../../core/experiments/record';
import { runLinkUrl } from '../../core/reproduce/run-link';
import { runLinkFor } from '../../handlers/reproduce/run-link-for';
import type { ArtifactStore } from '../../ports/artifact-store';

export async function runLinkText(
  store: Pick<ArtifactStore, 'get'>,
  record: ExperimentRecord,
  base: string = globalThis.location?.href ?? '',
): Promise<string> {
  return runLinkUrl(base, await runLinkFor(store, record));
}
