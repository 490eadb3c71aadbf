/**
 * Freezing an experiment's inputs: each contentHash of the spec must name a stored artifact of the kind the
 * profile reads. Quarantined files are never inputs (they have no trusted content); a spec that names one by its
 * file hash is told so, rather than "not found".
 */
import type { ArtifactRecord } from '../../core/artifacts/record';
import { InputRefusedError } from '../../core/experiments/errors';
import { inputDisplayName, isSqlSignalSpec, type ExperimentSpec, type InputRef } from '../../core/experiments/spec';
import type { UniverseInput } from '../../core/experiments/lab-spec';
import type { ArtifactStore } from '../../ports/artifact-store';

export interface FrozenInput {
  ref: InputRef | UniverseInput;
  record: ArtifactRecord;
}

function named(ref: InputRef | UniverseInput): string {
  const name = inputDisplayName(ref);
  return name ? `${name} (${ref.contentHash})` : ref.contentHash;
}

export async function freezeInputs(store: ArtifactStore, spec: ExperimentSpec): Promise<FrozenInput[]> {
  const frozen: FrozenInput[] = [];
  for (const ref of spec.inputs) {
    const record = await store.getByContentHash(ref.contentHash);
    if (!record) {
      const quarantined = (await store.listQuarantine()).find((q) => q.fileHash === ref.contentHash);
      if (quarantined) {
        throw new InputRefusedError(
          ref.contentHash,
          'quarantined',
          `input ${named(ref)} is the quarantined file ${quarantined.sourceFileName} (${quarantined.id}): quarantined files are never used as data; fix the file and import it again`,
        );
      }
      throw new InputRefusedError(
        ref.contentHash,
        'missing',
        `input ${named(ref)} is not in the artifact store (no artifact has this contentHash); import it first`,
      );
    }
    if (record.kind !== 'ohlcv') {
      throw new InputRefusedError(
        ref.contentHash,
        'wrong-kind',
        `input ${named(ref)} is ${record.id}, a ${record.kind} artifact; the ${spec.profile} profile reads ohlcv bars`,
      );
    }
    frozen.push({ ref, record });
  }
  return frozen;
}

/**
 * Freezing a SQL signal's declared `derived` artifacts: each contentHash must name a stored `labels` or `features`
 * artifact (published from bars in Features & labels, or `quantlab labels|features … --publish`). Empty for other specs.
 */
export async function freezeDerived(store: ArtifactStore, spec: ExperimentSpec): Promise<ArtifactRecord[]> {
  if (!isSqlSignalSpec(spec) || spec.derived === undefined) return [];
  const frozen: ArtifactRecord[] = [];
  for (const ref of spec.derived) {
    const record = await store.getByContentHash(ref.contentHash);
    const name = ref.label ? `${ref.label} (${ref.contentHash})` : ref.contentHash;
    if (!record) {
      throw new InputRefusedError(
        ref.contentHash,
        'missing',
        `derived artifact ${name} is not in the artifact store (no artifact has this contentHash); publish the labels or features first`,
      );
    }
    if (record.kind !== 'labels' && record.kind !== 'features') {
      throw new InputRefusedError(
        ref.contentHash,
        'wrong-kind',
        `derived artifact ${name} is ${record.id}, a ${record.kind} artifact; derived must name labels or features artifacts`,
      );
    }
    frozen.push(record);
  }
  return frozen;
}
