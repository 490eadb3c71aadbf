/**
 * A version-2 (lab profile) experiment's published results read back for its detail view: NAV and cash, the
 * weights per instrument (the positions table, instrument by instrument), the equal-weight benchmark, attribution,
 * orders, fills, closed trades and the metrics (statistics, extended report, the benchmark's report). Every table
 * comes from its stored Parquet, verified against its fileHash — the views show the artifacts, never a rerun.
 */
import type { Table } from 'apache-arrow';
import {
  LAB_ATTRIBUTION_SCHEMA,
  LAB_BENCHMARK_SCHEMA,
  LAB_EQUITY_SCHEMA,
  LAB_FILLS_SCHEMA,
  LAB_ORDERS_SCHEMA,
  LAB_POSITIONS_SCHEMA,
  LAB_TRADES_SCHEMA,
} from '../../core/experiments/lab-result-tables';
import type { ExperimentResults, LabResultRole } from '../../core/experiments/record';
import { reportFromMetrics } from '../../core/experiments/result-readback';
import { compatStatsFromMetrics, type MetricsRow } from '../../core/experiments/result-tables';
import type { CanonicalSchema } from '../../core/artifacts/logical-schema';
import type { ExtendedReport } from '../../core/report/types';
import type { CompatStats } from '../../core/stats/types';
import type { ArtifactStore } from '../../ports/artifact-store';
import type { ParquetCodec } from '../../ports/parquet-codec';
import { readMetricsRows } from './read-metrics';
import { column, readTable } from './read-results';

/** A table as columns by name: numbers as Float64Array (timestamps in epoch ms, nulls as NaN), text as strings. */
export interface ColumnTable {
  readonly rows: number;
  readonly names: readonly string[];
  readonly numbers: Readonly<Record<string, Float64Array>>;
  readonly texts: Readonly<Record<string, readonly (string | null)[]>>;
}

export interface LabResultData {
  /** Instrument names in input order (the spec's names). */
  instruments: string[];
  time: Float64Array;
  nav: Float64Array;
  cash: Float64Array;
  drawdown: Float64Array;
  benchmark: Float64Array;
  /** `weights[k][t]`: instrument k's weight of NAV at bar t. */
  weights: Float64Array[];
  attribution: ColumnTable;
  orders: ColumnTable;
  fills: ColumnTable;
  trades: ColumnTable;
  stats: CompatStats;
  report: ExtendedReport;
  /** The extended report over the benchmark's NAV (section `benchmark` of the metrics). */
  benchmarkReport: Record<string, number | null>;
}

function columns(table: Table, schema: CanonicalSchema): ColumnTable {
  const numbers: Record<string, Float64Array> = {};
  const texts: Record<string, (string | null)[]> = {};
  for (const c of schema) {
    if (c.type === 'utf8') {
      const child = table.getChild(c.name)!;
      texts[c.name] = Array.from({ length: table.numRows }, (_, i) => (child.get(i) as string | null) ?? null);
    } else {
      const child = table.getChild(c.name)!;
      numbers[c.name] = Float64Array.from({ length: table.numRows }, (_, i) => {
        const v: unknown = child.get(i);
        if (v === null || v === undefined) return NaN;
        return typeof v === 'bigint' ? Number(v) : v instanceof Date ? v.getTime() : Number(v);
      });
    }
  }
  return { rows: table.numRows, names: schema.map((c) => c.name), numbers, texts };
}

function instrumentsOf(rows: readonly MetricsRow[]): string[] {
  const names: string[] = [];
  for (const r of rows) {
    const m = /^(\d+)\.name$/u.exec(r.key);
    if (r.section === 'inputs' && m && r.text !== null) names[Number(m[1])] = r.text;
  }
  return names;
}

export async function readLabResults(
  store: ArtifactStore,
  codec: Pick<ParquetCodec, 'toArrowIpc'>,
  results: ExperimentResults,
): Promise<LabResultData> {
  const a = results.artifacts;
  const id = (role: LabResultRole): string => {
    const ref = a[role];
    if (!ref) throw new RangeError(`this experiment has no ${role} table: not a lab-profile (version 2) result`);
    return ref.id;
  };
  const read = (role: LabResultRole, schema: CanonicalSchema) => readTable(store, codec, id(role), schema, role);
  const rows = await readMetricsRows(store, codec, id('metrics'));
  const instruments = instrumentsOf(rows);
  const equity = await read('equity', LAB_EQUITY_SCHEMA);
  const benchmark = await read('benchmark', LAB_BENCHMARK_SCHEMA);
  const positions = await read('positions', LAB_POSITIONS_SCHEMA);
  const T = equity.numRows;
  if (positions.numRows !== T * instruments.length)
    throw new RangeError(`positions table has ${positions.numRows} rows, not ${instruments.length} instruments × ${T} bars`);
  // Instrument by instrument in input order: instrument k's weights are rows k·T … (k+1)·T − 1.
  const weight = column(positions, 'weight');
  const benchmarkReport: Record<string, number | null> = {};
  for (const r of rows) if (r.section === 'benchmark') benchmarkReport[r.key] = r.value;
  return {
    instruments,
    time: column(equity, 'timestamp'),
    nav: column(equity, 'nav'),
    cash: column(equity, 'cash'),
    drawdown: column(equity, 'drawdown'),
    benchmark: column(benchmark, 'nav'),
    weights: instruments.map((_, k) => weight.slice(k * T, (k + 1) * T)),
    attribution: columns(await read('attribution', LAB_ATTRIBUTION_SCHEMA), LAB_ATTRIBUTION_SCHEMA),
    orders: columns(await read('orders', LAB_ORDERS_SCHEMA), LAB_ORDERS_SCHEMA),
    fills: columns(await read('fills', LAB_FILLS_SCHEMA), LAB_FILLS_SCHEMA),
    trades: columns(await read('trades', LAB_TRADES_SCHEMA), LAB_TRADES_SCHEMA),
    stats: compatStatsFromMetrics(rows),
    report: reportFromMetrics(rows),
    benchmarkReport,
  };
}
