/**
 * The result tables of a version-2 (lab profile) experiment, as logical tables (the content their contentHash is
 * over). Pure: the same run on the same universe gives the same tables on every machine. Instruments are named as
 * the spec names them; bars are indices on the aligned (union) timeline, with their timestamps beside them.
 *
 * equity       timestamp, nav, cash, drawdown (1 − nav / running peak): one row per bar of the timeline.
 * positions    instrument, timestamp, units, weight (units × last known close / nav, universe/weights.ts):
 *              one row per instrument and bar, instrument by instrument in input order.
 * orders       order (id), instrument, side (+1/−1), type, source, status, endReason (names), quantity, filled
 *              (units; quantity NaN for a weight order never sized), limit, stop (NaN: none), submittedBar,
 *              submittedTime, endBar (−1 while working), endTime (null while working).
 * fills        bar, timestamp, instrument, side, quantity (units > 0), price, commission, slippage, spread (cash
 *              costs), order (−1 for a trade's own exit), reason; in execution order.
 * trades       trade, instrument, side, quantity, entryBar, entryTime, entryPrice, exitBar, exitTime, exitPrice,
 *              commission, pnl, returnPct, exitReason; closed trades in closing order.
 * attribution  one row per instrument (universe/attribution.ts): pnl, contribution, tradedValue, turnover,
 *              commission, slippage, spread, costs, fills, trades.
 * benchmark    timestamp, nav, drawdown of the equal-weight buy-and-hold of the universe (universe/benchmark.ts).
 * metrics      the version-1 metrics layout (result-tables.ts) with sections experiment, inputs (<i>.name,
 *              <i>.artifact, <i>.contentHash), tables, stats (the metrics guide's table over NAV), report,
 *              monthly_returns, benchmark (the extended report over the benchmark NAV), run.
 */
import type { CanonicalSchema, LogicalTable, LogicalType } from '../artifacts/logical-schema';
import { END_REASON_NAMES, ORDER_SOURCE_NAMES, ORDER_STATUS_NAMES, REASON_NAMES } from '../lab/codes';
import type { LabResult } from '../lab/result';
import { EXTENDED_REPORT_KEYS, type ExtendedReport } from '../report/types';
import { drawdownSeries } from '../stats/drawdown';
import { COMPAT_STATS_KEYS, type CompatStats } from '../stats/types';
import type { Attribution } from '../universe/attribution';
import type { MetricsRow } from './result-tables';

const col = (name: string, type: LogicalType) => Object.freeze({ name, type });
const ORDER_TYPE_NAMES = ['market', 'limit', 'stop', 'stop-limit', 'trailing-stop'] as const;

export const LAB_EQUITY_SCHEMA: CanonicalSchema = Object.freeze([
  col('timestamp', 'timestamp-ms-utc'),
  col('nav', 'float64'),
  col('cash', 'float64'),
  col('drawdown', 'float64'),
]);

export const LAB_POSITIONS_SCHEMA: CanonicalSchema = Object.freeze([
  col('instrument', 'utf8'),
  col('timestamp', 'timestamp-ms-utc'),
  col('units', 'float64'),
  col('weight', 'float64'),
]);

export const LAB_ORDERS_SCHEMA: CanonicalSchema = Object.freeze([
  col('order', 'int64'),
  col('instrument', 'utf8'),
  col('side', 'int64'),
  col('type', 'utf8'),
  col('source', 'utf8'),
  col('status', 'utf8'),
  col('endReason', 'utf8'),
  col('quantity', 'float64'),
  col('filled', 'float64'),
  col('limit', 'float64'),
  col('stop', 'float64'),
  col('submittedBar', 'int64'),
  col('submittedTime', 'timestamp-ms-utc'),
  col('endBar', 'int64'),
  col('endTime', 'timestamp-ms-utc'),
]);

export const LAB_FILLS_SCHEMA: CanonicalSchema = Object.freeze([
  col('bar', 'int64'),
  col('timestamp', 'timestamp-ms-utc'),
  col('instrument', 'utf8'),
  col('side', 'int64'),
  col('quantity', 'float64'),
  col('price', 'float64'),
  col('commission', 'float64'),
  col('slippage', 'float64'),
  col('spread', 'float64'),
  col('order', 'int64'),
  col('reason', 'utf8'),
]);

export const LAB_TRADES_SCHEMA: CanonicalSchema = Object.freeze([
  col('trade', 'int64'),
  col('instrument', 'utf8'),
  col('side', 'int64'),
  col('quantity', 'float64'),
  col('entryBar', 'int64'),
  col('entryTime', 'timestamp-ms-utc'),
  col('entryPrice', 'float64'),
  col('exitBar', 'int64'),
  col('exitTime', 'timestamp-ms-utc'),
  col('exitPrice', 'float64'),
  col('commission', 'float64'),
  col('pnl', 'float64'),
  col('returnPct', 'float64'),
  col('exitReason', 'utf8'),
]);

export const LAB_ATTRIBUTION_SCHEMA: CanonicalSchema = Object.freeze([
  col('instrument', 'utf8'),
  col('pnl', 'float64'),
  col('contribution', 'float64'),
  col('tradedValue', 'float64'),
  col('turnover', 'float64'),
  col('commission', 'float64'),
  col('slippage', 'float64'),
  col('spread', 'float64'),
  col('costs', 'float64'),
  col('fills', 'int64'),
  col('trades', 'int64'),
]);

export const LAB_BENCHMARK_SCHEMA: CanonicalSchema = Object.freeze([
  col('timestamp', 'timestamp-ms-utc'),
  col('nav', 'float64'),
  col('drawdown', 'float64'),
]);

/** Columns that may hold nulls, per role. */
export const LAB_NULLABLE_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  equity: [],
  positions: [],
  orders: ['endTime'],
  fills: [],
  trades: [],
  attribution: [],
  benchmark: [],
  metrics: ['value', 'text'],
};

function names(list: readonly string[], codes: Int32Array): string[] {
  return Array.from(codes, (c) => list[c] ?? `code-${c}`);
}

function at(time: Float64Array, bars: Int32Array): Float64Array {
  return Float64Array.from(bars, (b) => time[b]);
}

export function labEquityTable(r: LabResult): LogicalTable {
  return { schema: LAB_EQUITY_SCHEMA, columns: [r.time, r.nav, r.cash, drawdownSeries(r.nav)] };
}

export function labPositionsTable(r: LabResult, instruments: readonly string[], weights: Float64Array): LogicalTable {
  const T = r.time.length;
  const K = instruments.length;
  const name: string[] = new Array<string>(K * T);
  const time = new Float64Array(K * T);
  for (let k = 0; k < K; k++) {
    name.fill(instruments[k], k * T, (k + 1) * T);
    time.set(r.time, k * T);
  }
  return { schema: LAB_POSITIONS_SCHEMA, columns: [name, time, r.positions, weights] };
}

export function labOrdersTable(r: LabResult, instruments: readonly string[]): LogicalTable {
  const o = r.orders;
  const ids = Array.from({ length: o.count }, (_, i) => i);
  return {
    schema: LAB_ORDERS_SCHEMA,
    columns: [
      ids,
      Array.from(o.instrument, (k) => instruments[k]),
      Array.from(o.side),
      names(ORDER_TYPE_NAMES, o.type),
      names(ORDER_SOURCE_NAMES, o.source),
      names(ORDER_STATUS_NAMES, o.status),
      names(END_REASON_NAMES, o.endReason),
      o.quantity,
      o.filled,
      o.limit,
      o.stop,
      Array.from(o.submittedBar),
      at(r.time, o.submittedBar),
      Array.from(o.endBar),
      Array.from(o.endBar, (b) => (b < 0 ? null : r.time[b])),
    ],
  };
}

export function labFillsTable(r: LabResult, instruments: readonly string[]): LogicalTable {
  const f = r.fills;
  return {
    schema: LAB_FILLS_SCHEMA,
    columns: [
      Array.from(f.bar),
      at(r.time, f.bar),
      Array.from(f.instrument, (k) => instruments[k]),
      Array.from(f.side),
      f.quantity,
      f.price,
      f.commission,
      f.slippage,
      f.spread,
      Array.from(f.orderId),
      names(REASON_NAMES, f.reason),
    ],
  };
}

export function labTradesTable(r: LabResult, instruments: readonly string[]): LogicalTable {
  const t = r.trades;
  return {
    schema: LAB_TRADES_SCHEMA,
    columns: [
      Array.from(t.trade),
      Array.from(t.instrument, (k) => instruments[k]),
      Array.from(t.side),
      t.quantity,
      Array.from(t.entryBar),
      at(r.time, t.entryBar),
      t.entryPrice,
      Array.from(t.exitBar),
      at(r.time, t.exitBar),
      t.exitPrice,
      t.commission,
      t.pnl,
      t.returnPct,
      names(REASON_NAMES, t.exitReason),
    ],
  };
}

export function labAttributionTable(a: Attribution, instruments: readonly string[], trades: LabResult['trades']): LogicalTable {
  const count = new Array<number>(instruments.length).fill(0);
  for (let i = 0; i < trades.count; i++) count[trades.instrument[i]]++;
  return {
    schema: LAB_ATTRIBUTION_SCHEMA,
    columns: [
      instruments.slice(),
      a.pnl,
      a.contribution,
      a.tradedValue,
      a.turnover,
      a.commission,
      a.slippage,
      a.spread,
      a.costs,
      Array.from(a.fills),
      count,
    ],
  };
}

export function labBenchmarkTable(time: Float64Array, nav: Float64Array): LogicalTable {
  return { schema: LAB_BENCHMARK_SCHEMA, columns: [time, nav, drawdownSeries(nav)] };
}

export interface LabMetricsContent {
  experimentId: string;
  specHash: string;
  strategy: string;
  inputs: ReadonlyArray<{ name: string; artifactId: string; contentHash: string }>;
  /** The other tables as published, by role. */
  tables: Readonly<Record<string, { contentHash: string; rowCount: number }>>;
  stats: CompatStats;
  report: ExtendedReport;
  /** The extended report over the benchmark's NAV. */
  benchmark: ExtendedReport;
  result: LabResult;
}

const num = (section: string, key: string, value: number | null): MetricsRow => ({ section, key, value, text: null });
const txt = (section: string, key: string, text: string | null): MetricsRow => ({ section, key, value: null, text });

function statsRows(section: string, stats: CompatStats): MetricsRow[] {
  return COMPAT_STATS_KEYS.map((key) => {
    const v = stats[key];
    return typeof v === 'string' ? txt(section, key, v) : num(section, key, v);
  });
}

export function labMetricsRows(m: LabMetricsContent): MetricsRow[] {
  const rows: MetricsRow[] = [
    txt('experiment', 'id', m.experimentId),
    txt('experiment', 'spec_hash', m.specHash),
    txt('experiment', 'profile', 'lab'),
    txt('experiment', 'strategy', m.strategy),
  ];
  m.inputs.forEach((input, i) =>
    rows.push(
      txt('inputs', `${i}.name`, input.name),
      txt('inputs', `${i}.artifact`, input.artifactId),
      txt('inputs', `${i}.contentHash`, input.contentHash),
    ),
  );
  for (const [role, t] of Object.entries(m.tables)) rows.push({ section: 'tables', key: role, value: t.rowCount, text: t.contentHash });
  rows.push(...statsRows('stats', m.stats));
  for (const key of EXTENDED_REPORT_KEYS) {
    if (key === 'monthly_returns') continue;
    rows.push(num('report', key, m.report[key]));
  }
  for (const month of m.report.monthly_returns) {
    rows.push(num('monthly_returns', `${String(month.year).padStart(4, '0')}-${String(month.month).padStart(2, '0')}`, month.return_pct));
  }
  const bench = m.benchmark;
  for (const key of EXTENDED_REPORT_KEYS) if (key !== 'monthly_returns') rows.push(num('benchmark', key, bench[key]));
  const r = m.result;
  rows.push(
    num('run', 'bars', r.time.length),
    num('run', 'instruments', r.meta.instruments.length),
    num('run', 'orders', r.orders.count),
    num('run', 'fills', r.fills.count),
    num('run', 'closed_trades', r.trades.count),
    num('run', 'open_trades', r.openTrades.count),
    num('run', 'final_cash', r.cash[r.cash.length - 1]),
    num('run', 'bankrupt_bar', r.meta.bankruptBar),
    num('run', 'rng_draws', r.meta.rngDraws),
    num('run', 'rules_version', r.meta.rulesVersion),
  );
  return rows;
}
