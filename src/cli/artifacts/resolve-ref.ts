/**
 * What a person types to name an artifact: its id (`art_` + 24 hex), a prefix of it, or a prefix of its
 * contentHash or fileHash (at least 4 hex digits); for quarantined files `q_…` or a prefix of the file's hash.
 * A prefix that matches several artifacts is refused with the candidates, never guessed.
 */
import { isArtifactId, isQuarantineId } from '../../core/artifacts/ids';
import type { ArtifactRecord, ArtifactStore, QuarantineRecord } from '../../ports/artifact-store';
import { CliError } from '../cli-error';

export type ResolvedRef = { kind: 'artifact'; record: ArtifactRecord } | { kind: 'quarantined'; entry: QuarantineRecord };

const ARTIFACT_REF = /^(art_)?[0-9a-f]{4,64}$/;
const QUARANTINE_REF = /^q_[0-9a-f]{4,24}$/;
const MIN_PREFIX = 4;

/** Whether `text` has the shape of an artifact (or quarantine) reference: `backtest --data` also takes paths. */
export function looksLikeArtifactRef(text: string): boolean {
  const t = text.trim().toLowerCase();
  return ARTIFACT_REF.test(t) || QUARANTINE_REF.test(t);
}

function ambiguous(ref: string, ids: string[]): CliError {
  const shown = ids.slice(0, 8).join(', ');
  return new CliError(`"${ref}" matches ${ids.length} artifacts (${shown}${ids.length > 8 ? ', …' : ''}); give more digits`, 1);
}

export async function resolveRef(store: ArtifactStore, ref: string, options: { quarantine: boolean }): Promise<ResolvedRef> {
  const text = ref.trim().toLowerCase();
  if (isArtifactId(text)) {
    const record = await store.get(text);
    if (!record) throw new CliError(`no artifact ${text} in the store`, 1);
    return { kind: 'artifact', record };
  }
  if (QUARANTINE_REF.test(text)) {
    if (!options.quarantine) throw new CliError(`${text} names a quarantined file; quarantined files are never used as data`, 1);
    if (isQuarantineId(text)) {
      const entry = await store.getQuarantined(text);
      if (entry) return { kind: 'quarantined', entry };
    }
    const entries = (await store.listQuarantine()).filter((q) => q.id.startsWith(text));
    if (entries.length === 1) return { kind: 'quarantined', entry: entries[0] };
    if (entries.length > 1)
      throw ambiguous(
        ref,
        entries.map((q) => q.id),
      );
    throw new CliError(`no quarantined file ${text} in the store`, 1);
  }
  if (!ARTIFACT_REF.test(text)) {
    throw new CliError(`"${ref}" is not an artifact id or hash prefix (art_ + hex digits, or at least ${MIN_PREFIX} hex digits of a hash)`, 2);
  }
  const records = await store.find({ hashPrefix: text });
  if (records.length === 1) return { kind: 'artifact', record: records[0] };
  if (records.length > 1)
    throw ambiguous(
      ref,
      records.map((r) => r.id),
    );
  if (options.quarantine && !text.startsWith('art_')) {
    const entries = (await store.listQuarantine()).filter((q) => q.fileHash.startsWith(text));
    if (entries.length === 1) return { kind: 'quarantined', entry: entries[0] };
    if (entries.length > 1)
      throw ambiguous(
        ref,
        entries.map((q) => q.id),
      );
  }
  throw new CliError(`no artifact matches "${ref}" in the store`, 1);
}

export async function resolveArtifact(store: ArtifactStore, ref: string): Promise<ArtifactRecord> {
  const resolved = await resolveRef(store, ref, { quarantine: false });
  if (resolved.kind !== 'artifact') throw new CliError(`${ref} is not an artifact`, 1);
  return resolved.record;
}
