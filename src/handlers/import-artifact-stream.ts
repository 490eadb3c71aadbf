/**
 * The import use case for a file too large to hold: a CSV is read once as a stream of byte chunks, a Parquet file
 * row group by row group (streamed-parquet-bars.ts), both in batches of one canonical Parquet row group (65,536
 * rows), and memory stays that of a batch whatever the file's size. Per batch:
 * the rows are validated (row rules carry over batch boundaries), gaps counted for the interval, the canonical
 * value bytes of each column appended to a temp spool, and the batch handed to the streaming Parquet writer, whose
 * output goes to another spool. At the end the contentHash is taken over the column spools, the coverage read from
 * the timestamp spool, and the Parquet spool streamed into the store; a refused file is streamed again, from its
 * source, into the quarantine.
 *
 * Outcomes are importArtifact's for the same bytes — id, stored bytes, record, coverage, quarantine reasons with
 * their rows and columns (tests compare both on real and generated files) — since the same reader, rules, canonical
 * encoding and writer settings are used. Temp data is released whatever happens: a failed or cancelled import
 * leaves nothing behind, and the store writes an artifact whole or not at all.
 */
import { ohlcvBatchValueBytes, ohlcvContentHashOfColumns, canonicalTimestampBatches } from '../core/artifacts/batched-content-hash';
import { CanonicalEncodingError } from '../core/artifacts/errors';
import { byteChunks, type ByteSource } from '../core/artifacts/file-hash';
import { OHLCV_SCHEMA } from '../core/artifacts/ohlcv-content';
import { MAX_STORED_REASONS, type QuarantineReason } from '../core/artifacts/quarantine';
import type { ArtifactRecord } from '../core/artifacts/record';
import { sortedSeriesCoverage } from '../core/coverage/sorted-series-coverage';
import type { CoverageReport } from '../core/coverage/ohlcv-coverage';
import { formatInterval } from '../core/domain/interval';
import { OhlcvBatchValidator } from '../core/schema/ohlcv';
import { StreamedSpacing } from '../core/schema/streamed-spacing';
import type { ArtifactStore } from '../ports/artifact-store';
import type { CanonicalParquetStreamWriter } from '../ports/canonical-parquet-writer';
import type { ParquetRowGroupReader } from '../ports/parquet-row-groups';
import type { OpenTempSpace, TempSpace } from '../ports/temp-spool';
import { BatchChannel } from './batch-channel';
import { barsFileFormat } from './decode-bars-bytes';
import {
  importArtifact,
  instrumentOf,
  mergeReasons,
  type ImportArtifactDeps,
  type ImportArtifactOptions,
  type ImportOutcome,
  type Reasons,
} from './import-artifact';
import { canonicalOhlcvIpc, CANONICAL_PARQUET_V1 } from './import-canonical-parquet';
import { withImportStages, type ImportStage } from './import-stages';
import type { StreamedBars } from './streamed-bars';
import { streamedCsvBars } from './streamed-csv-bars';
import { streamedParquetBars } from './streamed-parquet-bars';

/** A file that can be read from its start as often as needed (a path, a File): once to import, again to quarantine. */
export interface BarsFileSource {
  readonly name: string;
  open(): ByteSource;
  /**
   * The file as a Blob for random access (a File; a file-backed Blob from `fs.openAsBlob`), which Parquet needs to
   * read row group by row group. Without it a Parquet file is first gathered into a Blob in memory.
   */
  blob?(): Promise<Blob>;
}

export interface ImportStreamDeps {
  store: ArtifactStore;
  parquet: CanonicalParquetStreamWriter & ParquetRowGroupReader;
  temp: OpenTempSpace;
  appVersion: string;
  /** Imports a Parquet file without rows (a footer) the whole-file way. */
  wholeFile: Omit<ImportArtifactDeps, 'store' | 'appVersion'>;
}

export interface ImportStreamOptions extends ImportArtifactOptions {
  onStage?: (stage: ImportStage) => void;
  /** Bytes of the file read so far (for a progress bar). */
  onBytes?: (bytes: number) => void;
}

async function collect(source: ByteSource): Promise<Uint8Array[]> {
  const parts: Uint8Array[] = [];
  for await (const chunk of byteChunks(source)) parts.push(chunk);
  return parts;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/**
 * Imports one file, streaming it: a CSV by byte chunks, a Parquet file by row groups. Bad data is quarantined, never
 * thrown; store errors and InstrumentConflictError propagate.
 */
export async function importArtifactStream(deps: ImportStreamDeps, file: BarsFileSource, options: ImportStreamOptions = {}): Promise<ImportOutcome> {
  const format = barsFileFormat(file.name);
  let bars: StreamedBars | undefined;
  if (format === 'parquet') {
    options.onStage?.('reading');
    const blob = file.blob ? await file.blob() : new Blob((await collect(file.open())) as BlobPart[]);
    bars = await streamedParquetBars(file.name, blob, file.open(), deps.parquet, options.onBytes);
  } else if (format === 'csv') {
    bars = await streamedCsvBars(file.name, file.open(), options.onBytes);
  }
  if (bars === undefined) {
    // Not a bars file, or a Parquet file without rows: the whole-file import (which holds nothing large) decides.
    options.onStage?.('reading');
    const bytes = concat(await collect(file.open()));
    const whole: ImportArtifactDeps = { ...deps.wholeFile, store: deps.store, appVersion: deps.appVersion };
    return importArtifact(options.onStage ? withImportStages(whole, options.onStage) : whole, { name: file.name, bytes }, options);
  }
  try {
    const space = await deps.temp();
    try {
      return await importBars(deps, space, file, bars, options);
    } finally {
      await space.release();
    }
  } finally {
    await bars.release();
  }
}

async function importBars(
  deps: ImportStreamDeps,
  space: TempSpace,
  file: BarsFileSource,
  bars: StreamedBars,
  options: ImportStreamOptions,
): Promise<ImportOutcome> {
  const maxReasons = options.maxReasons ?? MAX_STORED_REASONS;
  const stage = options.onStage ?? (() => undefined);
  const quarantine = async (reasons: QuarantineReason[], totalReasons = reasons.length): Promise<ImportOutcome> => {
    stage('quarantining');
    const draft = { sourceFileName: file.name, reasons, totalReasons, appVersion: deps.appVersion, kindHint: 'ohlcv' as const };
    const { entry, created } = await deps.store.quarantine(draft, file.open());
    return { status: 'quarantined', sourceFileName: file.name, entry, created };
  };

  stage('decoding');
  const validator = new OhlcvBatchValidator({ source: file.name, maxViolations: maxReasons });
  const spacing = new StreamedSpacing();
  const columns = await Promise.all(OHLCV_SCHEMA.map(() => space.spool()));
  const parquet = await space.spool();
  const names = new Set<string>();
  let hasInstrumentColumn = false;
  let rows = 0;
  let startMs = Infinity;
  let endMs = -Infinity;
  let encoding: QuarantineReason | undefined;

  // The Parquet writer pulls batches from a channel; it starts with the first batch worth writing.
  const channel = new BatchChannel<Uint8Array>();
  let writing: Promise<void> | undefined;
  let writeError: Error | undefined;
  const startWriter = (): Promise<void> =>
    (async () => {
      for await (const bytes of deps.parquet.writeParquetStream(channel, CANONICAL_PARQUET_V1)) await parquet.append(bytes);
    })().catch((e: unknown) => {
      writeError = e instanceof Error ? e : new Error(String(e));
      channel.drop();
    });

  try {
    for await (const batch of bars.batches) {
      const n = batch.table.timestamp.length;
      if (n === 0) continue;
      validator.check(batch.table, batch.rowNumbers);
      rows += n;
      const ts = batch.table.timestamp;
      for (let i = 0; i < n; i++) {
        if (ts[i] < startMs) startMs = ts[i];
        if (ts[i] > endMs) endMs = ts[i];
      }
      if (batch.table.instrument !== undefined) {
        hasInstrumentColumn = true;
        for (const name of batch.table.instrument) names.add(name);
      }
      spacing.add(ts);
      // A file that will be quarantined is still read to its end (every reason is reported), but not written.
      if (bars.problemCount() > 0 || validator.result().total > 0 || encoding !== undefined || writeError !== undefined) continue;
      let values: Uint8Array[];
      try {
        values = ohlcvBatchValueBytes(batch.table);
      } catch (e) {
        if (!(e instanceof CanonicalEncodingError)) throw e;
        const row = e.row === undefined ? null : (batch.rowNumbers[e.row] ?? null);
        encoding = { code: 'canonical-encoding', message: `${file.name}: ${e.message}`, row, column: e.column ?? null };
        continue;
      }
      for (let c = 0; c < values.length; c++) await columns[c].append(values[c]);
      writing ??= startWriter();
      await channel.push(canonicalOhlcvIpc(batch.table));
    }
  } catch (e) {
    channel.end();
    await writing;
    const unreadable = bars.unreadable(e, maxReasons);
    if (unreadable !== undefined) return quarantine(unreadable.list, unreadable.total);
    throw e;
  }
  channel.end();
  await writing;

  stage('validating');
  const validation = validator.result();
  const violations: Reasons = {
    list: validation.violations.map((v) => ({ code: v.rule, message: v.message, row: v.row > 0 ? v.row : null, column: v.column })),
    total: validation.total,
  };
  const problems = bars.problems(maxReasons);
  if (problems.total > 0) {
    const merged = mergeReasons([problems, violations], maxReasons);
    return quarantine(merged.list, merged.total);
  }
  if (violations.total > 0) return quarantine(violations.list, violations.total);
  if (rows === 0) return quarantine([{ code: 'no-rows', message: `${file.name}: the file has no bars`, row: null, column: null }]);

  const decided = instrumentOf(hasInstrumentColumn ? names : undefined, file, options);
  if ('reason' in decided) return quarantine([decided.reason]);
  const instrument = decided.name;
  if (encoding !== undefined) return quarantine([encoding]);
  if (writeError !== undefined) throw writeError;

  const contentHash = await ohlcvContentHashOfColumns(rows, (c) => columns[c].read());
  const timestamps = () => canonicalTimestampBatches(columns[0].read());
  const interval = await spacing.interval(timestamps);
  const fileName = instrument;
  // Coverage describes the artifact: its instrument is the stored record's (the first import named it), unless the
  // file has an instrument column (as ohlcvCoverage groups by that column).
  const coverageOf = (record: ArtifactRecord): Promise<CoverageReport> =>
    sortedSeriesCoverage(hasInstrumentColumn ? instrument : (record.instruments[0] ?? fileName), timestamps, interval);
  stage('checking');
  const known = await deps.store.getByContentHash(contentHash);
  if (known) return { status: 'existing', sourceFileName: file.name, record: known, coverage: await coverageOf(known) };

  stage('storing');
  const digest = await bars.digest();
  const { record, created } = await deps.store.put(
    {
      kind: 'ohlcv',
      contentHash,
      schema: OHLCV_SCHEMA,
      rowCount: rows,
      instruments: [instrument],
      timeRange: { startMs, endMs },
      interval: interval === undefined ? null : formatInterval(interval),
      provenance: { sourceFileName: file.name, sourceFileHash: digest.sha256, appVersion: deps.appVersion },
      sourceBytes: digest.size,
      inputs: [],
      tags: options.tags ?? [],
    },
    parquet.read(),
  );
  return { status: created ? 'created' : 'existing', sourceFileName: file.name, record, coverage: await coverageOf(record) };
}
