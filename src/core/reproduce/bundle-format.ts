/**
 * Result bundles, format 1: one finished experiment as a ZIP archive someone else can verify, import and re-run.
 *
 *   manifest.json              this file's schema: the experiment record (spec, provenance, results), one entry
 *                              per artifact (role, file, manifest record — whose `inputs` are the lineage), and
 *                              the SHA-256 and size of every other file
 *   summary.txt                what the bundle holds, for people (rendered from the manifest; checked on import)
 *   inputs/<artifact id>.parquet  the input bars, when the bundle was made with inputs
 *   results/<role>.parquet     the result tables: equity, trades, fills, metrics (canonical Parquet)
 *
 * Entries are stored, in this order, with fixed headers (stored-zip.ts), so a bundle is a function of its content.
 * Nothing else may be in it: an unknown file is refused, not ignored.
 */
import { z } from 'zod';
import { ArtifactRecordSchema, type ArtifactRecord } from '../artifacts/record';
import { ExperimentRecordSchema, RESULT_ROLES, type ExperimentRecord, type ResultRole } from '../experiments/record';

export const BUNDLE_FORMAT = 'quantlab-result-bundle';
export const BUNDLE_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
export const SUMMARY_FILE = 'summary.txt';

export const BUNDLE_ROLES = ['input', ...RESULT_ROLES] as const;
export type BundleRole = (typeof BUNDLE_ROLES)[number];

export function resultFile(role: ResultRole): string {
  return `results/${role}.parquet`;
}

export function inputFile(artifactId: string): string {
  return `inputs/${artifactId}.parquet`;
}

const FILE_PATH = /^(summary\.txt|results\/(equity|trades|fills|metrics)\.parquet|inputs\/art_[0-9a-f]{24}\.parquet)$/;

export interface BundleLimits {
  /** The archive as a whole. */
  maxBundleBytes: number;
  maxEntries: number;
  /** Any one file in it. */
  maxFileBytes: number;
  maxManifestBytes: number;
}

/** Defaults: what one experiment with its inputs plausibly needs, and what a browser tab can hold twice. */
export const BUNDLE_LIMITS: Readonly<BundleLimits> = Object.freeze({
  maxBundleBytes: 1024 * 1024 * 1024,
  maxEntries: 256,
  maxFileBytes: 1024 * 1024 * 1024,
  maxManifestBytes: 8 * 1024 * 1024,
});

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits (SHA-256)');

export const BundleFileSchema = z.strictObject({
  path: z.string().regex(FILE_PATH, 'expected summary.txt, results/<equity|trades|fills|metrics>.parquet or inputs/<artifact id>.parquet'),
  sha256: sha256Hex,
  bytes: z.number().int().nonnegative(),
});
export type BundleFile = z.infer<typeof BundleFileSchema>;

export const BundleArtifactSchema = z.strictObject({
  role: z.enum(BUNDLE_ROLES),
  /** Where its Parquet is in the archive; null for an input left out of the bundle. */
  file: z.string().nullable(),
  record: ArtifactRecordSchema,
});
export type BundleArtifact = Omit<z.infer<typeof BundleArtifactSchema>, 'record'> & { record: ArtifactRecord };

export const BundleManifestSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  bundleVersion: z.literal(BUNDLE_VERSION),
  /** The lab that wrote the bundle. */
  appVersion: z.string().min(1),
  experiment: ExperimentRecordSchema,
  /** Inputs in the spec's order, then equity, trades, fills, metrics. */
  artifacts: z.array(BundleArtifactSchema).min(RESULT_ROLES.length + 1),
  /** Every entry but manifest.json, in archive order. */
  files: z.array(BundleFileSchema).min(1),
});

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  bundleVersion: typeof BUNDLE_VERSION;
  appVersion: string;
  experiment: ExperimentRecord;
  artifacts: BundleArtifact[];
  files: BundleFile[];
}

/** manifest.json as written: two-space indentation, a final newline (readable, and one spelling per manifest). */
export function manifestText(manifest: BundleManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
