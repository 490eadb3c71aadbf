/**
 * The experiment record, version 1 (`recordVersion: 1`): the normalized spec and its identity, the status with its
 * history, provenance (which lab and which engine build ran it, and when) and the results of the last successful
 * attempt. Trackers store records as they are and validate them with `ExperimentRecordSchema` when they read them.
 *
 * Records change only through the pure functions here (`applyTransition`, `withResults`), so every tracker
 * enforces the same lifecycle (status.ts). Times come from the caller's clock as epoch ms and are stored as
 * ISO-8601 UTC; they are provenance, never part of an identity or a hash.
 */
import { z } from 'zod';
import { ARTIFACT_ID } from '../artifacts/ids';
import { CorruptStoreError } from '../artifacts/errors';
import { ExperimentTransitionError } from './errors';
import { EXPERIMENT_ID, RUN_ID, experimentIdOf, verifyPrepared, type PreparedSpec } from './identity';
import { ExperimentSpecSchema, type ExperimentSpec } from './spec';
import { ALLOWED_TRANSITIONS, EXPERIMENT_STATUSES, canTransition, isFinished, type ExperimentStatus } from './status';

export const EXPERIMENT_RECORD_VERSION = 1;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits (SHA-256)');
const isoTime = z.iso.datetime();

/** The roles of the result tables, in the order the resultHash reads their contentHashes. */
export const RESULT_ROLES = ['equity', 'trades', 'fills', 'metrics'] as const;
export type ResultRole = (typeof RESULT_ROLES)[number];
/** The roles of a lab-profile (version 2) experiment's tables, in the order its resultHash reads them. */
export const LAB_RESULT_ROLES = ['equity', 'trades', 'fills', 'metrics', 'orders', 'positions', 'attribution', 'benchmark'] as const;
export type LabResultRole = (typeof LAB_RESULT_ROLES)[number];
/**
 * The tables a portfolio run adds (portfolio-result-tables.ts), read by the resultHash after the eight lab tables:
 * all five with a `portfolio` block, `risk` and `refusals` with only a `risk` block, none otherwise (hashes as before).
 */
export const PORTFOLIO_RESULT_ROLES = ['targets', 'optimizer', 'risk', 'stress', 'refusals'] as const;
export type PortfolioResultRole = (typeof PORTFOLIO_RESULT_ROLES)[number];
export type ExperimentResultRole = LabResultRole | PortfolioResultRole;

/** The result roles of a version-2 spec, in the order its resultHash reads them. */
export function labResultRolesOf(spec: { portfolio?: unknown; risk?: unknown }): readonly ExperimentResultRole[] {
  if (spec.portfolio !== undefined) return [...LAB_RESULT_ROLES, ...PORTFOLIO_RESULT_ROLES];
  if (spec.risk !== undefined) return [...LAB_RESULT_ROLES, 'risk', 'refusals'];
  return LAB_RESULT_ROLES;
}

export const ResultArtifactSchema = z.strictObject({
  id: z.string().regex(ARTIFACT_ID),
  contentHash: sha256Hex,
  rowCount: z.number().int().nonnegative(),
});
export type ResultArtifact = z.infer<typeof ResultArtifactSchema>;

export const ExperimentResultsSchema = z.strictObject({
  /** SHA-256 over the result artifacts' contentHashes (result-hash.ts). */
  resultHash: sha256Hex,
  /** The run identity: spec hash + engine build (identity.ts). */
  runId: z.string().regex(RUN_ID),
  /** The engine build that produced these results. */
  engineBuildHash: sha256Hex,
  /** The frozen inputs: artifact ids, in the spec's order. */
  inputs: z.array(z.string().regex(ARTIFACT_ID)).min(1),
  /** A SQL signal's declared labels/features artifacts, frozen: artifact ids in the spec's order (absent when it declares none). */
  derived: z.array(z.string().regex(ARTIFACT_ID)).min(1).optional(),
  artifacts: z.strictObject({
    equity: ResultArtifactSchema,
    trades: ResultArtifactSchema,
    fills: ResultArtifactSchema,
    metrics: ResultArtifactSchema,
    // Lab-profile (version 2) experiments only: a version-1 record has none of these.
    orders: ResultArtifactSchema.optional(),
    positions: ResultArtifactSchema.optional(),
    attribution: ResultArtifactSchema.optional(),
    benchmark: ResultArtifactSchema.optional(),
    // Portfolio runs only (a `portfolio` or `risk` block): PORTFOLIO_RESULT_ROLES.
    targets: ResultArtifactSchema.optional(),
    optimizer: ResultArtifactSchema.optional(),
    risk: ResultArtifactSchema.optional(),
    stress: ResultArtifactSchema.optional(),
    refusals: ResultArtifactSchema.optional(),
  }),
  /** Headline numbers for lists (the metrics artifact has them all); null where undefined. */
  summary: z.record(z.string(), z.number().nullable()),
});
export type ExperimentResults = z.infer<typeof ExperimentResultsSchema>;

export const ExperimentErrorSchema = z.strictObject({ name: z.string().min(1), message: z.string() });
export type ExperimentError = z.infer<typeof ExperimentErrorSchema>;

export const HistoryEntrySchema = z.strictObject({ status: z.enum(EXPERIMENT_STATUSES), at: isoTime });

/**
 * Where an experiment run elsewhere came from, when it arrived in a result bundle: the bundle's file name (as it
 * was offered), the SHA-256 of its bytes and when it was imported here. Local provenance: it enters no hash and
 * no identity, and an exported bundle leaves it out (the record travels as it was run).
 */
export const ImportedFromSchema = z.strictObject({
  file: z.string().min(1).max(500),
  bundleSha256: sha256Hex,
  importedAt: isoTime,
});
export type ImportedFrom = z.infer<typeof ImportedFromSchema>;

export const ExperimentProvenanceSchema = z.strictObject({
  /** Version of the lab that created the experiment, then of the lab that last ran it. */
  appVersion: z.string().min(1),
  /** SHA-256 of the engine build (its .wasm bytes) of the last attempt; null before one started. */
  engineBuildHash: sha256Hex.nullable(),
  createdAt: isoTime,
  /** Start of the last attempt (→ running); null before one started or while queued again. */
  startedAt: isoTime.nullable(),
  /** End of the last attempt (done, failed, cancelled, interrupted); null while one is open. */
  finishedAt: isoTime.nullable(),
  /** Present when the experiment was imported from a result bundle rather than run in this lab. */
  importedFrom: ImportedFromSchema.optional(),
});

export const ExperimentRecordSchema = z
  .strictObject({
    recordVersion: z.literal(EXPERIMENT_RECORD_VERSION),
    id: z.string().regex(EXPERIMENT_ID, 'expected exp_ + 24 hex digits'),
    specHash: sha256Hex,
    spec: ExperimentSpecSchema,
    status: z.enum(EXPERIMENT_STATUSES),
    /** Which session (tab, process) holds the attempt while queued or running; null otherwise. */
    session: z.string().min(1).nullable(),
    /** How many attempts reached `running`. */
    attempts: z.number().int().nonnegative(),
    provenance: ExperimentProvenanceSchema,
    /** Why the last attempt failed (or was cancelled/interrupted, when known). */
    error: ExperimentErrorSchema.nullable(),
    results: ExperimentResultsSchema.nullable(),
    /** Every status the experiment entered, oldest first. */
    history: z.array(HistoryEntrySchema).min(1),
  })
  .superRefine((r, ctx) => {
    if (r.id !== experimentIdOf(r.specHash))
      ctx.addIssue({ code: 'custom', path: ['id'], message: `id must be ${experimentIdOf(r.specHash)} (derived from specHash)` });
    if (r.history[r.history.length - 1]?.status !== r.status)
      ctx.addIssue({ code: 'custom', path: ['history'], message: 'the last history entry must be the current status' });
    if (r.status === 'done' && r.results === null) ctx.addIssue({ code: 'custom', path: ['results'], message: 'a done experiment has results' });
    if (r.results !== null && r.status !== 'done' && r.status !== 'running')
      ctx.addIssue({ code: 'custom', path: ['results'], message: `a ${r.status} experiment has no results` });
    if (r.status === 'failed' && r.error === null) ctx.addIssue({ code: 'custom', path: ['error'], message: 'a failed experiment says why' });
    if ((r.status === 'running' || r.status === 'done') && r.provenance.startedAt === null)
      ctx.addIssue({ code: 'custom', path: ['provenance', 'startedAt'], message: `a ${r.status} experiment has started` });
    if (isFinished(r.status) !== (r.provenance.finishedAt !== null))
      ctx.addIssue({
        code: 'custom',
        path: ['provenance', 'finishedAt'],
        message: `finishedAt is set exactly when the status is ${['done', 'failed', 'cancelled', 'interrupted'].join('/')}`,
      });
    if ((r.status === 'queued' || r.status === 'running') !== (r.session !== null))
      ctx.addIssue({ code: 'custom', path: ['session'], message: 'a session is set exactly while queued or running' });
  });

export type ExperimentRecord = Omit<z.infer<typeof ExperimentRecordSchema>, 'spec'> & { spec: ExperimentSpec };

function iso(at: number): string {
  if (!Number.isFinite(at)) throw new RangeError(`the clock returned ${at}, not a time`);
  return new Date(at).toISOString();
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(record)'}: ${i.message}`).join('; ');
}

function checked(candidate: ExperimentRecord): ExperimentRecord {
  const parsed = ExperimentRecordSchema.safeParse(candidate);
  if (!parsed.success) throw new Error(`internal error: built an invalid experiment record: ${describeIssues(parsed.error)}`);
  return parsed.data as ExperimentRecord;
}

export interface CreateFacts {
  /** Epoch ms, from the caller's clock. */
  at: number;
  appVersion: string;
}

/** A new experiment, in `draft`. */
export function newExperimentRecord(prepared: PreparedSpec, facts: CreateFacts): ExperimentRecord {
  const createdAt = iso(facts.at);
  return checked({
    recordVersion: EXPERIMENT_RECORD_VERSION,
    id: prepared.id,
    specHash: prepared.specHash,
    spec: prepared.spec,
    status: 'draft',
    session: null,
    attempts: 0,
    provenance: { appVersion: facts.appVersion, engineBuildHash: null, createdAt, startedAt: null, finishedAt: null },
    error: null,
    results: null,
    history: [{ status: 'draft', at: createdAt }],
  });
}

export interface TransitionOptions {
  /** Epoch ms, from the caller's clock. */
  at: number;
  /**
   * The statuses the caller believes the experiment is in (compare-and-set): anything else is refused, so two
   * sessions cannot both start the same experiment.
   */
  expected?: readonly ExperimentStatus[];
  /** queued/running: the session taking the attempt. */
  session?: string;
  /** running: the lab running it. */
  appVersion?: string;
  /** running: SHA-256 of the engine build. */
  engineBuildHash?: string;
  /** failed (required), cancelled, interrupted: why. */
  error?: ExperimentError;
}

/** The record after a status change; ExperimentTransitionError if the lifecycle does not allow it. */
export function applyTransition(record: ExperimentRecord, to: ExperimentStatus, options: TransitionOptions): ExperimentRecord {
  const from = record.status;
  const refuse = (why: string): never => {
    throw new ExperimentTransitionError(record.id, from, to, `experiment ${record.id} cannot go from ${from} to ${to}: ${why}`);
  };
  if (options.expected && !options.expected.includes(from))
    refuse(`it is ${from}, expected ${options.expected.join(' or ')} (changed by another session?)`);
  if (!canTransition(from, to)) refuse(`${from} may only become ${ALLOWED_TRANSITIONS[from].join(', ') || 'nothing'}`);
  const at = iso(options.at);
  const next: ExperimentRecord = {
    ...record,
    status: to,
    provenance: { ...record.provenance },
    history: [...record.history, { status: to, at }],
  };
  switch (to) {
    case 'queued':
      if (!options.session) refuse('a queued attempt needs the session that takes it');
      next.session = options.session!;
      next.error = null;
      next.results = null;
      next.provenance.startedAt = null;
      next.provenance.finishedAt = null;
      // Provenance describes the last attempt: one run here is no longer the bundle's.
      delete next.provenance.importedFrom;
      break;
    case 'running':
      if (!options.engineBuildHash) refuse('a running attempt needs the engine build hash');
      next.session = options.session ?? record.session;
      next.attempts = record.attempts + 1;
      next.provenance.engineBuildHash = options.engineBuildHash!;
      if (options.appVersion) next.provenance.appVersion = options.appVersion;
      next.provenance.startedAt = at;
      break;
    case 'done':
      if (record.results === null) refuse('no results were attached');
      next.session = null;
      next.provenance.finishedAt = at;
      break;
    case 'failed':
      if (!options.error) refuse('a failure needs its error');
      next.session = null;
      next.error = options.error!;
      next.results = null;
      next.provenance.finishedAt = at;
      break;
    case 'cancelled':
    case 'interrupted':
      next.session = null;
      next.error = options.error ?? null;
      next.results = null;
      next.provenance.finishedAt = at;
      break;
    case 'draft':
      refuse('nothing goes back to draft');
  }
  return checked(next);
}

/** The record with the results of its running attempt attached (only while running). */
export function withResults(record: ExperimentRecord, results: ExperimentResults): ExperimentRecord {
  if (record.status !== 'running') {
    throw new ExperimentTransitionError(
      record.id,
      record.status,
      record.status,
      `experiment ${record.id} is ${record.status}: results attach to a running attempt only`,
    );
  }
  const parsed = ExperimentResultsSchema.safeParse(results);
  if (!parsed.success) throw new TypeError(`invalid results for ${record.id}: ${describeIssues(parsed.error)}`);
  return checked({ ...record, results: parsed.data });
}

export interface ImportFacts {
  /** Epoch ms of the import, from the caller's clock. */
  at: number;
  /** The bundle's file name (no directories). */
  file: string;
  /** SHA-256 of the bundle's bytes. */
  bundleSha256: string;
}

/**
 * A finished experiment from a verified bundle, as this lab keeps it: the record as it was run — spec, status
 * `done`, results, provenance and history unchanged, so it compares and re-runs like one run here — plus where it
 * came from.
 */
export function importedExperimentRecord(record: ExperimentRecord, facts: ImportFacts): ExperimentRecord {
  if (record.status !== 'done' || record.results === null) {
    throw new ExperimentTransitionError(
      record.id,
      record.status,
      'done',
      `experiment ${record.id} is ${record.status}: only a finished (done) experiment can be imported`,
    );
  }
  const file = facts.file.split(/[\\/]/).pop() || 'bundle.zip';
  return checked({
    ...record,
    session: null,
    provenance: { ...record.provenance, importedFrom: { file: file.slice(0, 500), bundleSha256: facts.bundleSha256, importedAt: iso(facts.at) } },
  });
}

/**
 * Whether an imported experiment takes the place of the record stored under its id: yes when there is none, or
 * when the stored one holds no result and none is on the way (draft, failed, cancelled, interrupted). A done
 * experiment — run here or imported before — and an attempt in flight are kept as they are, so importing the same
 * bundle twice leaves one record, unchanged.
 */
export function importReplaces(stored: ExperimentRecord | undefined): boolean {
  return stored === undefined || !(stored.status === 'done' || stored.status === 'queued' || stored.status === 'running');
}

/**
 * What a tracker checks before registering an imported record: a valid record, done with results and import
 * provenance, whose spec hashes to its id (a tracker never trusts a caller with an identity).
 */
export async function validImportedRecord(record: ExperimentRecord): Promise<ExperimentRecord> {
  const parsed = ExperimentRecordSchema.safeParse(record);
  if (!parsed.success) throw new TypeError(`invalid imported experiment record: ${describeIssues(parsed.error)}`);
  const r = parsed.data as ExperimentRecord;
  if (r.status !== 'done' || r.provenance.importedFrom === undefined) {
    throw new TypeError(`experiment ${r.id}: an imported record is done and says where it came from (importedExperimentRecord)`);
  }
  await verifyPrepared({ spec: r.spec, specHash: r.specHash, id: r.id });
  return r;
}

/** The record as a bundle carries it: without this lab's import provenance. */
export function withoutImportProvenance(record: ExperimentRecord): ExperimentRecord {
  if (record.provenance.importedFrom === undefined) return record;
  const { importedFrom: _dropped, ...provenance } = record.provenance;
  return { ...record, provenance };
}

/** An error as the record keeps it: its name and first line. */
export function experimentError(e: unknown): ExperimentError {
  if (e instanceof Error) return { name: e.name || 'Error', message: e.message };
  return { name: 'Error', message: String(e) };
}

/** Why markInterrupted ended an attempt. */
export function interruptedError(record: Pick<ExperimentRecord, 'status' | 'session'>): ExperimentError {
  return {
    name: 'Interrupted',
    message: `the session ${record.session ?? '(unknown)'} holding this ${record.status} attempt ended (reload, crash or kill) before it finished`,
  };
}

/** Parses a record read back from storage; CorruptStoreError names `where` (a file or key). */
export function parseStoredExperiment(value: unknown, where: string): ExperimentRecord {
  const parsed = ExperimentRecordSchema.safeParse(value);
  if (parsed.success) return parsed.data as ExperimentRecord;
  const version = typeof value === 'object' && value !== null ? (value as { recordVersion?: unknown }).recordVersion : undefined;
  if (version !== EXPERIMENT_RECORD_VERSION) {
    throw new CorruptStoreError(
      where,
      `experiment record has recordVersion ${JSON.stringify(version)}; this version of the lab reads version ${EXPERIMENT_RECORD_VERSION}`,
    );
  }
  throw new CorruptStoreError(where, `not a valid experiment record: ${describeIssues(parsed.error)}`);
}
