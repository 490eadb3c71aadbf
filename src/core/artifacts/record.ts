/**
 * The manifest record: everything the lab knows about one stored artifact. Records are immutable once written;
 * stores persist them as they are and check them whenever they read them back (stored-check.ts: the same rules by hand,
 * so that reading a store loads no schema library).
 *
 * Version 1 (`manifestVersion: 1`). A later version adds a schema beside this one and a migration; readers refuse
 * versions they do not know rather than guess.
 */
import { z } from 'zod';
import type { IntervalName } from '../domain/interval';
import { formatInterval, tryParseInterval } from '../domain/interval';
import { InvalidArtifactError } from './errors';
import { ARTIFACT_ID, artifactId, isArtifactId } from './ids';
import { ARTIFACT_KINDS, type ArtifactKind } from './kind';
import { formatSchema, LOGICAL_TYPES, sameSchema, type CanonicalSchema } from './logical-schema';
import { OHLCV_SCHEMA, type TimeRange } from './ohlcv-content';
import { MANIFEST_VERSION } from './stored-check';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits (SHA-256)');
const epochMs = z.number().int().refine(Number.isSafeInteger, 'expected a safe integer (epoch ms)');
const byteCount = z.number().int().nonnegative();
const intervalName = z.custom<IntervalName>(
  (v) => typeof v === 'string' && isIntervalName(v),
  'expected an interval name (1m 5m 15m 30m 1h 4h 1d 1w 1mo)',
);

/** Ordered columns, at least one, names unique (stored-check.ts checks the same by hand on reads). */
const CanonicalSchemaSchema = z
  .array(z.strictObject({ name: z.string().min(1), type: z.enum(LOGICAL_TYPES) }))
  .min(1)
  .superRefine((cols, ctx) => {
    const seen = new Set<string>();
    cols.forEach((c, i) => {
      if (seen.has(c.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `duplicate column name "${c.name}"` });
      seen.add(c.name);
    });
  });

export const TimeRangeSchema = z.strictObject({ startMs: epochMs, endMs: epochMs }).refine((r) => r.startMs <= r.endMs, 'startMs is after endMs');

export const ProvenanceSchema = z.strictObject({
  /** Name of the file the user brought (e.g. `GOOG.csv`), null for results the lab produced. */
  sourceFileName: z.string().min(1).nullable(),
  /** SHA-256 of that source file as it was brought (CSV before conversion), null when there was none. */
  sourceFileHash: sha256Hex.nullable(),
  /** Version of the lab that wrote the artifact. */
  appVersion: z.string().min(1),
});
export type Provenance = z.infer<typeof ProvenanceSchema>;

function isIntervalName(v: string): boolean {
  const parsed = tryParseInterval(v);
  return parsed !== undefined && formatInterval(parsed) === v;
}

const uniqueStrings = (what: string) => (list: readonly string[]) => new Set(list).size === list.length || `${what} are not unique`;

export const ArtifactRecordSchema = z
  .strictObject({
    manifestVersion: z.literal(MANIFEST_VERSION),
    id: z.string().regex(ARTIFACT_ID, 'expected art_ + 24 hex digits'),
    kind: z.enum(ARTIFACT_KINDS),
    /** SHA-256 of the canonical logical content (see canonical-encoding.ts). */
    contentHash: sha256Hex,
    /** SHA-256 of the stored bytes. */
    fileHash: sha256Hex,
    format: z.literal('parquet'),
    schema: CanonicalSchemaSchema,
    rowCount: z.number().int().nonnegative(),
    instruments: z.array(z.string().min(1)),
    timeRange: TimeRangeSchema.nullable(),
    interval: intervalName.nullable(),
    /** storedBytes: the stored Parquet file; sourceBytes: the file the user brought (null for lab results). */
    sizes: z.strictObject({ storedBytes: byteCount, sourceBytes: byteCount.nullable() }),
    /** ISO-8601 UTC, from the store's injected clock. */
    createdAt: z.iso.datetime(),
    provenance: ProvenanceSchema,
    /** Artifacts this one was made from (lineage, upstream), in the order the producer declared them. */
    inputs: z.array(z.string().regex(ARTIFACT_ID)),
    /** Sorted, unique. */
    tags: z.array(z.string().min(1)),
  })
  .superRefine((r, ctx) => {
    if (r.id !== artifactId(r.contentHash))
      ctx.addIssue({ code: 'custom', path: ['id'], message: `id must be ${artifactId(r.contentHash)} (derived from contentHash)` });
    const inputs = uniqueStrings('inputs')(r.inputs);
    if (inputs !== true) ctx.addIssue({ code: 'custom', path: ['inputs'], message: inputs });
    if (r.inputs.includes(r.id)) ctx.addIssue({ code: 'custom', path: ['inputs'], message: 'an artifact cannot be its own input' });
    if (!isSortedUnique(r.tags)) ctx.addIssue({ code: 'custom', path: ['tags'], message: 'tags must be sorted and unique' });
    if (!isSortedUnique(r.instruments)) ctx.addIssue({ code: 'custom', path: ['instruments'], message: 'instruments must be sorted and unique' });
    for (const problem of kindProblems(r.kind, r.schema, r.rowCount, r.timeRange))
      ctx.addIssue({ code: 'custom', path: ['schema'], message: problem });
  });

export type ArtifactRecord = z.infer<typeof ArtifactRecordSchema>;

/** What a producer declares; the store adds id, fileHash, sizes and createdAt. */
export interface ArtifactDraft {
  kind: ArtifactKind;
  contentHash: string;
  schema: CanonicalSchema;
  rowCount: number;
  instruments?: readonly string[];
  timeRange?: TimeRange | null;
  interval?: IntervalName | null;
  provenance: Provenance;
  /** Size of the source file as brought (e.g. the CSV), when there was one. */
  sourceBytes?: number | null;
  inputs?: readonly string[];
  tags?: readonly string[];
}

/** What the store measured while storing the bytes. */
export interface StoredFacts {
  fileHash: string;
  storedBytes: number;
  /** From the store's injected clock, epoch ms. */
  createdAtMs: number;
}

function isSortedUnique(list: readonly string[]): boolean {
  for (let i = 1; i < list.length; i++) if (!(list[i - 1] < list[i])) return false;
  return true;
}

function kindProblems(kind: ArtifactKind, schema: CanonicalSchema, rowCount: number, timeRange: TimeRange | null): string[] {
  const problems: string[] = [];
  if (kind === 'ohlcv') {
    if (!sameSchema(schema, OHLCV_SCHEMA)) problems.push(`an ohlcv artifact has schema ${formatSchema(OHLCV_SCHEMA)}; got ${formatSchema(schema)}`);
    if (rowCount > 0 && timeRange === null) problems.push('an ohlcv artifact with rows needs a timeRange');
  }
  return problems;
}

function sortedUnique(list: readonly string[] | undefined): string[] {
  return [...new Set((list ?? []).map((s) => s.trim()))].filter((s) => s.length > 0).sort();
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(record)'}: ${i.message}`).join('; ');
}

/**
 * Builds and validates a record. Throws InvalidArtifactError listing every broken rule. Deterministic: the same
 * draft and facts always give the same record (tags and instruments are trimmed, sorted and deduplicated).
 */
export function buildArtifactRecord(draft: ArtifactDraft, facts: StoredFacts): ArtifactRecord {
  if (!/^[0-9a-f]{64}$/.test(draft.contentHash)) {
    throw new InvalidArtifactError(`contentHash must be 64 lowercase hex digits, got "${draft.contentHash}"`);
  }
  if (!Number.isFinite(facts.createdAtMs)) throw new InvalidArtifactError(`the clock returned ${facts.createdAtMs}, not a time`);
  const candidate = {
    manifestVersion: MANIFEST_VERSION,
    id: artifactId(draft.contentHash),
    kind: draft.kind,
    contentHash: draft.contentHash,
    fileHash: facts.fileHash,
    format: 'parquet' as const,
    schema: draft.schema.map((c) => ({ name: c.name, type: c.type })),
    rowCount: draft.rowCount,
    instruments: sortedUnique(draft.instruments),
    timeRange: draft.timeRange ? { startMs: draft.timeRange.startMs, endMs: draft.timeRange.endMs } : null,
    interval: draft.interval ?? null,
    sizes: { storedBytes: facts.storedBytes, sourceBytes: draft.sourceBytes ?? null },
    createdAt: new Date(facts.createdAtMs).toISOString(),
    provenance: { ...draft.provenance },
    inputs: [...(draft.inputs ?? [])],
    tags: sortedUnique(draft.tags),
  };
  const parsed = ArtifactRecordSchema.safeParse(candidate);
  if (!parsed.success) throw new InvalidArtifactError(`invalid ${draft.kind} artifact: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

/**
 * Checks a draft before any byte is written, with placeholder facts. Same rules as `buildArtifactRecord`.
 * Returns the id the artifact will have.
 */
export function validateArtifactDraft(draft: ArtifactDraft): string {
  buildArtifactRecord(draft, { fileHash: '0'.repeat(64), storedBytes: 0, createdAtMs: 0 });
  for (const input of draft.inputs ?? []) {
    if (!isArtifactId(input)) throw new InvalidArtifactError(`input "${input}" is not an artifact id (art_ + 24 hex digits)`);
  }
  return artifactId(draft.contentHash);
}

export { describeIssues as describeRecordIssues };
