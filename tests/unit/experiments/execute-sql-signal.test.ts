/**
 * A SQL signal end to end in Node, with the CLI's adapters: GOOG imported, the query run by DuckDB-WASM over the
 * input's projection (NodeSqlSignals), checked, traded by the reference backtester through the runner, results
 * published and read back. The resultHash is pinned (same SQL + inputs → same hash, in any store); the browser e2e
 * checks the browser prints the same one. Rule violations end the attempt as failed, naming the rule.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeSqlSignals } from '../../../src/adapters/node/duckdb-sql-signals';
import { decodeBarsFile } from '../../../src/adapters/node/decode-bars-file';
import { DirArtifactStore } from '../../../src/adapters/node/dir-artifact-store';
import { DirExperimentTracker } from '../../../src/adapters/node/dir-experiment-tracker';
import { nodeCompatRunner } from '../../../src/adapters/node/engine-runners';
import { NodeParquetCodec } from '../../../src/adapters/node/node-parquet-codec';
import { CliError } from '../../../src/cli/cli-error';
import { main } from '../../../src/cli/main';
import type { ArtifactRecord } from '../../../src/core/artifacts/record';
import { ExperimentCancelledError } from '../../../src/core/experiments/errors';
import type { ExperimentRecord } from '../../../src/core/experiments/record';
import { EXTENDED_REPORT_KEYS } from '../../../src/core/report/types';
import { executeExperiment, type ExecuteExperimentDeps, type ExecuteStage } from '../../../src/handlers/execute-experiment';
import { untilAborted } from '../../../src/handlers/experiments/abortable';
import { createExperiment } from '../../../src/handlers/experiments/create-experiment';
import { parquetBarsDecoder } from '../../../src/handlers/experiments/parquet-bars-decoder';
import { readExperimentResults } from '../../../src/handlers/experiments/read-results';
import { importArtifact } from '../../../src/handlers/import-artifact';
import type { CompatRunner } from '../../../src/ports/compat-runner';
import { sharedDataPath } from '../../helpers/shared-data';
import { GOOG_HASH } from '../../helpers/goog-experiment';

const GOOG_ID = 'art_f2e4b64306bd2b8ab341951c';
const SQL =
  'SELECT timestamp, CASE WHEN close > avg(close) OVER (ORDER BY timestamp ROWS 19 PRECEDING) THEN 1 ELSE -1 END AS position FROM bars ORDER BY timestamp';
// Pinned: the experiment of SPEC(SQL) on GOOG and its resultHash (docs/experiments.md).
const SQL_EXPERIMENT_ID = 'exp_5dd0cb2a54c75d088fcc75e8';
const SQL_RESULT_HASH = '383c59a033cefe542985f85ff9547673a54b7532a13f3dcaaadb565e93ada7af';

const SPEC = (sql: string) => ({
  specVersion: 1,
  profile: 'backtesting.py',
  strategy: 'sql-signal',
  params: { sql },
  inputs: [{ contentHash: GOOG_HASH, label: 'GOOG' }],
  broker: { cash: 10_000, exclusiveOrders: true },
  costs: { commission: { relative: 0.002 } },
});

const root = mkdtempSync(join(tmpdir(), 'quantlab-sql-signal-'));
const codec = new NodeParquetCodec();
let runner: CompatRunner;
const opened: { store: DirArtifactStore; tracker: DirExperimentTracker }[] = [];

async function openLab(name: string): Promise<{ store: DirArtifactStore; deps: ExecuteExperimentDeps; goog: ArtifactRecord }> {
  const dir = join(root, name);
  let t = Date.UTC(2026, 0, 1);
  const clock = { now: () => (t += 1000) };
  const store = await DirArtifactStore.open(dir, { clock });
  const tracker = await DirExperimentTracker.open(dir);
  opened.push({ store, tracker });
  const imported = await importArtifact(
    { store, decode: decodeBarsFile, parquet: codec, appVersion: '0.1.0-test' },
    { name: 'GOOG.csv', bytes: new Uint8Array(readFileSync(sharedDataPath('GOOG.csv'))) },
  );
  if (imported.status === 'quarantined') throw new Error('GOOG was quarantined');
  const deps: ExecuteExperimentDeps = {
    store,
    tracker,
    runner,
    decodeBars: parquetBarsDecoder(codec),
    parquet: codec,
    clock,
    appVersion: '0.1.0-test',
    session: `test/${name}`,
    signals: new NodeSqlSignals(store, codec),
  };
  return { store, deps, goog: imported.record };
}

async function execute(deps: ExecuteExperimentDeps, sql: string, options: Parameters<typeof executeExperiment>[2] = {}): Promise<ExperimentRecord> {
  const { record } = await createExperiment({ tracker: deps.tracker, store: deps.store, clock: deps.clock, appVersion: '0.1.0-test' }, SPEC(sql));
  return (await executeExperiment(deps, record.id, options)).record;
}

beforeAll(async () => {
  runner = await nodeCompatRunner();
}, 60_000);

afterAll(async () => {
  for (const lab of opened) {
    await lab.tracker.close();
    await lab.store.close();
  }
  rmSync(root, { recursive: true, force: true });
});

describe('executeExperiment: a SQL signal on GOOG', { timeout: 90_000 }, () => {
  let lab: Awaited<ReturnType<typeof openLab>>;
  let done: ExperimentRecord;
  const stages: ExecuteStage[] = [];

  beforeAll(async () => {
    lab = await openLab('main');
    done = await execute(lab.deps, SQL, { onStage: (s) => stages.push(s) });
  }, 90_000);

  it('ends done with the pinned resultHash, through the signal stage', () => {
    expect(done.error).toBeNull();
    expect(done.status).toBe('done');
    expect(done.id).toBe(SQL_EXPERIMENT_ID);
    expect(done.results!.resultHash).toBe(SQL_RESULT_HASH);
    expect(done.results!.inputs).toEqual([GOOG_ID]);
    expect(stages).toEqual(['freezing', 'loading', 'signal', 'running', 'publishing']);
  });

  it('gives the same resultHash in another store (same SQL + inputs → same hash)', async () => {
    const other = await openLab('again');
    expect((await execute(other.deps, SQL)).results!.resultHash).toBe(SQL_RESULT_HASH);
  });

  it('reads the bars view the query sees: the input’s rows, in order, with TIMESTAMP and DOUBLE columns', async () => {
    const bars = await parquetBarsDecoder(codec)(await lab.store.readBytes(GOOG_ID), 'GOOG');
    const up = await lab.deps.signals!.evaluate(
      { artifact: lab.goog },
      'SELECT timestamp, CASE WHEN close > lag(close) OVER (ORDER BY timestamp) THEN 1 ELSE 0 END AS position FROM bars',
    );
    expect([...up.timestamp]).toEqual([...bars.timestamp]);
    const expected = Array.from(bars.close, (c, i) => (i > 0 && c > bars.close[i - 1] ? 1 : 0));
    expect([...up.position]).toEqual(expected);
    const typed = await lab.deps.signals!.evaluate(
      { artifact: lab.goog },
      "SELECT timestamp, CASE WHEN typeof(timestamp) = 'TIMESTAMP' AND typeof(close) = 'DOUBLE' AND year(timestamp) >= 2004 THEN 0.5 ELSE 0 END AS position FROM bars",
    );
    expect(new Set(typed.position)).toEqual(new Set([0.5]));
  });

  it('publishes results that read back as the run: equity per bar, the trades, statistics and report', async () => {
    const data = await readExperimentResults(lab.store, codec, done.results!);
    expect(data.equity).toHaveLength(2148);
    expect(data.time[0]).toBe(Date.UTC(2004, 7, 19));
    expect(data.trades).toHaveLength(done.results!.summary.trades!);
    expect(data.stats.trades).toBe(done.results!.summary.trades);
    expect(data.stats.return_pct).toBe(done.results!.summary.return_pct);
    expect(Object.keys(data.report).sort()).toEqual([...EXTENDED_REPORT_KEYS].sort());
    expect(data.report.monthly_returns.length).toBeGreaterThan(100);
  });

  it('fails an attempt whose query breaks the contract, naming the rule', async () => {
    const fewer = await execute(lab.deps, "SELECT timestamp, 1 AS position FROM bars WHERE timestamp >= TIMESTAMP '2005-01-01'");
    expect(fewer.status).toBe('failed');
    expect(fewer.error).toEqual({
      name: 'SignalRuleError',
      message: 'SQL signal: the query returned 2054 rows for 2148 bars; it must return exactly one row per bar [rule: one-row-per-bar]',
    });

    const big = await execute(lab.deps, 'SELECT timestamp, 2 AS position FROM bars');
    expect(big.error!.message).toBe(
      'SQL signal: row 1 (2004-08-19): position 2 is outside [-1, 1] (sign = side, size = fraction of available margin) [rule: position-in-range]',
    );

    const nulls = await execute(lab.deps, 'SELECT timestamp, lag(close) OVER (ORDER BY timestamp) * 0 AS position FROM bars');
    expect(nulls.error!.message).toMatch(/^SQL signal: row 1 \(2004-08-19\): position is NULL or NaN; .*\[rule: position-finite\]$/);

    const noPosition = await execute(lab.deps, 'SELECT timestamp, close AS weight FROM bars');
    expect(noPosition.error!.message).toMatch(
      /^SQL signal: the query must return columns "timestamp" and "position" over the view "bars": Binder Error: .*\[rule: query\]$/,
    );

    const files = await execute(lab.deps, "SELECT timestamp, 0 AS position FROM read_csv('/etc/hostname')");
    expect(files.status).toBe('failed');
    expect(files.error!.message).toMatch(/^SQL signal: the query failed: .*\[rule: query\]$/);
  });

  it('fails with a clear message where no SQL engine is wired', async () => {
    const { signals: _none, ...deps } = lab.deps;
    const r = await execute(deps, 'SELECT timestamp, 0.25 AS position FROM bars');
    expect(r.status).toBe('failed');
    expect(r.error!.message).toBe('this lab has no SQL engine wired to run sql-signal experiments');
  });

  it('ends as cancelled when aborted during the query, without waiting for it', async () => {
    const controller = new AbortController();
    const r = await execute(lab.deps, 'SELECT timestamp, -0.5 AS position FROM bars', {
      signal: controller.signal,
      onStage: (s) => {
        if (s === 'signal') controller.abort(new Error('stop'));
      },
    });
    expect(r.status).toBe('cancelled');
    expect(r.error).toEqual({ name: 'ExperimentCancelledError', message: 'stop' });
  });
});

describe('untilAborted', () => {
  it('passes the work’s answer through, or rejects at once on abort', async () => {
    expect(await untilAborted(Promise.resolve(1), undefined)).toBe(1);
    const c = new AbortController();
    const never = new Promise<number>(() => undefined);
    const waiting = untilAborted(never, c.signal);
    c.abort();
    await expect(waiting).rejects.toBeInstanceOf(ExperimentCancelledError);
    await expect(untilAborted(Promise.reject(new Error('boom')), new AbortController().signal)).rejects.toThrow('boom');
    await expect(untilAborted(Promise.resolve(2), c.signal)).rejects.toThrow('This operation was aborted');
  });
});

describe('quantlab experiments with a SQL signal', { timeout: 90_000 }, () => {
  it('runs the spec with the CLI: the same resultHash; a LEAD query is refused at create with exit code 2', async () => {
    const store = join(root, 'cli');
    let out = '';
    await main(['artifacts', 'import', sharedDataPath('GOOG.csv'), '--store', store], () => undefined);
    const spec = join(root, 'sql.json');
    writeFileSync(spec, JSON.stringify(SPEC(SQL)));
    await main(['experiments', 'run', spec, '--store', store, '--json'], (s) => (out += s));
    const record = (JSON.parse(out) as { experiment: ExperimentRecord }).experiment;
    expect(record.results!.resultHash).toBe(SQL_RESULT_HASH);

    let text = '';
    await main(['experiments', 'get', SQL_EXPERIMENT_ID, '--store', store], (s) => (text += s));
    expect(text).toContain('sql-signal sql="SELECT timestamp, CASE WHEN close > avg(close) …"');
    let listed = '';
    await main(['experiments', 'list', '--strategy', 'sql-signal', '--store', store, '--json'], (s) => (listed += s));
    expect((JSON.parse(listed) as { experiments: ExperimentRecord[] }).experiments.map((e) => e.id)).toEqual([SQL_EXPERIMENT_ID]);

    const lead = join(root, 'lead.json');
    writeFileSync(lead, JSON.stringify(SPEC('SELECT timestamp, lead(close) OVER (ORDER BY timestamp) > close AS position FROM bars')));
    const refused = await main(['experiments', 'create', lead, '--store', store], () => undefined).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CliError);
    expect((refused as CliError).exitCode).toBe(2);
    expect((refused as CliError).message).toBe(
      'lead.json: spec.params.sql: LEAD( reads later bars, so the signal would see the future (look-ahead); use LAG( or windows over PRECEDING rows [rule: no-look-ahead]',
    );
  });
});
