/**
 * Quarantine: files the lab refused. They are kept byte for byte with the reasons, listed apart from artifacts,
 * never given to experiments (they have no artifact id and cannot be an input) and never repaired silently.
 * Identity is the file's own hash: the same bad file brought twice is one entry.
 */
import { z } from 'zod';
import { InvalidArtifactError } from './errors';
import { QUARANTINE_ID, quarantineId } from './ids';
import { ARTIFACT_KINDS, type ArtifactKind } from './kind';
import { describeRecordIssues } from './record';
import { MANIFEST_VERSION } from './stored-check';

/**
 * How many reasons an entry keeps; every reason is still counted in `totalReasons`. A file with millions of bad rows
 * would otherwise make a record of hundreds of megabytes, and the first thousand say what is wrong.
 */
export const MAX_STORED_REASONS = 1000;

export const QuarantineReasonSchema = z.strictObject({
  /** Machine-readable rule name, e.g. `not-parquet`, `truncated`, `missing-column`, `non-monotonic-time`. */
  code: z.string().min(1),
  /** What a person reads: which row, which column, what was expected. */
  message: z.string().min(1),
  row: z.number().int().nonnegative().nullable(),
  column: z.string().nullable(),
});
export type QuarantineReason = z.infer<typeof QuarantineReasonSchema>;

export const QuarantineRecordSchema = z
  .strictObject({
    manifestVersion: z.literal(MANIFEST_VERSION),
    id: z.string().regex(QUARANTINE_ID, 'expected q_ + 24 hex digits'),
    fileHash: z.string().regex(/^[0-9a-f]{64}$/),
    size: z.number().int().nonnegative(),
    sourceFileName: z.string().min(1),
    /** What the file was meant to become, when known. */
    kindHint: z.enum(ARTIFACT_KINDS).nullable(),
    /** The first reasons in file order (at most MAX_STORED_REASONS): parse errors and rule violations alike. */
    reasons: z.array(QuarantineReasonSchema).min(1),
    /** Every reason found, listed or not; absent in entries written before it was counted (then reasons.length). */
    totalReasons: z.number().int().positive().optional(),
    createdAt: z.iso.datetime(),
    appVersion: z.string().min(1),
  })
  .refine((r) => r.id === quarantineId(r.fileHash), { path: ['id'], message: 'id must be derived from fileHash' })
  .refine((r) => r.totalReasons === undefined || r.totalReasons >= r.reasons.length, {
    path: ['totalReasons'],
    message: 'must count at least the listed reasons',
  });
export type QuarantineRecord = z.infer<typeof QuarantineRecordSchema>;

export interface QuarantineDraft {
  sourceFileName: string;
  reasons: ReadonlyArray<{ code: string; message: string; row?: number | null; column?: string | null }>;
  /** Every reason found when `reasons` is a capped list; default reasons.length. */
  totalReasons?: number;
  appVersion: string;
  kindHint?: ArtifactKind | null;
}

export function buildQuarantineRecord(draft: QuarantineDraft, facts: { fileHash: string; size: number; createdAtMs: number }): QuarantineRecord {
  const candidate = {
    manifestVersion: MANIFEST_VERSION,
    id: quarantineId(facts.fileHash),
    fileHash: facts.fileHash,
    size: facts.size,
    sourceFileName: draft.sourceFileName,
    kindHint: draft.kindHint ?? null,
    reasons: draft.reasons.map((r) => ({ code: r.code, message: r.message, row: r.row ?? null, column: r.column ?? null })),
    totalReasons: draft.totalReasons ?? draft.reasons.length,
    createdAt: new Date(facts.createdAtMs).toISOString(),
    appVersion: draft.appVersion,
  };
  const parsed = QuarantineRecordSchema.safeParse(candidate);
  if (!parsed.success) throw new InvalidArtifactError(`invalid quarantine entry for ${draft.sourceFileName}: ${describeRecordIssues(parsed.error)}`);
  return parsed.data;
}

/** Checks a quarantine draft before any byte is written. */
export function validateQuarantineDraft(draft: QuarantineDraft): void {
  buildQuarantineRecord(draft, { fileHash: '0'.repeat(64), size: 0, createdAtMs: 0 });
}
