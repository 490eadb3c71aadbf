/**
 * The sql-signal contract in core: the spec member (validation, normalization, identity), the text checks
 * (look-ahead, one statement), the SQL the adapters run, and the checks of what a query returned.
 */
import { describe, expect, it } from 'vitest';
import { identifySpec, prepareSpec } from '../../../src/core/experiments/identity';
import { isSqlSignalSpec, numericParams, type SqlSignalSpec } from '../../../src/core/experiments/spec';
import { checkSpec } from '../../../src/core/experiments/spec-problems';
import {
  checkSignalRows,
  normalizeSignalSql,
  signalQueryError,
  signalQuerySql,
  signalSqlProblem,
  signalViewSql,
  SignalRuleError,
  SQL_SIGNAL_EXAMPLE,
} from '../../../src/core/experiments/sql-signal';
import { MS_PER_DAY } from '../../../src/core/domain/time';
import { GOOG_HASH } from '../../helpers/goog-experiment';

const SQL =
  'SELECT timestamp, CASE WHEN close > avg(close) OVER (ORDER BY timestamp ROWS 19 PRECEDING) THEN 1 ELSE -1 END AS position FROM bars ORDER BY timestamp';

const spec = (sql: unknown, over: Record<string, unknown> = {}) => ({
  specVersion: 1,
  profile: 'backtesting.py',
  strategy: 'sql-signal',
  params: { sql },
  inputs: [{ contentHash: GOOG_HASH, label: 'GOOG' }],
  ...over,
});

function problems(raw: unknown): string[] {
  const check = checkSpec(raw);
  if (check.ok) throw new Error('expected the spec to be refused');
  return check.problems.map((p) => `${p.path}: ${p.message}`);
}

describe('the sql-signal spec', () => {
  it('parses with the profile’s defaults and keeps the query', () => {
    const check = checkSpec(spec(SQL));
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(isSqlSignalSpec(check.spec)).toBe(true);
    expect(check.spec.params).toEqual({ sql: SQL });
    expect(numericParams(check.spec)).toEqual({});
    expect((check.spec as SqlSignalSpec).broker.cash).toBe(10_000);
  });

  it('refuses LEAD( and FOLLOWING frames, naming the path and the rule', () => {
    expect(problems(spec('SELECT timestamp, lead(close) OVER (ORDER BY timestamp) AS position FROM bars'))).toEqual([
      'spec.params.sql: LEAD( reads later bars, so the signal would see the future (look-ahead); use LAG( or windows over PRECEDING rows [rule: no-look-ahead]',
    ]);
    expect(problems(spec('SELECT timestamp, LEAD (close, 2) OVER w AS position FROM bars'))[0]).toMatch(/LEAD\(.*\[rule: no-look-ahead\]/);
    expect(
      problems(spec('SELECT timestamp, avg(close) OVER (ORDER BY timestamp ROWS BETWEEN CURRENT ROW AND 5 FOLLOWING) AS position FROM bars'))[0],
    ).toMatch(/FOLLOWING rows reads later bars.*\[rule: no-look-ahead\]/);
    // A word that merely contains "lead" is not LEAD(.
    expect(checkSpec(spec('SELECT timestamp, 0 AS position FROM bars -- misleading()')).ok).toBe(true);
  });

  it('refuses more than one statement, and empty or missing queries', () => {
    expect(problems(spec('SELECT 1 AS position; DROP TABLE bars'))).toEqual([
      'spec.params.sql: one SELECT statement only: remove ";" (also inside strings and comments) [rule: single-statement]',
    ]);
    expect(problems(spec('  ;  '))[0]).toMatch(/^spec\.params\.sql: expected a SELECT query over the view "bars"/);
    expect(problems(spec(undefined))[0]).toMatch(/^spec\.params\.sql: required: a SELECT query/);
    expect(problems(spec(42))[0]).toMatch(/^spec\.params\.sql: expected a SELECT query.*got 42$/);
    expect(problems({ ...spec(SQL), params: { sq: SQL } })).toContain(
      'spec.params.sq: unknown parameter of sql-signal; did you mean "sql"? (known: sql)',
    );
  });

  it('normalizes the query (trailing ";" and blanks), so the same query is the same experiment', async () => {
    const a = await prepareSpec(spec(SQL));
    const b = await prepareSpec(spec(`\n  ${SQL} ;\n\n`));
    expect(b.spec.params).toEqual({ sql: SQL });
    expect(b.id).toBe(a.id);
    const other = await prepareSpec(spec(SQL.replace('19 PRECEDING', '9 PRECEDING')));
    expect(other.id).not.toBe(a.id);
    expect((await identifySpec(a.spec)).specHash).toBe(a.specHash);
  });

  it('leaves the built-in strategies’ specs and ids as they were', async () => {
    const goog = await prepareSpec({
      ...spec(SQL),
      strategy: 'sma-cross',
      params: { fast: 10, slow: 20 },
      broker: { exclusiveOrders: true },
      costs: { commission: { relative: 0.002 } },
    });
    expect(goog.id).toBe('exp_99c61648f98d6fec74bccb88');
  });
});

describe('the SQL the adapters run', () => {
  it('builds the TEMP view bars over a projection and wraps the query as a subquery in time order', () => {
    expect(signalViewSql('art_1')).toBe(
      'CREATE OR REPLACE TEMP VIEW bars AS SELECT epoch_ms(CAST(epoch_ms("timestamp") AS BIGINT)) AS "timestamp", CAST("open" AS DOUBLE) AS "open", ' +
        'CAST("high" AS DOUBLE) AS "high", CAST("low" AS DOUBLE) AS "low", CAST("close" AS DOUBLE) AS "close", CAST("volume" AS DOUBLE) AS "volume" FROM "art_1"',
    );
    const wrapped = signalQuerySql(`${SQL} -- comment`);
    expect(wrapped).toContain(`FROM (\n${SQL} -- comment\n) AS signal\nORDER BY t`);
    expect(() => signalQuerySql('SELECT lead(close) OVER () AS position FROM bars')).toThrow(SignalRuleError);
    expect(normalizeSignalSql(`${SQL_SIGNAL_EXAMPLE};;  \n`)).toBe(SQL_SIGNAL_EXAMPLE);
  });

  it('turns DuckDB’s refusals into rule errors that name the contract', () => {
    expect(signalQueryError(new Error('Binder Error: Referenced column "position" not found in FROM clause!\nCandidate bindings: …')).message).toBe(
      'SQL signal: the query must return columns "timestamp" and "position" over the view "bars": Binder Error: Referenced column "position" not found in FROM clause! [rule: query]',
    );
    expect(signalQueryError(new Error('Parser Error: syntax error at or near "SELEC"')).message).toBe(
      'SQL signal: the query failed: Parser Error: syntax error at or near "SELEC" [rule: query]',
    );
  });
});

describe('checking what a query returned', () => {
  const times = Float64Array.from([0, MS_PER_DAY, 2 * MS_PER_DAY]);
  const rows = (t: number[], p: number[]) => ({ timestamp: Float64Array.from(t), position: Float64Array.from(p) });

  it('accepts one finite position in [-1, 1] per bar, and returns a copy with -0 as 0', () => {
    const input = rows([0, MS_PER_DAY, 2 * MS_PER_DAY], [-0, 0.5, -1]);
    const out = checkSignalRows(times, input);
    expect([...out]).toEqual([0, 0.5, -1]);
    expect(Object.is(out[0], 0)).toBe(true);
    expect(out).not.toBe(input.position);
  });

  it('names the rule, the row and what was expected', () => {
    const fail = (t: number[], p: number[]) => {
      try {
        checkSignalRows(times, rows(t, p));
      } catch (e) {
        return e as SignalRuleError;
      }
      throw new Error('expected a refusal');
    };
    expect(fail([0, MS_PER_DAY], [1, 1]).message).toBe(
      'SQL signal: the query returned 2 rows for 3 bars; it must return exactly one row per bar [rule: one-row-per-bar]',
    );
    const moved = fail([0, MS_PER_DAY + 1, 2 * MS_PER_DAY], [1, 1, 1]);
    expect(moved).toMatchObject({ rule: 'timestamps-match', row: 2 });
    expect(moved.message).toBe(
      "SQL signal: row 2: timestamp 1970-01-02T00:00:00.001Z is not bar 2's (1970-01-02); return each bar's timestamp exactly once [rule: timestamps-match]",
    );
    expect(fail([0, 0, MS_PER_DAY], [1, 1, 1]).message).toContain('the query returned this timestamp twice');
    expect(fail([0, MS_PER_DAY, 2 * MS_PER_DAY], [1, Number.NaN, 1]).message).toBe(
      'SQL signal: row 2 (1970-01-02): position is NULL or NaN; every bar needs a finite position (0 for flat, e.g. COALESCE(…, 0)) [rule: position-finite]',
    );
    expect(fail([0, MS_PER_DAY, 2 * MS_PER_DAY], [1, 1, Number.POSITIVE_INFINITY]).rule).toBe('position-finite');
    expect(fail([0, MS_PER_DAY, 2 * MS_PER_DAY], [1, 1.5, 1]).message).toBe(
      'SQL signal: row 2 (1970-01-02): position 1.5 is outside [-1, 1] (sign = side, size = fraction of available margin) [rule: position-in-range]',
    );
  });

  it('says what is wrong with the text before anything runs', () => {
    expect(signalSqlProblem(SQL)).toBeNull();
    expect(signalSqlProblem('select LeAd( close) from bars')?.rule).toBe('no-look-ahead');
    expect(signalSqlProblem("SELECT ';' AS x")?.rule).toBe('single-statement');
  });
});
