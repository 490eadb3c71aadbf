/**
 * The result tables a portfolio run adds to a version-2 experiment (docs/portfolio.md "Portfolio runs"). Pure
 * logical tables, instruments named as the spec names them, bars as indices of the aligned timeline beside their
 * timestamps.
 *
 * targets    timestamp, bar, instrument, raw, optimized: one row per rebalance and instrument (universe order) —
 *            the strategy's raw target weight in force at that bar and the optimized weight executed.
 * optimizer  timestamp, bar, key, position, instrument, value, left, right, size: the diagnostics per rebalance —
 *            key `iterations` / `variance` (annualised, of the unscaled weights) / `shrinkage` (value); `selection`
 *            and `leaf` (HRP's quasi-diagonal order), one row per position with its instrument; `linkage` (HRP),
 *            one row per merge in SciPy's layout: left, right (cluster ids), value = distance, size.
 * risk       timestamp, bar, level, horizon, var, es: rolling VaR/ES of the NAV returns (rolling-var.ts), bar by
 *            bar, level by level, horizon by horizon; the last bar's rows are the final values. es is null where
 *            the method defines none (Cornish–Fisher).
 * stress     scenario, kind, start, end, instrument, shock, optimizedWeight, rawWeight, optimizedPnl, rawPnl: per
 *            scenario a whole-book row (instrument null) then one row per instrument held in either book.
 *
 * refusals  timestamp, bar, kind, orderId, instrument, side, requested, allowed, rule, nav: the engine's risk-limit
 *            log (docs/engine.md "Limits") — kind `order`: an order reduced (allowed > 0) or refused (allowed 0) by
 *            `rule`, quantities in units; kind `event`: a post-trade trip (kill-switch, daily-loss) and the NAV that
 *            tripped it. Empty when nothing was limited.
 */
import type { CanonicalSchema, LogicalTable, LogicalType } from '../artifacts/logical-schema';
import { LIMIT_RULE_NAMES } from '../lab/codes';
import type { LabLimitEvents, LabLimitOrders } from '../lab/result';
import type { ConstructedTargets } from '../portfolio/construct-targets';
import type { RollingVarRow } from '../risk/rolling-var';
import type { StressRow } from '../risk/stress-scenarios';

const col = (name: string, type: LogicalType) => Object.freeze({ name, type });

export const PORTFOLIO_TARGETS_SCHEMA: CanonicalSchema = Object.freeze([
  col('timestamp', 'timestamp-ms-utc'),
  col('bar', 'int64'),
  col('instrument', 'utf8'),
  col('raw', 'float64'),
  col('optimized', 'float64'),
]);

export const PORTFOLIO_OPTIMIZER_SCHEMA: CanonicalSchema = Object.freeze([
  col('timestamp', 'timestamp-ms-utc'),
  col('bar', 'int64'),
  col('key', 'utf8'),
  col('position', 'int64'),
  col('instrument', 'utf8'),
  col('value', 'float64'),
  col('left', 'int64'),
  col('right', 'int64'),
  col('size', 'int64'),
]);

export const PORTFOLIO_RISK_SCHEMA: CanonicalSchema = Object.freeze([
  col('timestamp', 'timestamp-ms-utc'),
  col('bar', 'int64'),
  col('level', 'float64'),
  col('horizon', 'int64'),
  col('var', 'float64'),
  col('es', 'float64'),
]);

export const PORTFOLIO_STRESS_SCHEMA: CanonicalSchema = Object.freeze([
  col('scenario', 'utf8'),
  col('kind', 'utf8'),
  col('start', 'timestamp-ms-utc'),
  col('end', 'timestamp-ms-utc'),
  col('instrument', 'utf8'),
  col('shock', 'float64'),
  col('optimizedWeight', 'float64'),
  col('rawWeight', 'float64'),
  col('optimizedPnl', 'float64'),
  col('rawPnl', 'float64'),
]);

export const PORTFOLIO_REFUSALS_SCHEMA: CanonicalSchema = Object.freeze([
  col('timestamp', 'timestamp-ms-utc'),
  col('bar', 'int64'),
  col('kind', 'utf8'),
  col('orderId', 'int64'),
  col('instrument', 'utf8'),
  col('side', 'int64'),
  col('requested', 'float64'),
  col('allowed', 'float64'),
  col('rule', 'utf8'),
  col('nav', 'float64'),
]);

export const PORTFOLIO_NULLABLE_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  refusals: ['orderId', 'instrument', 'side', 'requested', 'allowed', 'nav'],
  targets: [],
  optimizer: ['instrument', 'left', 'right', 'size', 'position'],
  risk: ['es'],
  stress: ['start', 'end', 'instrument'],
};

export function portfolioTargetsTable(c: ConstructedTargets, instruments: readonly string[], time: Float64Array): LogicalTable {
  const K = instruments.length;
  const n = c.bars.length * K;
  const ts = new Float64Array(n);
  const bar: number[] = [];
  const name: string[] = [];
  for (let j = 0; j < c.bars.length; j++) {
    for (let k = 0; k < K; k++) {
      ts[j * K + k] = time[c.bars[j]];
      bar.push(c.bars[j]);
      name.push(instruments[k]);
    }
  }
  return { schema: PORTFOLIO_TARGETS_SCHEMA, columns: [ts, bar, name, c.raw, c.optimized] };
}

export function portfolioOptimizerTable(c: ConstructedTargets, time: Float64Array): LogicalTable {
  const cols: [
    number[],
    number[],
    string[],
    (number | null)[],
    (string | null)[],
    number[],
    (number | null)[],
    (number | null)[],
    (number | null)[],
  ] = [[], [], [], [], [], [], [], [], []];
  const row = (
    b: number,
    key: string,
    position: number | null,
    instrument: string | null,
    value: number,
    left: number | null = null,
    right: number | null = null,
    size: number | null = null,
  ) => {
    const v = [time[b], b, key, position, instrument, value, left, right, size] as const;
    v.forEach((x, i) => (cols[i] as unknown[]).push(x));
  };
  for (const d of c.diagnostics) {
    row(d.bar, 'iterations', null, null, d.iterations);
    row(d.bar, 'variance', null, null, d.variance);
    if (d.shrinkage !== null) row(d.bar, 'shrinkage', null, null, d.shrinkage);
    d.selection.forEach((s, i) => row(d.bar, 'selection', i, s, NaN));
    d.leafOrder?.forEach((s, i) => row(d.bar, 'leaf', i, s, NaN));
    d.linkage?.forEach((l, i) => row(d.bar, 'linkage', i, null, l[2], l[0], l[1], l[3]));
  }
  return { schema: PORTFOLIO_OPTIMIZER_SCHEMA, columns: cols };
}

export function portfolioRiskTable(rows: readonly RollingVarRow[], time: Float64Array): LogicalTable {
  return {
    schema: PORTFOLIO_RISK_SCHEMA,
    columns: [
      Float64Array.from(rows, (r) => time[r.bar]),
      rows.map((r) => r.bar),
      Float64Array.from(rows, (r) => r.level),
      rows.map((r) => r.horizon),
      Float64Array.from(rows, (r) => r.var),
      rows.map((r) => r.es),
    ],
  };
}

export function portfolioStressTable(rows: readonly StressRow[]): LogicalTable {
  return {
    schema: PORTFOLIO_STRESS_SCHEMA,
    columns: [
      rows.map((r) => r.scenario),
      rows.map((r) => r.kind),
      rows.map((r) => r.start),
      rows.map((r) => r.end),
      rows.map((r) => r.instrument),
      Float64Array.from(rows, (r) => r.shock),
      Float64Array.from(rows, (r) => r.optimizedWeight),
      Float64Array.from(rows, (r) => r.rawWeight),
      Float64Array.from(rows, (r) => r.optimizedPnl),
      Float64Array.from(rows, (r) => r.rawPnl),
    ],
  };
}

/** The engine's limit log as one table: limited orders first (in log order), then the post-trade trips. */
export function portfolioRefusalsTable(
  r: { limitOrders: LabLimitOrders; limitEvents: LabLimitEvents },
  instruments: readonly string[],
  time: Float64Array,
): LogicalTable {
  const o = r.limitOrders;
  const e = r.limitEvents;
  const n = o.count + e.count;
  const ts = new Float64Array(n);
  const bar: number[] = [];
  const kind: string[] = [];
  const orderId: (number | null)[] = [];
  const instrument: (string | null)[] = [];
  const side: (number | null)[] = [];
  const requested: (number | null)[] = [];
  const allowed: (number | null)[] = [];
  const rule: string[] = [];
  const nav: (number | null)[] = [];
  for (let i = 0; i < o.count; i++) {
    ts[i] = time[o.bar[i]];
    bar.push(o.bar[i]);
    kind.push('order');
    orderId.push(o.orderId[i]);
    instrument.push(instruments[o.instrument[i]]);
    side.push(o.side[i]);
    requested.push(o.requested[i]);
    allowed.push(o.allowed[i]);
    rule.push(LIMIT_RULE_NAMES[o.rule[i]]);
    nav.push(null);
  }
  for (let i = 0; i < e.count; i++) {
    ts[o.count + i] = time[e.bar[i]];
    bar.push(e.bar[i]);
    kind.push('event');
    orderId.push(null);
    instrument.push(null);
    side.push(null);
    requested.push(null);
    allowed.push(null);
    rule.push(LIMIT_RULE_NAMES[e.rule[i]]);
    nav.push(e.nav[i]);
  }
  return { schema: PORTFOLIO_REFUSALS_SCHEMA, columns: [ts, bar, kind, orderId, instrument, side, requested, allowed, rule, nav] };
}
