/**
 * The result tables an experiment publishes, as logical tables (the content their contentHash is over). Pure:
 * the same run gives the same tables, hence the same contentHashes, on every machine.
 *
 * equity   timestamp (timestamp-ms-utc), equity (float64), drawdown (float64): equity at each bar's close and
 *          1 − equity / running peak (a fraction ≥ 0, backtesting.py's DrawdownPct), one row per bar.
 * trades   every ClosedTradeRecord field, in closing order: size, entryBar, exitBar (int64), entryPrice, exitPrice,
 *          sl, tp (null: no bracket), pnl, returnPct, commissions, entryTime, exitTime (timestamp-ms-utc),
 *          tag (utf8, null when untagged).
 * fills    the trade legs (the backtesting.py profile reports trades, not an order log): trade (int64: index in
 *          `trades`, then open trades after the closed ones), leg ('entry' | 'exit'), bar (int64), timestamp,
 *          size (signed units the leg traded: the trade's size on entry, its negation on exit), price, closed (bool:
 *          the trade was closed by the end). Ordered by bar, exits before entries, then trade.
 * metrics  section, key (utf8), value (float64, null when undefined or textual), text (utf8, null unless textual):
 *          `experiment` (id, spec_hash, profile, strategy), `inputs` (<i>.artifact, <i>.contentHash), `tables`
 *          (the other tables' contentHashes, rows in value), `stats` (the backtesting.py table, metrics.md keys),
 *          `report` (the extended report), `monthly_returns` (YYYY-MM → return %), `run` (bars, trading start, open
 *          trades, final cash, out of money).
 *
 * The metrics table names its experiment, so it is the one artifact that is always the experiment's own; the
 * equity, trades and fills tables are bare numbers, shared by every experiment that produces the same ones.
 */
import type { LogicalTable, CanonicalSchema, LogicalType } from '../artifacts/logical-schema';
import type { BacktestResult, ClosedTradeRecord } from '../compat/result';
import { EXTENDED_REPORT_KEYS, type ExtendedReport } from '../report/types';
import { drawdownSeries } from '../stats/drawdown';
import { COMPAT_STATS_KEYS, type CompatStats } from '../stats/types';

const col = (name: string, type: LogicalType) => Object.freeze({ name, type });

export const EQUITY_TABLE_SCHEMA: CanonicalSchema = Object.freeze([
  col('timestamp', 'timestamp-ms-utc'),
  col('equity', 'float64'),
  col('drawdown', 'float64'),
]);

export const TRADES_TABLE_SCHEMA: CanonicalSchema = Object.freeze([
  col('size', 'float64'),
  col('entryBar', 'int64'),
  col('exitBar', 'int64'),
  col('entryPrice', 'float64'),
  col('exitPrice', 'float64'),
  col('sl', 'float64'),
  col('tp', 'float64'),
  col('pnl', 'float64'),
  col('returnPct', 'float64'),
  col('commissions', 'float64'),
  col('entryTime', 'timestamp-ms-utc'),
  col('exitTime', 'timestamp-ms-utc'),
  col('tag', 'utf8'),
]);

export const FILLS_TABLE_SCHEMA: CanonicalSchema = Object.freeze([
  col('trade', 'int64'),
  col('leg', 'utf8'),
  col('bar', 'int64'),
  col('timestamp', 'timestamp-ms-utc'),
  col('size', 'float64'),
  col('price', 'float64'),
  col('closed', 'bool'),
]);

export const METRICS_TABLE_SCHEMA: CanonicalSchema = Object.freeze([
  col('section', 'utf8'),
  col('key', 'utf8'),
  col('value', 'float64'),
  col('text', 'utf8'),
]);

/** Columns that may hold nulls (Arrow/Parquet writers mark them nullable). */
export const NULLABLE_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  equity: [],
  trades: ['sl', 'tp', 'tag'],
  fills: [],
  metrics: ['value', 'text'],
};

function noBracket(v: number | null): number | null {
  return v === null || Number.isNaN(v) ? null : v;
}

export function equityTable(time: Float64Array, equity: Float64Array): LogicalTable {
  if (time.length !== equity.length) throw new RangeError(`equity has ${equity.length} points for ${time.length} bars`);
  return { schema: EQUITY_TABLE_SCHEMA, columns: [time, equity, drawdownSeries(equity)] };
}

export function tradesTable(trades: readonly ClosedTradeRecord[]): LogicalTable {
  const pick = <T>(f: (t: ClosedTradeRecord) => T): T[] => trades.map(f);
  return {
    schema: TRADES_TABLE_SCHEMA,
    columns: [
      Float64Array.from(pick((t) => t.size)),
      pick((t) => t.entryBar),
      pick((t) => t.exitBar),
      Float64Array.from(pick((t) => t.entryPrice)),
      Float64Array.from(pick((t) => t.exitPrice)),
      pick((t) => noBracket(t.sl)),
      pick((t) => noBracket(t.tp)),
      Float64Array.from(pick((t) => t.pnl)),
      Float64Array.from(pick((t) => t.returnPct)),
      Float64Array.from(pick((t) => t.commissions)),
      Float64Array.from(pick((t) => t.entryTime)),
      Float64Array.from(pick((t) => t.exitTime)),
      pick((t) => t.tag),
    ],
  };
}

interface Leg {
  trade: number;
  leg: 'entry' | 'exit';
  bar: number;
  timestamp: number;
  size: number;
  price: number;
  closed: boolean;
}

export function fillsTable(result: Pick<BacktestResult, 'trades' | 'openTrades'>): LogicalTable {
  const legs: Leg[] = [];
  result.trades.forEach((t, i) => {
    legs.push({ trade: i, leg: 'entry', bar: t.entryBar, timestamp: t.entryTime, size: t.size, price: t.entryPrice, closed: true });
    legs.push({ trade: i, leg: 'exit', bar: t.exitBar, timestamp: t.exitTime, size: -t.size, price: t.exitPrice, closed: true });
  });
  const closed = result.trades.length;
  result.openTrades.forEach((t, j) => {
    legs.push({ trade: closed + j, leg: 'entry', bar: t.entryBar, timestamp: t.entryTime, size: t.size, price: t.entryPrice, closed: false });
  });
  legs.sort((a, b) => a.bar - b.bar || (a.leg === b.leg ? 0 : a.leg === 'exit' ? -1 : 1) || a.trade - b.trade);
  return {
    schema: FILLS_TABLE_SCHEMA,
    columns: [
      legs.map((l) => l.trade),
      legs.map((l) => l.leg),
      legs.map((l) => l.bar),
      Float64Array.from(legs.map((l) => l.timestamp)),
      Float64Array.from(legs.map((l) => l.size)),
      Float64Array.from(legs.map((l) => l.price)),
      legs.map((l) => l.closed),
    ],
  };
}

export interface MetricsRow {
  section: string;
  key: string;
  value: number | null;
  text: string | null;
}

export interface MetricsContent {
  experimentId: string;
  specHash: string;
  profile: string;
  strategy: string;
  inputs: ReadonlyArray<{ artifactId: string; contentHash: string }>;
  /** The other three tables as published. */
  tables: Readonly<Record<'equity' | 'trades' | 'fills', { contentHash: string; rowCount: number }>>;
  stats: CompatStats;
  report: ExtendedReport;
  result: Pick<BacktestResult, 'equity' | 'trades' | 'openTrades' | 'firstTradingBar' | 'startBar' | 'cash' | 'outOfMoney'>;
}

const num = (section: string, key: string, value: number | null): MetricsRow => ({ section, key, value, text: null });
const txt = (section: string, key: string, text: string | null): MetricsRow => ({ section, key, value: null, text });

export function metricsRows(m: MetricsContent): MetricsRow[] {
  const rows: MetricsRow[] = [
    txt('experiment', 'id', m.experimentId),
    txt('experiment', 'spec_hash', m.specHash),
    txt('experiment', 'profile', m.profile),
    txt('experiment', 'strategy', m.strategy),
  ];
  m.inputs.forEach((input, i) => rows.push(txt('inputs', `${i}.artifact`, input.artifactId), txt('inputs', `${i}.contentHash`, input.contentHash)));
  for (const role of ['equity', 'trades', 'fills'] as const)
    rows.push({ section: 'tables', key: role, value: m.tables[role].rowCount, text: m.tables[role].contentHash });
  for (const key of COMPAT_STATS_KEYS) {
    const v = m.stats[key];
    rows.push(typeof v === 'string' ? txt('stats', key, v) : num('stats', key, v));
  }
  for (const key of EXTENDED_REPORT_KEYS) {
    if (key === 'monthly_returns') continue;
    rows.push(num('report', key, m.report[key]));
  }
  for (const month of m.report.monthly_returns) {
    rows.push(num('monthly_returns', `${String(month.year).padStart(4, '0')}-${String(month.month).padStart(2, '0')}`, month.return_pct));
  }
  const r = m.result;
  rows.push(
    num('run', 'bars', r.equity.length),
    num('run', 'first_trading_bar', r.firstTradingBar),
    num('run', 'start_bar', r.startBar),
    num('run', 'closed_trades', r.trades.length),
    num('run', 'open_trades', r.openTrades.length),
    num('run', 'final_cash', r.cash),
    num('run', 'out_of_money', r.outOfMoney ? 1 : 0),
  );
  return rows;
}

export function metricsTable(rows: readonly MetricsRow[]): LogicalTable {
  return {
    schema: METRICS_TABLE_SCHEMA,
    columns: [rows.map((r) => r.section), rows.map((r) => r.key), rows.map((r) => r.value), rows.map((r) => r.text)],
  };
}

/** The backtesting.py statistics read back from metrics rows (e.g. decoded from the metrics artifact). */
export function compatStatsFromMetrics(rows: readonly MetricsRow[]): CompatStats {
  const out: Record<string, number | string | null> = {};
  for (const r of rows) if (r.section === 'stats') out[r.key] = r.text ?? r.value;
  const missing = COMPAT_STATS_KEYS.filter((k) => !(k in out));
  if (missing.length > 0) throw new RangeError(`metrics rows lack stats ${missing.join(', ')}`);
  return out as unknown as CompatStats;
}

/** Headline numbers for the experiment record (non-finite values become null: JSON cannot carry them). */
export function summaryOf(stats: CompatStats): Record<string, number | null> {
  const keys = ['trades', 'return_pct', 'equity_final', 'sharpe_ratio', 'max_drawdown_pct', 'win_rate_pct', 'exposure_time_pct'] as const;
  return Object.fromEntries(keys.map((k) => [k, typeof stats[k] === 'number' && Number.isFinite(stats[k]) ? stats[k] : null]));
}
