/**
 * Verifying a bundle before anything from it is stored. In order, stopping at the first problem:
 *
 *   1. the archive: size limits, then the strict stored-ZIP rules and each entry's CRC-32 (stored-zip.ts)
 *   2. manifest.json first, within its size limit, UTF-8 JSON, of a format version this lab reads, valid by schema
 *   3. the entries are exactly manifest.json and the files it lists, in its order: unknown or missing files refused
 *   4. the manifest describes one finished experiment consistently (bundle-consistency.ts)
 *   5. each file's size and SHA-256 as listed (the Parquet files' are their records' fileHash)
 *   6. summary.txt is the summary of this manifest; every .parquet is a complete Parquet file
 *   7. each artifact's contentHash re-derived from its Parquet bytes: decoded by `tableContentHash` (an adapter
 *      reads Parquet; the core cannot) and hashed with the canonical encoding
 *
 * A refusal is a BundleError naming the file inside the bundle and the rule.
 */
import { ParquetEnvelope } from '../artifacts/parquet-envelope';
import type { CanonicalSchema } from '../artifacts/logical-schema';
import type { ExperimentRecord, ExperimentResultRole } from '../experiments/record';
import type { BundlePart, BundleResults } from './bundle-build';
import { checkManifest } from './bundle-consistency';
import {
  BUNDLE_FORMAT,
  BUNDLE_LIMITS,
  BUNDLE_VERSION,
  BundleManifestSchema,
  MANIFEST_FILE,
  resultRolesOf,
  SUMMARY_FILE,
  type BundleLimits,
  type BundleManifest,
} from './bundle-format';
import { sha256Chunked, type OnBundleProgress } from './bundle-progress';
import { bundleSummary } from './bundle-summary';
import { BundleError } from './errors';
import { readStoredZip } from './stored-zip';

/** contentHash of a table stored as Parquet, decoded by an adapter with the record's logical schema. */
export type TableContentHash = (bytes: Uint8Array, schema: CanonicalSchema, file: string) => Promise<string>;

export interface VerifyBundleOptions {
  tableContentHash: TableContentHash;
  limits?: Partial<BundleLimits>;
  onProgress?: OnBundleProgress;
}

export interface VerifiedBundle {
  manifest: BundleManifest;
  experiment: ExperimentRecord;
  /** In the experiment's input order; `bytes` null for an input the bundle does not hold. */
  inputs: BundlePart[];
  /** Every result table of the experiment (resultRolesOf its spec). */
  results: BundleResults;
  summary: string;
}

function parseManifest(data: Uint8Array, limits: BundleLimits): BundleManifest {
  const refuse = (rule: 'manifest' | 'size', detail: string): never => {
    throw new BundleError(MANIFEST_FILE, rule, detail);
  };
  if (data.length > limits.maxManifestBytes) refuse('size', `${data.length} bytes; the limit is ${limits.maxManifestBytes}`);
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(data));
  } catch (e) {
    refuse('manifest', `not UTF-8 JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const head = typeof raw === 'object' && raw !== null ? (raw as { format?: unknown; bundleVersion?: unknown }) : {};
  if (head.format !== BUNDLE_FORMAT)
    refuse('manifest', `format is ${JSON.stringify(head.format ?? null)}, not ${JSON.stringify(BUNDLE_FORMAT)} (not a quantlab result bundle?)`);
  if (typeof head.bundleVersion === 'number' && head.bundleVersion > BUNDLE_VERSION) {
    refuse('manifest', `bundle version ${head.bundleVersion} is newer than this lab reads (${BUNDLE_VERSION}); update the lab`);
  }
  const parsed = BundleManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.length ? i.path.join('.') : '(manifest)'}: ${i.message}`);
    refuse('manifest', `${issues.join('; ')}${parsed.error.issues.length > 5 ? `; and ${parsed.error.issues.length - 5} more` : ''}`);
  }
  return parsed.data as BundleManifest;
}

export async function verifyBundle(bytes: Uint8Array, options: VerifyBundleOptions): Promise<VerifiedBundle> {
  const limits: BundleLimits = { ...BUNDLE_LIMITS, ...options.limits };
  const report = options.onProgress;
  if (bytes.length > limits.maxBundleBytes)
    throw new BundleError(null, 'size', `the bundle is ${bytes.length} bytes; the limit is ${limits.maxBundleBytes}`);
  const entries = readStoredZip(bytes, { maxArchiveBytes: limits.maxBundleBytes, maxEntries: limits.maxEntries, maxEntryBytes: limits.maxFileBytes });

  const manifestAt = entries.findIndex((e) => e.name === MANIFEST_FILE);
  if (manifestAt < 0) throw new BundleError(MANIFEST_FILE, 'missing-file', 'the archive has no manifest.json (not a quantlab result bundle?)');
  if (manifestAt !== 0) throw new BundleError(MANIFEST_FILE, 'zip-canonical', 'manifest.json must be the first entry');
  const manifest = parseManifest(entries[0].data, limits);

  const listed = new Map(manifest.files.map((f) => [f.path, f]));
  for (const e of entries.slice(1))
    if (!listed.has(e.name)) throw new BundleError(e.name, 'unknown-file', 'the manifest does not list this file; a bundle holds nothing else');
  const present = new Map(entries.slice(1).map((e) => [e.name, e.data]));
  for (const f of manifest.files)
    if (!present.has(f.path)) throw new BundleError(f.path, 'missing-file', 'listed in manifest.json but not in the archive');
  if (entries.slice(1).some((e, i) => e.name !== manifest.files[i]?.path))
    throw new BundleError(null, 'zip-canonical', 'the entries are not in the order manifest.json lists them');

  await checkManifest(manifest);

  const total = manifest.files.reduce((s, f) => s + f.bytes, 0);
  let before = 0;
  for (const f of manifest.files) {
    const data = present.get(f.path)!;
    if (data.length !== f.bytes) throw new BundleError(f.path, 'checksum', `${data.length} bytes, manifest.json says ${f.bytes}`);
    const sha = await sha256Chunked(data, (d) => report?.({ phase: 'verifying', file: f.path, done: before + d, total }));
    before += data.length;
    if (sha !== f.sha256) throw new BundleError(f.path, 'checksum', `SHA-256 is ${sha}, manifest.json says ${f.sha256}`);
    if (f.path.endsWith('.parquet')) {
      const envelope = new ParquetEnvelope();
      envelope.push(data);
      const problem = envelope.problem(f.path);
      if (problem) throw new BundleError(f.path, 'parquet', problem.message);
    }
  }
  const summary = new TextDecoder('utf-8').decode(present.get(SUMMARY_FILE));
  if (summary !== bundleSummary(manifest)) throw new BundleError(SUMMARY_FILE, 'summary', 'is not the summary of this manifest (edited?)');

  const withFiles = manifest.artifacts.filter((a) => a.file !== null);
  const contentTotal = withFiles.reduce((s, a) => s + a.record.sizes.storedBytes, 0);
  before = 0;
  for (const a of withFiles) {
    const file = a.file!;
    await report?.({ phase: 'content', file, done: before, total: contentTotal });
    let hash: string;
    try {
      hash = await options.tableContentHash(present.get(file)!, a.record.schema, file);
    } catch (e) {
      throw new BundleError(file, 'parquet', `cannot be read as the table its record describes (${e instanceof Error ? e.message : String(e)})`);
    }
    if (hash !== a.record.contentHash)
      throw new BundleError(file, 'content-hash', `its rows hash to contentHash ${hash}; its record says ${a.record.contentHash}`);
    before += a.record.sizes.storedBytes;
    await report?.({ phase: 'content', file, done: before, total: contentTotal });
  }

  const part = (role: ExperimentResultRole) => {
    const a = manifest.artifacts.find((x) => x.role === role)!;
    return { record: a.record, bytes: present.get(a.file!)! };
  };
  return {
    manifest,
    experiment: manifest.experiment,
    inputs: manifest.artifacts.filter((a) => a.role === 'input').map((a) => ({ record: a.record, bytes: a.file ? present.get(a.file)! : null })),
    results: Object.fromEntries(resultRolesOf(manifest.experiment.spec).map((r) => [r, part(r)])) as BundleResults,
    summary,
  };
}
