/**
 * Result bundles: one finished experiment as a ZIP archive someone else can verify, import and re-run. Format 1
 * holds a version-1 experiment and its four result tables; format 2 a lab-profile (version-2) experiment and its
 * eight (RESULT_ROLES then orders, positions, attribution, benchmark). The version follows the spec, so a version-1
 * experiment's bundle is written exactly as before.
 *
 *   manifest.json              this file's schema: the experiment record (spec, provenance, results), one entry
 *                              per artifact (role, file, manifest record — whose `inputs` are the lineage), and
 *                              the SHA-256 and size of every other file
 *   summary.txt                what the bundle holds, for people (rendered from the manifest; checked on import)
 *   inputs/<artifact id>.parquet  the input bars, when the bundle was made with inputs
 *   results/<role>.parquet     the result tables: equity, trades, fills, metrics (format 2: and orders, positions,
 *                              attribution, benchmark) — canonical Parquet
 *
 * Entries are stored, in this order, with fixed headers (stored-zip.ts), so a bundle is a function of its content.
 * Nothing else may be in it: an unknown file is refused, not ignored.
 */
import { z } from 'zod';
import { ArtifactRecordSchema, type ArtifactRecord } from '../artifacts/record';
import {
  ExperimentRecordSchema,
  LAB_RESULT_ROLES,
  labResultRolesOf,
  PORTFOLIO_RESULT_ROLES,
  RESULT_ROLES,
  type ExperimentRecord,
  type ExperimentResultRole,
} from '../experiments/record';
import { isLabSpec, type ExperimentSpec } from '../experiments/spec';

export const BUNDLE_FORMAT = 'quantlab-result-bundle';
/** The newest format this lab reads and writes. */
export const BUNDLE_VERSION = 2;
export type BundleVersion = 1 | 2;

/** The format a spec's bundle is written in: 2 for a lab-profile spec, 1 otherwise (bytes as before). */
export function bundleVersionOf(spec: ExperimentSpec): BundleVersion {
  return isLabSpec(spec) ? 2 : 1;
}

/** The result tables a spec's experiment has, in the order its resultHash reads them. */
export function resultRolesOf(spec: ExperimentSpec): readonly ExperimentResultRole[] {
  return isLabSpec(spec) ? labResultRolesOf(spec) : RESULT_ROLES;
}
export const MANIFEST_FILE = 'manifest.json';
export const SUMMARY_FILE = 'summary.txt';

export const BUNDLE_ROLES = ['input', ...LAB_RESULT_ROLES, ...PORTFOLIO_RESULT_ROLES] as const;
export type BundleRole = (typeof BUNDLE_ROLES)[number];

export function resultFile(role: ExperimentResultRole): string {
  return `results/${role}.parquet`;
}

export function inputFile(artifactId: string): string {
  return `inputs/${artifactId}.parquet`;
}

const RESULT_FILE_ROLES = [...LAB_RESULT_ROLES, ...PORTFOLIO_RESULT_ROLES].join('|');
const FILE_PATH = new RegExp(`^(summary\\.txt|results/(${RESULT_FILE_ROLES})\\.parquet|inputs/art_[0-9a-f]{24}\\.parquet)$`);

export interface BundleLimits {
  /** The archive as a whole. */
  maxBundleBytes: number;
  maxEntries: number;
  /** Any one file in it. */
  maxFileBytes: number;
  maxManifestBytes: number;
}

/**
 * Defaults: what one experiment with its inputs plausibly needs, and what a browser tab can hold twice. Entries:
 * a universe of up to 1,000 inputs, its eight results, the manifest and the summary.
 */
export const BUNDLE_LIMITS: Readonly<BundleLimits> = Object.freeze({
  maxBundleBytes: 1024 * 1024 * 1024,
  maxEntries: 1024,
  maxFileBytes: 1024 * 1024 * 1024,
  maxManifestBytes: 8 * 1024 * 1024,
});

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits (SHA-256)');

export const BundleFileSchema = z.strictObject({
  path: z.string().regex(FILE_PATH, `expected summary.txt, results/<${RESULT_FILE_ROLES}>.parquet or inputs/<artifact id>.parquet`),
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
  bundleVersion: z.union([z.literal(1), z.literal(2)]),
  /** The lab that wrote the bundle. */
  appVersion: z.string().min(1),
  experiment: ExperimentRecordSchema,
  /** Inputs in the spec's order, then the result tables (resultRolesOf the spec). */
  artifacts: z.array(BundleArtifactSchema).min(RESULT_ROLES.length + 1),
  /** Every entry but manifest.json, in archive order. */
  files: z.array(BundleFileSchema).min(1),
});

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  bundleVersion: BundleVersion;
  appVersion: string;
  experiment: ExperimentRecord;
  artifacts: BundleArtifact[];
  files: BundleFile[];
}

/** manifest.json as written: two-space indentation, a final newline (readable, and one spelling per manifest). */
export function manifestText(manifest: BundleManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
