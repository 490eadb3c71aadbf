/**
 * Import a result bundle: verify everything first (src/core/reproduce/bundle-verify.ts: the archive, every checksum,
 * every record, the resultHash, and each artifact's contentHash re-derived from its Parquet bytes), then check that
 * the lineage can be kept (each result's inputs are in the bundle or already stored), and only then store — inputs
 * first, so every record's inputs exist when it is put. The store deduplicates by contentHash: what is already
 * there is reported `existing` and written again nowhere.
 *
 * Then the experiment itself is registered in the tracker (importBundle), after its result artifacts: status done,
 * its spec, results and resultHash as the bundle carries them, and where it came from (the bundle's file name,
 * SHA-256 and the import time — provenance that enters no hash). It is then listed, opened, compared and re-run
 * like an experiment run here. Idempotent: importing the same bundle twice leaves one record, and an experiment
 * already done here is kept as it is (src/core/experiments/record.ts `importReplaces`).
 *
 * A refused bundle stores nothing: no artifact, no quarantine entry (a bundle is not data to keep for inspection).
 * A storage failure part-way (quota) can leave some of its artifacts stored; each is whole and valid on its own.
 */
import { BundleError } from '../core/reproduce/errors';
import { inputFile, resultFile, resultRolesOf, type BundleLimits, type BundleRole } from '../core/reproduce/bundle-format';
import { resultPart } from '../core/reproduce/bundle-build';
import type { OnBundleProgress } from '../core/reproduce/bundle-progress';
import { verifyBundle, type VerifiedBundle } from '../core/reproduce/bundle-verify';
import { sha256Chunked } from '../core/reproduce/bundle-progress';
import { importedExperimentRecord, type ExperimentRecord } from '../core/experiments/record';
import type { ArtifactRecord } from '../core/artifacts/record';
import type { ArtifactStore, Clock } from '../ports/artifact-store';
import type { ExperimentTracker } from '../ports/experiment-tracker';
import type { ParquetCodec } from '../ports/parquet-codec';
import { parquetTableContentHash } from './reproduce/table-content-hash';

export interface ImportBundleDeps {
  store: ArtifactStore;
  /** Where the bundle's experiment is registered. */
  tracker: Pick<ExperimentTracker, 'registerImported'>;
  /** Reads the bundle's Parquet to re-derive contentHashes. */
  codec: Pick<ParquetCodec, 'toArrowIpc'>;
  /** The import time (provenance only). */
  clock: Clock;
}

export interface ImportBundleOptions {
  /** The bundle's file name, kept as provenance (`bundle.zip` when not given). */
  fileName?: string;
  /** `inputs`: store only the input bars (what a re-run needs); default all. */
  store?: 'all' | 'inputs';
  limits?: Partial<BundleLimits>;
  onProgress?: OnBundleProgress;
}

export interface ImportedArtifact {
  role: BundleRole;
  record: ArtifactRecord;
  /** false: the store held this content already. */
  created: boolean;
}

export interface ImportedBundle {
  bundle: VerifiedBundle;
  artifacts: ImportedArtifact[];
  /** The experiment as the tracker holds it now; `created` false when the record stored before was kept. */
  experiment: { record: ExperimentRecord; created: boolean };
}

/** Verification only: the bundle as read, or a BundleError. */
export function readBundle(
  deps: Pick<ImportBundleDeps, 'codec'>,
  bytes: Uint8Array,
  options: Omit<ImportBundleOptions, 'store'> = {},
): Promise<VerifiedBundle> {
  return verifyBundle(bytes, {
    tableContentHash: parquetTableContentHash(deps.codec),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
}

/** Stores a verified bundle's artifacts (inputs first); refused with BundleError before any write if lineage cannot be kept. */
export async function storeBundle(
  store: ArtifactStore,
  bundle: VerifiedBundle,
  options: Pick<ImportBundleOptions, 'store' | 'onProgress'> = {},
): Promise<ImportedArtifact[]> {
  const only = options.store ?? 'all';
  // The role assertions keep each literal a BundleRole inside the spread objects (without them it widens to string).
  const parts = [
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    ...bundle.inputs.map((p) => ({ role: 'input' as BundleRole, ...p })),
    ...(only === 'all'
      ? // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
        resultRolesOf(bundle.experiment.spec).map((role) => ({ role: role as BundleRole, ...resultPart(bundle.results, role) }))
      : []),
  ];
  // Every part stored must find its inputs: in this bundle (with bytes), or in the store already.
  const carried = new Set(bundle.inputs.filter((p) => p.bytes !== null).map((p) => p.record.id));
  for (const part of parts) {
    if (part.bytes === null) continue;
    for (const id of part.record.inputs) {
      if (!carried.has(id) && !(await store.get(id))) {
        const input = bundle.inputs.find((p) => p.record.id === id)?.record;
        throw new BundleError(
          part.role === 'input' ? inputFile(part.record.id) : resultFile(part.role),
          'missing-input',
          `${part.record.id} was made from ${id}${input ? ` (${input.instruments.join(', ') || input.contentHash.slice(0, 12)})` : ''}, which is neither in the bundle nor in this store; import that input first, or use a bundle made with its inputs`,
        );
      }
    }
  }
  const out: ImportedArtifact[] = [];
  const total = parts.reduce((s, p) => s + (p.bytes?.length ?? 0), 0);
  let done = 0;
  for (const part of parts) {
    if (part.bytes === null) continue;
    await options.onProgress?.({ phase: 'storing', file: part.record.id, done, total });
    const r = part.record;
    const { record, created } = await store.put(
      {
        kind: r.kind,
        contentHash: r.contentHash,
        schema: r.schema,
        rowCount: r.rowCount,
        instruments: r.instruments,
        timeRange: r.timeRange,
        interval: r.interval,
        provenance: r.provenance,
        sourceBytes: r.sizes.sourceBytes,
        inputs: r.inputs,
        tags: r.tags,
      },
      part.bytes,
    );
    done += part.bytes.length;
    out.push({ role: part.role, record, created });
  }
  await options.onProgress?.({ phase: 'storing', file: null, done: total, total });
  return out;
}

/** Verifies, stores the artifacts (inputs, then results), then registers the experiment. */
export async function importBundle(
  deps: ImportBundleDeps,
  bytes: Uint8Array,
  options: Omit<ImportBundleOptions, 'store'> = {},
): Promise<ImportedBundle> {
  const bundle = await readBundle(deps, bytes, options);
  const artifacts = await storeBundle(deps.store, bundle, { ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
  const bundleSha256 = await sha256Chunked(bytes, () => undefined);
  const record = importedExperimentRecord(bundle.experiment, { at: deps.clock.now(), file: options.fileName ?? 'bundle.zip', bundleSha256 });
  const experiment = await deps.tracker.registerImported(record);
  return { bundle, artifacts, experiment };
}
