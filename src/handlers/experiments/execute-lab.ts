/**
 * The run and publish stages of a version-2 (lab profile) experiment, after its inputs were frozen:
 *
 *   load     each input's stored Parquet → bars, re-hashed against the contentHash the spec names
 *   align    the universe on one union timeline (core/lab/align.ts), instruments named as the spec names them
 *   plan     with a `portfolio` block: the strategy's raw targets, the rebalance bars and the optimized schedule
 *            (core/portfolio/portfolio-run.ts) — before anything is stored, so an infeasible rebalance stores nothing
 *   run      the strategy (or, for a portfolio, `scheduled-targets` over the schedule) on the LabRunner port (the
 *            WASM engine; the TypeScript reference in tests)
 *   publish  equity (NAV, cash), positions and weights, orders, fills, trades, attribution, the equal-weight
 *            buy-and-hold benchmark, a portfolio run's targets, optimizer diagnostics, rolling VaR/ES and stress
 *            table, and the metrics as `results` artifacts whose lineage is EVERY input
 *
 * resultHash: result-hash.ts's version-2 rule over the eight tables (and a portfolio run's, record.ts
 * `labResultRolesOf`).
 */
import { ohlcvContentHash } from '../../core/artifacts/content-hash';
import type { ArtifactRecord } from '../../core/artifacts/record';
import type { OhlcvTable } from '../../core/domain/ohlcv-table';
import { InputRefusedError } from '../../core/experiments/errors';
import { runIdOf } from '../../core/experiments/identity';
import {
  LAB_NULLABLE_COLUMNS,
  labAttributionTable,
  labBenchmarkTable,
  labEquityTable,
  labFillsTable,
  labMetricsRows,
  labOrdersTable,
  labPositionsTable,
  labTradesTable,
} from '../../core/experiments/lab-result-tables';
import type { LabSpec } from '../../core/experiments/lab-spec';
import {
  PORTFOLIO_NULLABLE_COLUMNS,
  portfolioOptimizerTable,
  portfolioRiskTable,
  portfolioRefusalsTable,
  portfolioStressTable,
  portfolioTargetsTable,
} from '../../core/experiments/portfolio-result-tables';
import { labResultRolesOf, type ExperimentResultRole, type ExperimentResults } from '../../core/experiments/record';
import { labExperimentResultHash } from '../../core/experiments/result-hash';
import { metricsTable, summaryOf } from '../../core/experiments/result-tables';
import { alignTables } from '../../core/lab/align';
import type { LabConfigInput } from '../../core/lab/config';
import { measurePortfolioRun, planPortfolioRun, type PortfolioPlan } from '../../core/portfolio/portfolio-run';
import { extendedReport } from '../../core/report/report';
import { findStrategy, validateStrategyParams } from '../../core/strategies/registry';
import { attribution } from '../../core/universe/attribution';
import { equalWeightBuyAndHold } from '../../core/universe/benchmark';
import { portfolioWeights } from '../../core/universe/weights';
import type { ArtifactStore } from '../../ports/artifact-store';
import type { BarsDecoder } from '../../ports/bars-decoder';
import type { CanonicalParquetWriter } from '../../ports/canonical-parquet-writer';
import type { LabRunner } from '../../ports/lab-runner';
import { untilAborted } from './abortable';
import type { FrozenInput } from './freeze-inputs';
import { publishTable, type PublishContext, type PublishedTable } from './publish-results';

export interface LabExecuteDeps {
  store: ArtifactStore;
  lab: LabRunner;
  decodeBars: BarsDecoder;
  parquet: CanonicalParquetWriter;
  appVersion: string;
}

export interface LabExecuteContext {
  id: string;
  specHash: string;
  spec: LabSpec;
  inputs: readonly FrozenInput[];
  signal?: AbortSignal;
  stage: (s: 'loading' | 'running' | 'publishing') => void;
}

/** The name an input runs under: the spec's (always set once created), else its artifact's instrument. */
function nameOf(input: FrozenInput): string {
  return ('name' in input.ref ? input.ref.name : undefined) ?? input.record.instruments[0] ?? input.record.id;
}

async function loadBars(deps: LabExecuteDeps, input: FrozenInput, signal: AbortSignal | undefined): Promise<OhlcvTable> {
  const id = input.record.id;
  const bars = await untilAborted(
    deps.store.readBytes(id, { verify: true }).then((bytes) => deps.decodeBars(bytes, `${id}.parquet`)),
    signal,
  );
  const hash = await ohlcvContentHash(bars);
  if (hash !== input.ref.contentHash) {
    throw new InputRefusedError(
      input.ref.contentHash,
      'content-mismatch',
      `input ${nameOf(input)} (${id}): its stored bars hash to ${hash}, not to the contentHash the spec names`,
    );
  }
  return bars;
}

export async function runLabExperiment(deps: LabExecuteDeps, ctx: LabExecuteContext): Promise<{ results: ExperimentResults; stored: number }> {
  const { spec, inputs } = ctx;
  ctx.stage('loading');
  const named = [];
  for (const input of inputs) named.push({ name: nameOf(input), table: await loadBars(deps, input, ctx.signal) });
  const timeline = alignTables(named);
  const names = timeline.instruments;

  ctx.stage('running');
  const entry = findStrategy(spec.strategy);
  const params = validateStrategyParams(entry, spec.params, 'lab');
  // Without portfolio or risk blocks the run is exactly as before (same strategy, same config object).
  const plan: PortfolioPlan | undefined =
    spec.portfolio !== undefined || spec.risk !== undefined ? planPortfolioRun(spec, timeline, entry.lab.spec(params)) : undefined;
  const run = await untilAborted(
    deps.lab.run(timeline, plan?.config ?? (spec.config as LabConfigInput), plan?.strategy ?? entry.lab.spec(params)),
    ctx.signal,
  );
  const r = run.result;
  const K = names.length;
  const T = r.time.length;
  const weights = portfolioWeights({ instruments: K, positions: r.positions, close: timeline.close, nav: r.nav });
  const attr = attribution({ instruments: K, positions: r.positions, close: timeline.close, nav: r.nav, cash: spec.config.cash, fills: r.fills });
  const bench = equalWeightBuyAndHold(timeline.close, K, T, spec.config.cash);
  // The run's statistics come from the engine (its math is its own, the same in Node and the browser); the
  // benchmark's from the extended report, whose arithmetic every JavaScript engine rounds alike.
  const stats = run.stats;
  const benchReport = extendedReport({ equity: bench, time: r.time, tradeReturns: new Float64Array(0) });
  const report = extendedReport({ equity: r.nav, time: r.time, tradeReturns: r.trades.returnPct });

  ctx.stage('publishing');
  const records: ArtifactRecord[] = inputs.map((i) => i.record);
  const pub: PublishContext = {
    store: deps.store,
    parquet: deps.parquet,
    appVersion: deps.appVersion,
    inputs: records,
    instruments: [...new Set(names)],
    timeRange: T > 0 ? { startMs: r.time[0], endMs: r.time[T - 1] } : null,
    interval: records[0].interval,
    tags: [`experiment:${ctx.id}`, `strategy:${spec.strategy}`, 'profile:lab'],
  };
  const published: Partial<Record<ExperimentResultRole, PublishedTable>> = {};
  const put = async (role: ExperimentResultRole, table: Parameters<typeof publishTable>[2]) => {
    published[role] = await publishTable(pub, role, table, LAB_NULLABLE_COLUMNS[role] ?? PORTFOLIO_NULLABLE_COLUMNS[role]);
    return published[role];
  };
  await put('equity', labEquityTable(r));
  await put('positions', labPositionsTable(r, names, weights));
  await put('orders', labOrdersTable(r, names));
  await put('fills', labFillsTable(r, names));
  await put('trades', labTradesTable(r, names));
  await put('attribution', labAttributionTable(attr, names, r.trades));
  await put('benchmark', labBenchmarkTable(r.time, bench));
  const finalRisk: Record<string, number | null> = {};
  if (plan !== undefined) {
    const measures = measurePortfolioRun(spec, timeline, r.nav, plan.constructed);
    if (plan.constructed !== undefined) {
      await put('targets', portfolioTargetsTable(plan.constructed, names, r.time));
      await put('optimizer', portfolioOptimizerTable(plan.constructed, r.time));
    }
    await put('risk', portfolioRiskTable(measures.risk, r.time));
    if (measures.stress !== undefined) await put('stress', portfolioStressTable(measures.stress));
    await put('refusals', portfolioRefusalsTable(r, names, r.time));
    const lastBar = measures.risk.length > 0 ? measures.risk[measures.risk.length - 1].bar : -1;
    for (const row of measures.risk) {
      if (row.bar !== lastBar) continue;
      finalRisk[`var_${row.level}_${row.horizon}d`] = row.var;
      finalRisk[`es_${row.level}_${row.horizon}d`] = row.es;
    }
  }
  const tables = Object.fromEntries(
    Object.entries(published).map(([role, p]) => [role, { contentHash: p.record.contentHash, rowCount: p.record.rowCount }]),
  );
  const rows = labMetricsRows({
    experimentId: ctx.id,
    specHash: ctx.specHash,
    strategy: spec.strategy,
    inputs: inputs.map((i, k) => ({ name: names[k], artifactId: i.record.id, contentHash: i.record.contentHash })),
    tables,
    stats,
    report,
    benchmark: benchReport,
    result: r,
  });
  await put('metrics', metricsTable(rows));

  const all = published as Record<ExperimentResultRole, PublishedTable>;
  const roles = labResultRolesOf(spec);
  const ref = (p: PublishedTable) => ({ id: p.record.id, contentHash: p.record.contentHash, rowCount: p.record.rowCount });
  const results: ExperimentResults = {
    resultHash: await labExperimentResultHash(Object.fromEntries(roles.map((role) => [role, all[role].record.contentHash])), roles),
    runId: await runIdOf(ctx.specHash, deps.lab.engineBuildHash),
    engineBuildHash: deps.lab.engineBuildHash,
    inputs: records.map((x) => x.id),
    artifacts: Object.fromEntries(roles.map((role) => [role, ref(all[role])])) as ExperimentResults['artifacts'],
    summary: { ...summaryOf(stats), ...finalRisk },
  };
  return { results, stored: Object.values(all).filter((p) => p.created).length };
}
