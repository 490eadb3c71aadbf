/**
 * Import use case: one file the user brought becomes an immutable ohlcv artifact, or a quarantine entry.
 *
 *   decode → validate (schema rules) → contentHash → stored already? → canonical Parquet → put
 *      ↘ problems ↘ violations  ↘ not encodable                       ↘ existing record
 *                    quarantine (the file's own bytes, with every reason, capped)
 *
 * Depends on ports and injected functions only (no fs, no DuckDB): the CLI wires Node adapters in, the browser will
 * wire its own. Nothing is repaired: a file either becomes an artifact as it is, or is quarantined with its reasons.
 * Coverage is not part of the manifest record (record v1 is a strict schema); it is returned here and recomputed
 * from the stored bytes by whoever shows it.
 */
import { CanonicalEncodingError } from '../core/artifacts/errors';
import { ohlcvContentHash } from '../core/artifacts/content-hash';
import { fileHash } from '../core/artifacts/file-hash';
import { OHLCV_SCHEMA, ohlcvTimeRange } from '../core/artifacts/ohlcv-content';
import { MAX_STORED_REASONS, type QuarantineReason, type QuarantineRecord } from '../core/artifacts/quarantine';
import type { ArtifactRecord } from '../core/artifacts/record';
import { ohlcvCoverage, type CoverageReport } from '../core/coverage/ohlcv-coverage';
import { formatInterval } from '../core/domain/interval';
import type { OhlcvTable } from '../core/domain/ohlcv-table';
import { inferInterval } from '../core/schema/infer-interval';
import { validateOhlcv } from '../core/schema/ohlcv';
import type { ArtifactStore } from '../ports/artifact-store';
import { canonicalOhlcvIpc, CANONICAL_PARQUET_V1 } from './import-canonical-parquet';
import type { CanonicalParquetWriter } from '../ports/canonical-parquet-writer';
import type { BarsFileBytes, DecodeBarsFile } from './import-decode';

export interface ImportArtifactDeps {
  store: ArtifactStore;
  decode: DecodeBarsFile;
  parquet: CanonicalParquetWriter;
  /** Version of the lab, written into provenance. */
  appVersion: string;
}

export interface ImportArtifactOptions {
  /** Tags for a new artifact (an existing record is immutable and keeps its own). */
  tags?: readonly string[];
  /**
   * Instrument name for a file without an instrument column. Default: the file name without its extension
   * (`GOOG.csv` → `GOOG`). A file whose instrument column names one instrument uses that name.
   */
  instrument?: string;
  /** How many reasons a quarantine entry lists (every reason is counted). Default MAX_STORED_REASONS (1,000). */
  maxReasons?: number;
}

export type ImportOutcome =
  | {
      status: 'created' | 'existing';
      sourceFileName: string;
      record: ArtifactRecord;
      coverage: CoverageReport;
    }
  | {
      status: 'quarantined';
      sourceFileName: string;
      entry: QuarantineRecord;
      /** false when the same bytes had been quarantined before. */
      created: boolean;
    };

/** The caller named an instrument the file contradicts (a usage error, not bad data: nothing is quarantined). */
export class InstrumentConflictError extends Error {
  override name = 'InstrumentConflictError';
}

/** The file's name without directories and without its last extension. */
export function instrumentFromFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  const dot = base.lastIndexOf('.');
  return (dot > 0 ? base.slice(0, dot) : base).trim();
}

type Reason = QuarantineReason;

/** Reasons found, as a capped list in file order plus how many there are in all. */
export interface Reasons {
  readonly list: Reason[];
  readonly total: number;
}

/**
 * Merges capped lists (each in file order) into the first `max` reasons in file order — whole-file reasons (no
 * row) first — and adds up their totals. Each list holds its own first `max`, so the merged first `max` are exact.
 */
export function mergeReasons(parts: readonly Reasons[], max: number): Reasons {
  const rowKey = (r: Reason): number => r.row ?? 0;
  const list = parts.flatMap((p) => p.list).map((r, i) => ({ r, i }));
  list.sort((a, b) => rowKey(a.r) - rowKey(b.r) || a.i - b.i);
  return { list: list.slice(0, max).map((x) => x.r), total: parts.reduce((sum, p) => sum + p.total, 0) };
}

function violationReasons(table: OhlcvTable, source: string, rowNumbers: ArrayLike<number> | undefined, max: number): Reasons {
  const validation = validateOhlcv(table, { source, maxViolations: max, ...(rowNumbers === undefined ? {} : { rowNumbers }) });
  const list = validation.violations.map((v) => ({ code: v.rule, message: v.message, row: v.row > 0 ? v.row : null, column: v.column }));
  return { list, total: validation.total };
}

/**
 * The instrument an artifact is about, or the reason there is no single one: from the names in the file's instrument
 * column (undefined: the file has none), else the one given, else the file's name.
 */
export function instrumentOf(
  columnNames: Iterable<string> | undefined,
  file: { readonly name: string },
  options: ImportArtifactOptions,
): { name: string } | { reason: Reason } {
  if (columnNames === undefined) {
    const name = options.instrument?.trim() || instrumentFromFileName(file.name);
    if (name.length > 0) return { name };
    return {
      reason: {
        code: 'no-instrument',
        message: `${file.name}: no instrument column and no name to take one from; give one with --instrument`,
        row: null,
        column: null,
      },
    };
  }
  const names = [...new Set(columnNames)].sort();
  if (names.length > 1) {
    const shown = names
      .slice(0, 5)
      .map((n) => JSON.stringify(n))
      .join(', ');
    return {
      reason: {
        code: 'multiple-instruments',
        message: `${file.name}: ${names.length} instruments (${shown}${names.length > 5 ? ', …' : ''}); an ohlcv artifact holds one instrument — split the file per instrument`,
        row: null,
        column: 'instrument',
      },
    };
  }
  const name = names[0] ?? '';
  if (options.instrument !== undefined && options.instrument.trim() !== name) {
    throw new InstrumentConflictError(
      `${file.name}: instrument ${JSON.stringify(options.instrument)} was given, but the file's instrument column says ${JSON.stringify(name)}`,
    );
  }
  return { name };
}

/**
 * Imports one file. Bad data never throws, it is quarantined; store errors (quota, lock, corruption) and
 * InstrumentConflictError propagate.
 */
export async function importArtifact(deps: ImportArtifactDeps, file: BarsFileBytes, options: ImportArtifactOptions = {}): Promise<ImportOutcome> {
  const maxReasons = options.maxReasons ?? MAX_STORED_REASONS;
  const quarantine = async (reasons: Reason[], totalReasons = reasons.length): Promise<ImportOutcome> => {
    const draft = { sourceFileName: file.name, reasons, totalReasons, appVersion: deps.appVersion, kindHint: 'ohlcv' as const };
    const { entry, created } = await deps.store.quarantine(draft, file.bytes);
    return { status: 'quarantined', sourceFileName: file.name, entry, created };
  };

  const decoded = await deps.decode(file);
  if (!decoded.ok) {
    // Rows the decoder could read past the bad ones are checked too: one report lists every reason of the file.
    const parts: Reasons[] = [{ list: decoded.problems.slice(0, maxReasons), total: decoded.problemCount ?? decoded.problems.length }];
    if (decoded.readable !== undefined) parts.push(violationReasons(decoded.readable.table, file.name, decoded.readable.rowNumbers, maxReasons));
    const merged = mergeReasons(parts, maxReasons);
    return quarantine(merged.list, merged.total);
  }
  const table = decoded.table;

  const violations = violationReasons(table, file.name, decoded.rowNumbers, maxReasons);
  if (violations.total > 0) return quarantine(violations.list, violations.total);
  const rows = table.timestamp.length;
  if (rows === 0) return quarantine([{ code: 'no-rows', message: `${file.name}: the file has no bars`, row: null, column: null }]);

  const instrument = instrumentOf(table.instrument, file, options);
  if ('reason' in instrument) return quarantine([instrument.reason]);

  let contentHash: string;
  try {
    contentHash = await ohlcvContentHash(table);
  } catch (e) {
    if (!(e instanceof CanonicalEncodingError)) throw e;
    const row = e.row === undefined ? null : (decoded.rowNumbers?.[e.row] ?? e.row + 1);
    return quarantine([{ code: 'canonical-encoding', message: `${file.name}: ${e.message}`, row, column: e.column ?? null }]);
  }

  const interval = inferInterval(table);
  // Coverage describes the artifact: its instrument is the stored record's (the first import named it).
  const coverageOf = (record: ArtifactRecord): CoverageReport =>
    ohlcvCoverage(table, interval, { instrument: record.instruments[0] ?? instrument.name });
  const known = await deps.store.getByContentHash(contentHash);
  if (known) return { status: 'existing', sourceFileName: file.name, record: known, coverage: coverageOf(known) };

  const parquet = await deps.parquet.writeParquet(canonicalOhlcvIpc(table), CANONICAL_PARQUET_V1);
  const source = await fileHash(file.bytes);
  const { record, created } = await deps.store.put(
    {
      kind: 'ohlcv',
      contentHash,
      schema: OHLCV_SCHEMA,
      rowCount: rows,
      instruments: [instrument.name],
      timeRange: ohlcvTimeRange(table),
      interval: interval === undefined ? null : formatInterval(interval),
      provenance: { sourceFileName: file.name, sourceFileHash: source.sha256, appVersion: deps.appVersion },
      sourceBytes: source.size,
      inputs: [],
      tags: options.tags ?? [],
    },
    parquet,
  );
  return { status: created ? 'created' : 'existing', sourceFileName: file.name, record, coverage: coverageOf(record) };
}
