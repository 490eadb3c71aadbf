/**
 * An experiment's published results read back for the result views: the equity table (time, equity, drawdown),
 * the closed trades and the metrics (compat statistics + extended report). Each table comes from its stored
 * Parquet, verified against its fileHash, over the ParquetCodec port — the views show the artifacts, not a rerun.
 */
import { tableFromIPC, type Table } from 'apache-arrow';
import { sameSchema, type CanonicalSchema } from '../../core/artifacts/logical-schema';
import type { ClosedTradeRecord } from '../../core/compat/result';
import type { ExperimentResults } from '../../core/experiments/record';
import { reportFromMetrics } from '../../core/experiments/result-readback';
import { compatStatsFromMetrics, EQUITY_TABLE_SCHEMA, TRADES_TABLE_SCHEMA } from '../../core/experiments/result-tables';
import type { ExtendedReport } from '../../core/report/types';
import type { CompatStats } from '../../core/stats/types';
import type { ArtifactStore } from '../../ports/artifact-store';
import type { ParquetCodec } from '../../ports/parquet-codec';
import { readMetricsRows } from './read-metrics';

export interface ExperimentResultData {
  time: Float64Array;
  equity: Float64Array;
  drawdown: Float64Array;
  trades: ClosedTradeRecord[];
  stats: CompatStats;
  report: ExtendedReport;
}

/** One result table: its record must have `schema`; the bytes are verified against their fileHash. */
export async function readTable(
  store: ArtifactStore,
  codec: Pick<ParquetCodec, 'toArrowIpc'>,
  id: string,
  schema: CanonicalSchema,
  what: string,
): Promise<Table> {
  const record = await store.get(id);
  if (!record) throw new RangeError(`${what} artifact ${id} is not in the store (deleted?)`);
  if (!sameSchema(record.schema, schema))
    throw new RangeError(`${id} is not a ${what} table (schema ${record.schema.map((c) => c.name).join(', ')})`);
  return tableFromIPC(await codec.toArrowIpc(await store.readBytes(id, { verify: true })));
}

function num(v: unknown): number {
  return typeof v === 'bigint' ? Number(v) : v instanceof Date ? v.getTime() : Number(v);
}

export function column(table: Table, name: string): Float64Array {
  const c = table.getChild(name)!;
  return Float64Array.from({ length: table.numRows }, (_, i) => num(c.get(i)));
}

function nullable(table: Table, name: string, i: number): number | null {
  const v: unknown = table.getChild(name)!.get(i);
  return v === null || v === undefined ? null : num(v);
}

export async function readExperimentResults(
  store: ArtifactStore,
  codec: Pick<ParquetCodec, 'toArrowIpc'>,
  results: ExperimentResults,
): Promise<ExperimentResultData> {
  const a = results.artifacts;
  const equity = await readTable(store, codec, a.equity.id, EQUITY_TABLE_SCHEMA, 'equity');
  const trades = await readTable(store, codec, a.trades.id, TRADES_TABLE_SCHEMA, 'trades');
  const rows = await readMetricsRows(store, codec, a.metrics.id);
  const t = Object.fromEntries(TRADES_TABLE_SCHEMA.map((c) => [c.name, column(trades, c.name)]));
  const tag = trades.getChild('tag')!;
  const closed: ClosedTradeRecord[] = Array.from({ length: trades.numRows }, (_, i) => ({
    size: t.size[i],
    entryBar: t.entryBar[i],
    exitBar: t.exitBar[i],
    entryPrice: t.entryPrice[i],
    exitPrice: t.exitPrice[i],
    sl: nullable(trades, 'sl', i),
    tp: nullable(trades, 'tp', i),
    pnl: t.pnl[i],
    returnPct: t.returnPct[i],
    commissions: t.commissions[i],
    entryTime: t.entryTime[i],
    exitTime: t.exitTime[i],
    tag: (tag.get(i) as string | null) ?? null,
  }));
  return {
    time: column(equity, 'timestamp'),
    equity: column(equity, 'equity'),
    drawdown: column(equity, 'drawdown'),
    trades: closed,
    stats: compatStatsFromMetrics(rows),
    report: reportFromMetrics(rows),
  };
}
