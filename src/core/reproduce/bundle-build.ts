/**
 * Writing a bundle from one finished experiment: its record, its result artifacts (four, or eight for a lab-profile
 * experiment: resultRolesOf its spec) and its inputs (with or
 * without their bytes). The manifest is checked with the rules an import applies (bundle-consistency.ts) and every
 * file's bytes against its record's fileHash before anything is packed, so the lab never writes a bundle it would
 * refuse. Deterministic: the same experiment and artifacts give the same archive, byte for byte.
 */
import type { ArtifactRecord } from '../artifacts/record';
import type { ExperimentRecord, ExperimentResultRole, ResultRole } from '../experiments/record';
import { checkManifest } from './bundle-consistency';
import {
  BUNDLE_FORMAT,
  bundleVersionOf,
  inputFile,
  MANIFEST_FILE,
  manifestText,
  resultFile,
  resultRolesOf,
  SUMMARY_FILE,
  type BundleArtifact,
  type BundleManifest,
} from './bundle-format';
import { sha256Chunked, type OnBundleProgress } from './bundle-progress';
import { bundleSummary } from './bundle-summary';
import { writeStoredZip, type ZipEntry } from './stored-zip';

export interface BundlePart {
  record: ArtifactRecord;
  /** The stored Parquet; null for an input left out. */
  bytes: Uint8Array | null;
}

/** A bundle's result tables: the four every experiment has, the lab profile's four more and a portfolio run's. */
export type BundleResults = Record<ResultRole, BundlePart & { bytes: Uint8Array }> &
  Partial<Record<Exclude<ExperimentResultRole, ResultRole>, BundlePart & { bytes: Uint8Array }>>;

/** One result table of a bundle, by role; an error names a role the bundle's experiment should have and lacks. */
export function resultPart(results: BundleResults, role: ExperimentResultRole): BundlePart & { bytes: Uint8Array } {
  const part = results[role];
  if (!part) throw new Error(`the ${role} result table is missing`);
  return part;
}

export interface BundleParts {
  experiment: ExperimentRecord;
  /** In the order of the experiment's inputs. */
  inputs: BundlePart[];
  /** Every role of resultRolesOf(experiment.spec). */
  results: BundleResults;
  appVersion: string;
}

export interface BuiltBundle {
  bytes: Uint8Array;
  manifest: BundleManifest;
}

const utf8 = new TextEncoder();

export async function buildBundle(parts: BundleParts, onProgress?: OnBundleProgress): Promise<BuiltBundle> {
  const roles = resultRolesOf(parts.experiment.spec);
  const artifacts: BundleArtifact[] = [
    ...parts.inputs.map((p) => ({ role: 'input' as const, file: p.bytes ? inputFile(p.record.id) : null, record: p.record })),
    ...roles.map((role) => ({ role, file: resultFile(role), record: resultPart(parts.results, role).record })),
  ];
  const bytesOf = new Map<string, Uint8Array>();
  parts.inputs.forEach((p) => p.bytes && bytesOf.set(inputFile(p.record.id), p.bytes));
  for (const role of roles) bytesOf.set(resultFile(role), resultPart(parts.results, role).bytes);

  const total = [...bytesOf.values()].reduce((s, b) => s + b.length, 0);
  let before = 0;
  for (const a of artifacts) {
    if (!a.file) continue;
    const bytes = bytesOf.get(a.file)!;
    const sha = await sha256Chunked(bytes, (d) => onProgress?.({ phase: 'hashing', file: a.file, done: before + d, total }));
    before += bytes.length;
    if (sha !== a.record.fileHash || bytes.length !== a.record.sizes.storedBytes) {
      throw new Error(
        `${a.record.id}: its stored bytes (SHA-256 ${sha}, ${bytes.length} bytes) are not what its record says (${a.record.fileHash}, ${a.record.sizes.storedBytes}); the store is damaged`,
      );
    }
  }

  const withoutFiles: BundleManifest = {
    format: BUNDLE_FORMAT,
    bundleVersion: bundleVersionOf(parts.experiment.spec),
    appVersion: parts.appVersion,
    experiment: parts.experiment,
    artifacts,
    files: [],
  };
  const summary = utf8.encode(bundleSummary(withoutFiles));
  const summarySha = await sha256Chunked(summary, () => undefined);
  const manifest: BundleManifest = {
    ...withoutFiles,
    files: [
      { path: SUMMARY_FILE, sha256: summarySha, bytes: summary.length },
      ...artifacts.flatMap((a) => (a.file ? [{ path: a.file, sha256: a.record.fileHash, bytes: a.record.sizes.storedBytes }] : [])),
    ],
  };
  await checkManifest(manifest);

  await onProgress?.({ phase: 'packing', file: null, done: 0, total });
  const entries: ZipEntry[] = [
    { name: MANIFEST_FILE, data: utf8.encode(manifestText(manifest)) },
    { name: SUMMARY_FILE, data: summary },
    ...manifest.files.slice(1).map((f) => ({ name: f.path, data: bytesOf.get(f.path)! })),
  ];
  const bytes = writeStoredZip(entries);
  await onProgress?.({ phase: 'packing', file: null, done: total, total });
  return { bytes, manifest };
}
