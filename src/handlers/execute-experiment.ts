/**
 * Execute an experiment: a pure use case over ports (ArtifactStore, ExperimentTracker, CompatRunner,
 * BarsDecoder, a canonical Parquet writer, a Clock). The same code runs in the CLI and in the browser.
 *
 *   → queued      take the attempt for this session (compare-and-set: a running attempt elsewhere is refused)
 *   freeze        each input contentHash → its stored ohlcv artifact (missing or quarantined: refused); a SQL
 *                 signal's declared `derived` contentHashes → stored labels/features artifacts (else refused)
 *   → running     engine build hash and app version recorded
 *   load          stored Parquet → bars; re-hashed: the bars must still be the content the spec names
 *   signal        sql-signal only: the query runs in DuckDB over the input (SignalEvaluator) and its answer is
 *                 checked against the bars (one finite position in [-1, 1] per bar)
 *   run           the engine (backtesting.py profile), then the extended report over its equity curve
 *   publish       equity, trades, fills, metrics as canonical Parquet `results` artifacts (content-addressed:
 *                 executing again stores nothing new), lineage = the input artifacts
 *   → done        results attached: resultHash over the four contentHashes (src/core/experiments/result-hash.ts)
 *
 * A version-2 (lab profile) spec takes the same lifecycle; its load, run and publish stages are
 * experiments/execute-lab.ts (a universe on the LabRunner port, eight result tables).
 *
 * Any failure after the attempt was taken ends it as `failed` with the error's message (an abort through
 * `signal` as `cancelled`) and the record is returned, not thrown: the attempt is part of the experiment's
 * history. Errors before that (unknown id, an attempt running elsewhere) are thrown.
 */
import { ohlcvContentHash } from '../core/artifacts/content-hash';
import { ExperimentCancelledError, ExperimentNotFoundError, InputRefusedError } from '../core/experiments/errors';
import { runIdOf } from '../core/experiments/identity';
import { experimentError, type ExperimentRecord, type ExperimentResults } from '../core/experiments/record';
import { resultHash } from '../core/experiments/result-hash';
import { equityTable, fillsTable, metricsRows, metricsTable, NULLABLE_COLUMNS, summaryOf, tradesTable } from '../core/experiments/result-tables';
import { isLabSpec, isSqlSignalSpec, numericParams, type V1Spec } from '../core/experiments/spec';
import type { LabRunner } from '../ports/lab-runner';
import { runLabExperiment } from './experiments/execute-lab';
import { checkSignalRows } from '../core/experiments/sql-signal';
import { extendedReport } from '../core/report/report';
import type { ArtifactStore, Clock } from '../ports/artifact-store';
import type { BarsDecoder } from '../ports/bars-decoder';
import type { CompatJob, CompatRunner } from '../ports/compat-runner';
import type { ExperimentTracker } from '../ports/experiment-tracker';
import type { SignalEvaluator } from '../ports/signal-evaluator';
import { untilAborted } from './experiments/abortable';
import { freezeDerived, freezeInputs } from './experiments/freeze-inputs';
import { publishTable, type PublishContext } from './experiments/publish-results';
import type { CanonicalParquetWriter } from '../ports/canonical-parquet-writer';

export interface ExecuteExperimentDeps {
  store: ArtifactStore;
  tracker: ExperimentTracker;
  runner: CompatRunner;
  decodeBars: BarsDecoder;
  parquet: CanonicalParquetWriter;
  clock: Clock;
  appVersion: string;
  /** Who takes the attempt (a tab, a process): lets a later session tell a dead attempt from a live one. */
  session: string;
  /** Runs `sql-signal` queries; without it such a spec fails with a message saying so. */
  signals?: SignalEvaluator;
  /** The lab-profile engine (version-2 specs); without it such a spec fails with a message saying so. */
  lab?: LabRunner;
}

/** `signal` only for sql-signal specs. */
export type ExecuteStage = 'freezing' | 'loading' | 'signal' | 'running' | 'publishing';

export interface ExecuteExperimentOptions {
  /** Aborting ends the attempt as `cancelled` at once (work under way is abandoned, its answer dropped). */
  signal?: AbortSignal;
  onStage?: (stage: ExecuteStage) => void;
}

export interface ExecuteOutcome {
  /** The record as the attempt left it: done, failed or cancelled. */
  record: ExperimentRecord;
  /** Result artifacts newly stored by this attempt (0 when an earlier execution had stored them all). */
  storedArtifacts: number;
}

/** The backtesting.py-profile job a spec describes. */
export function compatJob(spec: V1Spec): CompatJob {
  return {
    strategy: spec.strategy,
    params: numericParams(spec),
    options: {
      cash: spec.broker.cash,
      commission: { fixed: spec.costs.commission.fixed, relative: spec.costs.commission.relative },
      spread: spec.costs.spread,
      margin: spec.broker.margin,
      tradeOnClose: spec.broker.tradeOnClose,
      hedging: spec.broker.hedging,
      exclusiveOrders: spec.broker.exclusiveOrders,
      finalizeTrades: spec.broker.finalizeTrades,
    },
  };
}

function checkAbort(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ExperimentCancelledError(signal.reason instanceof Error ? signal.reason.message : 'the run was cancelled');
}

async function takeAttempt(deps: ExecuteExperimentDeps, id: string): Promise<ExperimentRecord> {
  const record = await deps.tracker.get(id);
  if (!record) throw new ExperimentNotFoundError(id);
  // A queued attempt (left by a session that is gone, or queued for this one) is taken over as it is.
  if (record.status === 'queued') return record;
  return deps.tracker.transition(id, 'queued', { at: deps.clock.now(), expected: [record.status], session: deps.session });
}

async function attempt(deps: ExecuteExperimentDeps, record: ExperimentRecord, options: ExecuteExperimentOptions): Promise<ExecuteOutcome> {
  const { spec, id } = record;
  const stage = (s: ExecuteStage) => {
    checkAbort(options.signal);
    options.onStage?.(s);
  };

  stage('freezing');
  const inputs = await freezeInputs(deps.store, spec);
  const derived = await freezeDerived(deps.store, spec);
  if (isLabSpec(spec) && !deps.lab) throw new Error('this lab has no lab-profile engine wired to run version-2 (lab) experiments');
  await deps.tracker.transition(id, 'running', {
    at: deps.clock.now(),
    expected: ['queued'],
    session: deps.session,
    engineBuildHash: isLabSpec(spec) ? deps.lab!.engineBuildHash : deps.runner.engineBuildHash,
    appVersion: deps.appVersion,
  });
  if (isLabSpec(spec)) {
    const { results, stored } = await runLabExperiment(
      { ...deps, lab: deps.lab! },
      { id, specHash: record.specHash, spec, inputs, signal: options.signal, stage },
    );
    await deps.tracker.attachResults(id, results);
    const done = await deps.tracker.transition(id, 'done', { at: deps.clock.now(), expected: ['running'] });
    return { record: done, storedArtifacts: stored };
  }

  stage('loading');
  const input = inputs[0];
  const bars = await untilAborted(
    deps.store.readBytes(input.record.id, { verify: true }).then((bytes) => deps.decodeBars(bytes, `${input.record.id}.parquet`)),
    options.signal,
  );
  const barsHash = await ohlcvContentHash(bars);
  if (barsHash !== input.ref.contentHash) {
    throw new InputRefusedError(
      input.ref.contentHash,
      'content-mismatch',
      `input ${input.record.id}: its stored bars hash to ${barsHash}, not to the contentHash the spec names`,
    );
  }

  const job = compatJob(spec);
  if (isSqlSignalSpec(spec)) {
    stage('signal');
    if (!deps.signals) throw new Error(`this lab has no SQL engine wired to run ${spec.strategy} experiments`);
    const rows = await untilAborted(deps.signals.evaluate({ artifact: input.record, derived }, spec.params.sql), options.signal);
    job.signal = checkSignalRows(bars.timestamp, rows);
  }

  stage('running');
  const run = await untilAborted(deps.runner.run(bars, job), options.signal);
  const trades = run.result.trades;
  const report = extendedReport({ equity: run.result.equity, time: bars.timestamp, tradeReturns: Float64Array.from(trades, (t) => t.returnPct) });

  stage('publishing');
  const n = bars.timestamp.length;
  const ctx: PublishContext = {
    store: deps.store,
    parquet: deps.parquet,
    appVersion: deps.appVersion,
    inputs: inputs.map((i) => i.record),
    instruments: [...new Set(inputs.flatMap((i) => i.record.instruments))],
    timeRange: n > 0 ? { startMs: bars.timestamp[0], endMs: bars.timestamp[n - 1] } : null,
    interval: input.record.interval,
    tags: [`experiment:${id}`, `strategy:${spec.strategy}`],
  };
  const equity = await publishTable(ctx, 'equity', equityTable(bars.timestamp, run.result.equity), NULLABLE_COLUMNS.equity);
  const tradesOut = await publishTable(ctx, 'trades', tradesTable(trades), NULLABLE_COLUMNS.trades);
  const fills = await publishTable(ctx, 'fills', fillsTable(run.result), NULLABLE_COLUMNS.fills);
  const ref = (p: { record: { contentHash: string; rowCount: number } }) => ({ contentHash: p.record.contentHash, rowCount: p.record.rowCount });
  const rows = metricsRows({
    experimentId: id,
    specHash: record.specHash,
    profile: spec.profile,
    strategy: spec.strategy,
    inputs: inputs.map((i) => ({ artifactId: i.record.id, contentHash: i.record.contentHash })),
    tables: { equity: ref(equity), trades: ref(tradesOut), fills: ref(fills) },
    stats: run.stats,
    report,
    result: run.result,
  });
  const metrics = await publishTable(ctx, 'metrics', metricsTable(rows), NULLABLE_COLUMNS.metrics);

  const published = { equity, trades: tradesOut, fills, metrics };
  const artifact = (p: { record: { id: string; contentHash: string; rowCount: number } }) => ({
    id: p.record.id,
    contentHash: p.record.contentHash,
    rowCount: p.record.rowCount,
  });
  const results: ExperimentResults = {
    resultHash: await resultHash({
      equity: equity.record.contentHash,
      trades: tradesOut.record.contentHash,
      fills: fills.record.contentHash,
      metrics: metrics.record.contentHash,
    }),
    runId: await runIdOf(record.specHash, deps.runner.engineBuildHash),
    engineBuildHash: deps.runner.engineBuildHash,
    inputs: inputs.map((i) => i.record.id),
    ...(derived.length > 0 ? { derived: derived.map((r) => r.id) } : {}),
    artifacts: { equity: artifact(equity), trades: artifact(tradesOut), fills: artifact(fills), metrics: artifact(metrics) },
    summary: summaryOf(run.stats),
  };
  await deps.tracker.attachResults(id, results);
  const done = await deps.tracker.transition(id, 'done', { at: deps.clock.now(), expected: ['running'] });
  return { record: done, storedArtifacts: Object.values(published).filter((p) => p.created).length };
}

export async function executeExperiment(deps: ExecuteExperimentDeps, id: string, options: ExecuteExperimentOptions = {}): Promise<ExecuteOutcome> {
  const taken = await takeAttempt(deps, id);
  try {
    return await attempt(deps, taken, options);
  } catch (e) {
    const now = await deps.tracker.get(id);
    // End only our own attempt: a running attempt another session took meanwhile is theirs to finish.
    const ours = now !== undefined && (now.status === 'queued' || (now.status === 'running' && now.session === deps.session));
    if (!ours) throw e;
    const cancelled = e instanceof ExperimentCancelledError;
    const record = await deps.tracker.transition(id, cancelled ? 'cancelled' : 'failed', {
      at: deps.clock.now(),
      expected: [now.status],
      error: experimentError(e),
    });
    return { record, storedArtifacts: 0 };
  }
}
