/**
 * A file offered as one of a run's inputs is checked on the way in: decoded, validated and hashed exactly as an
 * import would (the same reader, rules and canonical encoding), and stored only if its contentHash is one the run
 * needs. Anything else is refused with the reason and leaves the store as it was — not even a quarantine entry,
 * since the file was offered for this run only.
 */
import { CanonicalEncodingError } from '../../core/artifacts/errors';
import { ohlcvContentHash } from '../../core/artifacts/content-hash';
import type { ArtifactRecord } from '../../core/artifacts/record';
import type { RunLink } from '../../core/reproduce/run-link';
import { validateOhlcv } from '../../core/schema/ohlcv';
import type { ArtifactStore } from '../../ports/artifact-store';
import { importArtifact, InstrumentConflictError } from '../import-artifact';
import type { CanonicalParquetWriter } from '../../ports/canonical-parquet-writer';
import type { BarsFileBytes, DecodeBarsFile } from '../import-decode';
import { inputName } from './needed-inputs';

export interface AdmitInputDeps {
  store: ArtifactStore;
  decode: DecodeBarsFile;
  parquet: CanonicalParquetWriter;
  appVersion: string;
}

export type AdmitOutcome =
  | { status: 'accepted'; file: string; index: number; contentHash: string; record: ArtifactRecord; created: boolean }
  | { status: 'refused'; file: string; reason: 'content-mismatch' | 'unreadable' | 'invalid'; contentHash: string | null; message: string };

export async function admitInput(deps: AdmitInputDeps, link: RunLink, file: BarsFileBytes): Promise<AdmitOutcome> {
  const refused = (reason: 'unreadable' | 'invalid', message: string): AdmitOutcome => ({
    status: 'refused',
    file: file.name,
    reason,
    contentHash: null,
    message,
  });
  const decoded = await deps.decode(file);
  if (!decoded.ok) return refused('unreadable', decoded.problems[0]?.message ?? `${file.name}: cannot be read`);
  const validation = validateOhlcv(decoded.table, {
    source: file.name,
    maxViolations: 1,
    ...(decoded.rowNumbers === undefined ? {} : { rowNumbers: decoded.rowNumbers }),
  });
  if (!validation.ok) return refused('invalid', validation.violations[0]?.message ?? `${file.name}: breaks the data rules`);
  if (decoded.table.timestamp.length === 0) return refused('invalid', `${file.name}: the file has no bars`);
  let contentHash: string;
  try {
    contentHash = await ohlcvContentHash(decoded.table);
  } catch (e) {
    if (e instanceof CanonicalEncodingError) return refused('invalid', `${file.name}: ${e.message}`);
    throw e;
  }
  const index = link.inputs.findIndex((i) => i.contentHash === contentHash);
  if (index < 0) {
    const wanted = link.inputs.map((i) => `${inputName(i)} ${i.contentHash.slice(0, 12)}…`).join(', ');
    return {
      status: 'refused',
      file: file.name,
      reason: 'content-mismatch',
      contentHash,
      message: `${file.name} holds other data (contentHash ${contentHash.slice(0, 12)}…); this run needs ${wanted}`,
    };
  }
  const importDeps = { store: deps.store, decode: async () => decoded, parquet: deps.parquet, appVersion: deps.appVersion };
  const instrument = link.inputs[index].instrument;
  let outcome;
  try {
    outcome = await importArtifact(importDeps, file, instrument ? { instrument } : {});
  } catch (e) {
    // The file names its own instrument (an instrument column): its name, not the link's, then.
    if (!(e instanceof InstrumentConflictError)) throw e;
    outcome = await importArtifact(importDeps, file);
  }
  if (outcome.status === 'quarantined') return refused('invalid', outcome.entry.reasons[0]?.message ?? `${file.name} was refused`);
  return { status: 'accepted', file: file.name, index, contentHash, record: outcome.record, created: outcome.status === 'created' };
}
