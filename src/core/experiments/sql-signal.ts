/**
 * The `sql-signal` strategy: a user's DuckDB query over the input's bars that says, for every bar, which position
 * to hold. The lab runs it, checks what it returned, and hands the series to the reference backtester
 * (src/core/compat/strategies/signal-series.ts), so the experiment's broker and costs apply to it.
 *
 * Contract of the query (checked here, in words a user can act on):
 * - one statement, a query over the view `bars` (timestamp TIMESTAMP (UTC), open, high, low, close, volume DOUBLE:
 *   the input's projection, one row per bar);
 * - it returns the columns `timestamp` and `position` (any other columns are ignored) — one row per bar, the bars'
 *   own timestamps; the lab orders the rows by timestamp itself;
 * - `position` is a finite number in [-1, 1]: the sign is the side, the magnitude the fraction of available margin,
 *   0 is flat. NULL is refused (write COALESCE(…, 0) for flat).
 *
 * Look-ahead: a query sees the whole series at once, so it can read the future. Queries naming LEAD( or a window
 * frame over FOLLOWING rows are refused; others that look ahead (a window without ORDER BY, last_value over the
 * whole partition, a join on later timestamps) cannot be told apart from honest ones and are the author's
 * responsibility — the UI says so.
 *
 * Pure: this file builds SQL text and checks values; the adapters (browser DuckDB worker, DuckDB-WASM in Node) run
 * it. Both run the same text on the same DuckDB build over the same rows, so they return the same positions.
 */

export const SQL_SIGNAL_STRATEGY = 'sql-signal';

/** The view the query reads. */
export const SIGNAL_VIEW = 'bars';

export const SQL_SIGNAL_MAX_LENGTH = 20_000;

/** A starting point for the editor: long above the 20-bar mean of close, short below. */
export const SQL_SIGNAL_EXAMPLE = `SELECT timestamp,
       CASE WHEN close > avg(close) OVER (ORDER BY timestamp ROWS 19 PRECEDING) THEN 1 ELSE -1 END AS position
FROM bars
ORDER BY timestamp`;

export type SignalRule =
  'single-statement' | 'no-look-ahead' | 'query' | 'one-row-per-bar' | 'timestamps-match' | 'position-finite' | 'position-in-range';

/** A signal query or its output broke a rule of the contract above; `row` is 1-based where there is one. */
export class SignalRuleError extends Error {
  override name = 'SignalRuleError';
  constructor(
    readonly rule: SignalRule,
    message: string,
    readonly row?: number,
  ) {
    super(`SQL signal: ${message} [rule: ${rule}]`);
  }
}

/** Trailing semicolons and blanks are not part of the query (the same query with or without them is one spec). */
export function normalizeSignalSql(sql: string): string {
  return sql.replace(/[\s;]+$/u, '').trim();
}

const LEAD = /\blead\s*\(/iu;
const FOLLOWING = /\bfollowing\b/iu;

/**
 * What is wrong with a query's text, before it runs (the spec refuses such a query): null when nothing is.
 * `sql` is taken as normalized (normalizeSignalSql).
 */
export function signalSqlProblem(sql: string): { rule: SignalRule; message: string } | null {
  if (LEAD.test(sql)) {
    return {
      rule: 'no-look-ahead',
      message: 'LEAD( reads later bars, so the signal would see the future (look-ahead); use LAG( or windows over PRECEDING rows',
    };
  }
  if (FOLLOWING.test(sql)) {
    return {
      rule: 'no-look-ahead',
      message:
        'a window frame over FOLLOWING rows reads later bars, so the signal would see the future (look-ahead); frame windows with PRECEDING and CURRENT ROW',
    };
  }
  if (sql.includes(';')) {
    return { rule: 'single-statement', message: 'one SELECT statement only: remove ";" (also inside strings and comments)' };
  }
  return null;
}

/** Throws SignalRuleError when the text breaks a rule (adapters check again before running what a spec holds). */
export function assertSignalSql(sql: string): string {
  const text = normalizeSignalSql(sql);
  const problem = signalSqlProblem(text);
  if (problem) throw new SignalRuleError(problem.rule, problem.message);
  return text;
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * The `bars` view over a projection table holding canonical ohlcv columns: timestamps as naive UTC TIMESTAMP (DuckDB
 * date functions work on them without a time zone setting), prices and volume as DOUBLE. TEMP: it belongs to the
 * connection that runs the query, so concurrent runs never see each other's view.
 */
export function signalViewSql(projectionTable: string): string {
  const t = quoteIdent(projectionTable);
  return (
    `CREATE OR REPLACE TEMP VIEW ${SIGNAL_VIEW} AS SELECT epoch_ms(CAST(epoch_ms("timestamp") AS BIGINT)) AS "timestamp", ` +
    `CAST("open" AS DOUBLE) AS "open", CAST("high" AS DOUBLE) AS "high", CAST("low" AS DOUBLE) AS "low", ` +
    `CAST("close" AS DOUBLE) AS "close", CAST("volume" AS DOUBLE) AS "volume" FROM ${t}`
  );
}

/**
 * The user's query wrapped so that only a query can run (a subquery cannot be DDL or a SET) and its answer comes
 * back as two DOUBLE columns: t (epoch ms) and p (position), in time order. The query sits on lines of its own so a
 * trailing `--` comment cannot swallow the wrapper.
 */
export function signalQuerySql(sql: string): string {
  return (
    `SELECT CAST(epoch_ms(CAST(signal."timestamp" AS TIMESTAMP)) AS DOUBLE) AS t, CAST(signal."position" AS DOUBLE) AS p\n` +
    `FROM (\n${assertSignalSql(sql)}\n) AS signal\nORDER BY t`
  );
}

/** Turns the SQL engine's refusal (a parse, binder or conversion error) into a rule error naming the contract. */
export function signalQueryError(e: unknown): SignalRuleError {
  const raw = e instanceof Error ? e.message : String(e);
  const message = raw.split('\n')[0].trim();
  if (/"?position"?|"?timestamp"?/iu.test(message) && /not found|does not have a column|Referenced column/iu.test(message)) {
    return new SignalRuleError('query', `the query must return columns "timestamp" and "position" over the view "bars": ${message}`);
  }
  return new SignalRuleError('query', `the query failed: ${message}`);
}

/** What a query returned, as the adapters read it back: epoch ms and positions, NaN where SQL gave NULL. */
export interface SignalRows {
  timestamp: Float64Array;
  position: Float64Array;
}

function when(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString().replace('T00:00:00.000Z', '') : 'NULL';
}

/**
 * Checks the query's answer against the bars it ran on and returns the positions (a copy; -0 as 0):
 * one row per bar, each row's timestamp the bar's, each position finite and in [-1, 1].
 */
export function checkSignalRows(barTimes: Float64Array, rows: SignalRows): Float64Array {
  const n = barTimes.length;
  if (rows.timestamp.length !== n || rows.position.length !== n) {
    throw new SignalRuleError(
      'one-row-per-bar',
      `the query returned ${rows.timestamp.length} rows for ${n} bars; it must return exactly one row per bar`,
    );
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = rows.timestamp[i];
    if (t !== barTimes[i]) {
      const duplicate = i > 0 && t === rows.timestamp[i - 1];
      throw new SignalRuleError(
        'timestamps-match',
        `row ${i + 1}: timestamp ${when(t)} is not bar ${i + 1}'s (${when(barTimes[i])})${duplicate ? '; the query returned this timestamp twice' : ''}; return each bar's timestamp exactly once`,
        i + 1,
      );
    }
    const p = rows.position[i];
    if (!Number.isFinite(p)) {
      throw new SignalRuleError(
        'position-finite',
        `row ${i + 1} (${when(t)}): position is ${Number.isNaN(p) ? 'NULL or NaN' : String(p)}; every bar needs a finite position (0 for flat, e.g. COALESCE(…, 0))`,
        i + 1,
      );
    }
    if (p < -1 || p > 1) {
      throw new SignalRuleError(
        'position-in-range',
        `row ${i + 1} (${when(t)}): position ${p} is outside [-1, 1] (sign = side, size = fraction of available margin)`,
        i + 1,
      );
    }
    out[i] = p === 0 ? 0 : p;
  }
  return out;
}
