/**
 * The run link of a finished experiment (what "copy run link" copies, and `quantlab experiments link` prints): its
 * spec, the engine build that ran it, its resultHash, and its inputs by contentHash with a label, the rows and the
 * instrument read from their artifact records — what a person needs to find the right file.
 */
import type { ExperimentRecord } from '../../core/experiments/record';
import { inputDisplayName } from '../../core/experiments/spec';
import { checkRunLink, RUN_LINK_VERSION, type RunLink } from '../../core/reproduce/run-link';
import type { VerifiedBundle } from '../../core/reproduce/bundle-verify';
import type { ArtifactRecord } from '../../core/artifacts/record';
import type { ArtifactStore } from '../../ports/artifact-store';

/** Refused: the experiment has no result to reproduce. */
export class NotReproducibleError extends Error {
  override name = 'NotReproducibleError';
}

function linkOf(record: ExperimentRecord, inputs: readonly (ArtifactRecord | undefined)[]): RunLink {
  if (record.status !== 'done' || record.results === null) {
    throw new NotReproducibleError(`experiment ${record.id} is ${record.status}: only a finished (done) experiment has a result to reproduce`);
  }
  return checkRunLink({
    v: RUN_LINK_VERSION,
    spec: record.spec,
    engineBuildHash: record.results.engineBuildHash,
    expectedResultHash: record.results.resultHash,
    inputs: record.spec.inputs.map((ref, i) => {
      const artifact = inputs[i];
      const label = inputDisplayName(ref) ?? artifact?.instruments[0];
      return {
        contentHash: ref.contentHash,
        ...(label ? { label: label.slice(0, 200) } : {}),
        ...(artifact ? { rows: artifact.rowCount } : {}),
        ...(artifact?.instruments[0] ? { instrument: artifact.instruments[0].slice(0, 200) } : {}),
      };
    }),
  });
}

export async function runLinkFor(store: Pick<ArtifactStore, 'get'>, record: ExperimentRecord): Promise<RunLink> {
  const ids = record.results?.inputs ?? [];
  return linkOf(record, await Promise.all(ids.map((id) => store.get(id))));
}

/** The run a verified bundle holds, as a link: the same re-run and verdict apply. */
export function runLinkOfBundle(bundle: VerifiedBundle): RunLink {
  return linkOf(
    bundle.experiment,
    bundle.inputs.map((p) => p.record),
  );
}
