/**
 * Every `quantlab` command as a real process (bin/quantlab.js) with stdout piped, as a script or `jq` reads it: all
 * of stdout is collected and parsed, and where the command only reads, it must be byte for byte what the in-process
 * run prints. Output far beyond a pipe's 64 KiB buffer (EURUSD backtests of ~700 KB, an import and a listing of over 1 MB)
 * must arrive whole, the exit codes must be 0 / 1 / 2 as documented, and a reader that stops early must not make
 * the process crash. Each process costs a tsx start-up, so there are 25 of them, a few at a time (cli-process.ts).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExperimentRecord } from '../../../src/core/experiments/record';
import { runCliProcess, type CliProcessResult } from '../../helpers/cli-process';
import { okJson } from '../../helpers/cli-process-expect';
import { runCli as runInProcess } from '../../helpers/cli-run';
import { sharedDataPath } from '../../helpers/shared-data';
import { GOOG_HASH, GOOG_SMA_SPEC as SMA_SPEC } from '../../helpers/goog-experiment';

const PIPE_BUFFER = 64 * 1024;
const MIB = 1024 * 1024;

const GOOG_ID = 'art_f2e4b64306bd2b8ab341951c';
// Pinned in tests/unit/cli/experiments.test.ts and tests/unit/experiments/execute-sql-signal.test.ts.
const SMA_EXPERIMENT = { id: 'exp_99c61648f98d6fec74bccb88', resultHash: '09528be8afd1884cd397730e30c8bd93fba75b6a2ff7675eecfbcf931a940786' };
const SQL_EXPERIMENT = { id: 'exp_5dd0cb2a54c75d088fcc75e8', resultHash: '383c59a033cefe542985f85ff9547673a54b7532a13f3dcaaadb565e93ada7af' };

const SQL =
  'SELECT timestamp, CASE WHEN close > avg(close) OVER (ORDER BY timestamp ROWS 19 PRECEDING) THEN 1 ELSE -1 END AS position FROM bars ORDER BY timestamp';
const SQL_SPEC = {
  specVersion: 1,
  profile: 'backtesting.py',
  strategy: 'sql-signal',
  params: { sql: SQL },
  inputs: [{ contentHash: GOOG_HASH, label: 'GOOG' }],
  broker: { cash: 10_000, exclusiveOrders: true },
  costs: { commission: { relative: 0.002 } },
};

const root = mkdtempSync(join(tmpdir(), 'quantlab-subprocess-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const path = (name: string) => join(root, name);

const cli = (args: string[], options: { stopReadingAfter?: number } = {}) => runCliProcess(args, { cwd: root, ...options });

/** A read-only command: the process printed exactly what the in-process run prints, every byte of it. */
async function expectSameAsInProcess(r: CliProcessResult, args: string[]): Promise<string> {
  const what = args.join(' ');
  const inProcess = await runInProcess(args);
  expect(inProcess.error, what).toBeUndefined();
  expect(r.stderr, what).toBe('');
  expect(r.code, what).toBe(0);
  expect(r.stdout.length, `${what}: bytes on the pipe`).toBe(Buffer.byteLength(inProcess.out));
  expect(r.stdout.toString('utf8'), what).toBe(inProcess.out);
  return inProcess.out;
}

/** One line on stderr, naming the problem. */
function oneLine(r: CliProcessResult): string {
  const lines = r.stderr.split('\n');
  expect(lines, r.stderr).toHaveLength(2);
  expect(lines[1]).toBe('');
  expect(lines[0]).toMatch(/^quantlab: /);
  return lines[0];
}

/**
 * `count` distinct windows of hourly EURUSD (300 bars, each starting 6 bars after the previous one) with the Low and
 * High columns swapped, a common export mistake: every file is quarantined with its violations, ~9 KB of reasons each.
 */
function swappedEurusdWindows(dir: string, count: number): string[] {
  const [, ...rows] = readFileSync(sharedDataPath('EURUSD.csv'), 'utf8').trim().split(/\r?\n/);
  mkdirSync(dir);
  return Array.from({ length: count }, (_, i) => {
    const file = join(dir, `eurusd-${String(i).padStart(3, '0')}.csv`);
    writeFileSync(file, `${[',Open,Low,High,Close,Volume', ...rows.slice(i * 6, i * 6 + 300)].join('\n')}\n`);
    return file;
  });
}

// Every process starts tsx: the file takes a minute or two on an idle machine, several when the cores are busy.
describe.concurrent('quantlab as a process, stdout piped', { timeout: 480_000 }, () => {
  it('backtest --json, both profiles: ~700 KB on EURUSD arrive whole, the same bytes as in-process', async () => {
    const runs = [
      ['backtest', '--data', sharedDataPath('EURUSD.csv'), '--strategy', 'sma-cross', '--param', 'fast=1', '--param', 'slow=2', '--json'],
      [
        'backtest',
        '--data',
        sharedDataPath('EURUSD.csv'),
        '--strategy',
        'momentum',
        '--param',
        'lookback=1',
        '--param',
        'threshold=0',
        '--profile',
        'lab',
        '--seed',
        '7',
        '--json',
      ],
    ];
    const results = await Promise.all(runs.map((args) => cli(args)));
    for (const [i, r] of results.entries()) {
      const out = await expectSameAsInProcess(r, runs[i]);
      expect(r.stdout.length).toBeGreaterThan(8 * PIPE_BUFFER);
      const report = JSON.parse(out) as { profile: string; equity: number[]; trades: unknown[]; resultHash: string };
      expect(report.profile).toBe(i === 0 ? 'backtesting.py' : 'lab');
      expect(report.equity).toHaveLength(5000);
      expect(report.trades.length).toBeGreaterThan(1000);
      expect(report.resultHash).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('features and labels: the same bytes as in-process, ~870 KB of triple-barrier events whole', async () => {
    const universe = sharedDataPath('universe12');
    const runs = [
      ['labels', 'triple-barrier', '--data', sharedDataPath('EURUSD.csv'), '--every', '1', '--json'],
      ['features', 'momentum', '--data', universe, '--json'],
      ['features', 'pairs', '--data', universe, '--y', 'FIN2', '--x', 'FIN4', '--window', '60', '--json'],
    ];
    const results = await Promise.all(runs.map((args) => cli(args)));
    for (const [i, r] of results.entries()) await expectSameAsInProcess(r, runs[i]);
    expect(results[0].stdout.length).toBeGreaterThan(8 * PIPE_BUFFER);
    const labels = JSON.parse(results[0].stdout.toString('utf8')) as { bars: number; events: unknown[] };
    expect(labels.bars).toBe(5000);
    expect(labels.events.length).toBeGreaterThan(4900);
  });

  it('--help prints the usage, exit 0; bad arguments exit 2 with one line on stderr and nothing on stdout', async () => {
    const [help, bad] = await Promise.all([
      cli(['--help']),
      cli(['backtest', '--data', sharedDataPath('GOOG.csv'), '--strategy', 'sma-cross', '--bogus', '--json']),
    ]);
    expect(help.code).toBe(0);
    expect(help.stderr).toBe('');
    expect(help.stdout.toString('utf8')).toBe((await runInProcess(['--help'])).out);
    expect(help.stdout.toString('utf8')).toMatch(/^usage: quantlab <command>/);

    expect(bad.code).toBe(2);
    expect(bad.stdout.length).toBe(0);
    expect(oneLine(bad)).toMatch(/--bogus/);
  });

  it('a reader that stops after 10 bytes (EPIPE, like `| head -c 10`): no crash, no stack trace, exit 0', async () => {
    const r = await cli(
      ['backtest', '--data', sharedDataPath('EURUSD.csv'), '--strategy', 'sma-cross', '--param', 'fast=1', '--param', 'slow=2', '--json'],
      { stopReadingAfter: 10 },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.subarray(0, 9).toString('utf8')).toBe('{"data":"');
  });

  it('artifacts import of 140 files that are all quarantined prints over 1 MB, whole, exit 1; find --quarantined is the in-process list', async () => {
    const store = path('quarantine');
    const files = swappedEurusdWindows(path('swapped'), 140);
    const imported = await cli(['artifacts', 'import', ...files, '--store', store, '--json']);
    expect(imported.code).toBe(1);
    expect(oneLine(imported)).toBe('quantlab: 140 of 140 files quarantined (see: quantlab artifacts find --quarantined)');
    expect(imported.stdout.length).toBeGreaterThan(MIB);
    const report = JSON.parse(imported.stdout.toString('utf8')) as {
      store: string;
      results: Array<{ file: string; status: string; id: string; entry: { reasons: Array<{ code: string }> } }>;
    };
    expect(report.store).toBe(store);
    expect(report.results.map((x) => x.file)).toEqual(files);
    expect(report.results.every((x) => x.status === 'quarantined' && x.entry.reasons.some((r) => r.code === 'high>=low'))).toBe(true);
    expect(new Set(report.results.map((x) => x.id)).size).toBe(140);

    const args = ['artifacts', 'find', '--quarantined', '--store', store, '--json'];
    const found = await cli(args);
    expect(found.stdout.length).toBeGreaterThan(MIB);
    const list = JSON.parse(await expectSameAsInProcess(found, args)) as { quarantined: Array<{ id: string }> };
    expect(list.quarantined.map((q) => q.id).sort()).toEqual(report.results.map((x) => x.id).sort());
  });

  it('import, experiments, artifact queries, export, link, reproduce and bundle import on one store', async () => {
    const store = path('lab');
    writeFileSync(path('sma.json'), JSON.stringify(SMA_SPEC));
    writeFileSync(path('sql.json'), JSON.stringify(SQL_SPEC));

    const imported = okJson<{ results: Array<{ status: string; id: string }> }>(
      await cli(['artifacts', 'import', sharedDataPath('EURUSD.csv'), sharedDataPath('GOOG.csv'), '--store', store, '--json']),
      'import',
    );
    expect(imported.results.map((x) => x.status)).toEqual(['created', 'created']);
    expect(imported.results[1].id).toBe(GOOG_ID);

    // Two processes write the same store at once: its lock serialises them.
    const [ran, executed] = await Promise.all([
      cli(['experiments', 'run', path('sma.json'), '--store', store, '--json']).then((r) => okJson<{ experiment: ExperimentRecord }>(r, 'run')),
      (async () => {
        const created = okJson<{ created: boolean; experiment: ExperimentRecord }>(
          await cli(['experiments', 'create', path('sql.json'), '--store', store, '--json']),
          'create',
        );
        expect(created.created).toBe(true);
        expect(created.experiment).toMatchObject({ id: SQL_EXPERIMENT.id, status: 'draft' });
        // The SQL signal starts DuckDB-WASM in the process: it must still end by itself.
        return okJson<{ experiment: ExperimentRecord }>(
          await cli(['experiments', 'execute', SQL_EXPERIMENT.id, '--store', store, '--json']),
          'execute',
        );
      })(),
    ]);
    expect(ran.experiment).toMatchObject({ id: SMA_EXPERIMENT.id, status: 'done', results: { resultHash: SMA_EXPERIMENT.resultHash } });
    expect(executed.experiment).toMatchObject({ id: SQL_EXPERIMENT.id, status: 'done', results: { resultHash: SQL_EXPERIMENT.resultHash } });

    const trades = ran.experiment.results!.artifacts.trades.id;
    const bundle = path('sma.zip');
    const reads = [
      ['artifacts', 'get', GOOG_ID, '--store', store, '--json'],
      ['artifacts', 'find', '--kind', 'results', '--store', store, '--json'],
      ['artifacts', 'lineage', trades, '--up', '--store', store, '--json'],
      ['experiments', 'get', SMA_EXPERIMENT.id, '--store', store, '--json'],
      ['experiments', 'list', '--store', store, '--json'],
      ['experiments', 'schema', '--json'],
      ['experiments', 'link', SMA_EXPERIMENT.id, '--store', store, '--json'],
    ];
    const [exported, ...readResults] = await Promise.all([
      cli(['experiments', 'export', SMA_EXPERIMENT.id, bundle, '--with-inputs', '--store', store, '--json']),
      ...reads.map((args) => cli(args)),
    ]);
    const outs = [];
    for (const [i, r] of readResults.entries()) outs.push(await expectSameAsInProcess(r, reads[i]));
    const [get, find, lineage, , list, , linkOut] = outs.map((o) => JSON.parse(o) as Record<string, unknown>);
    expect(get).toMatchObject({ artifact: { id: GOOG_ID } });
    const results = [ran, executed].flatMap((x) => Object.values(x.experiment.results!.artifacts).map((a) => a.id));
    expect((find.artifacts as Array<{ id: string }>).map((a) => a.id).sort()).toEqual(results.sort());
    expect((lineage.up as Array<{ artifact: { id: string } }>).map((a) => a.artifact.id)).toContain(GOOG_ID);
    expect((list.experiments as Array<{ id: string }>).map((e) => e.id).sort()).toEqual([SMA_EXPERIMENT.id, SQL_EXPERIMENT.id].sort());
    const link = linkOut.link as string;
    expect(linkOut.expectedResultHash).toBe(SMA_EXPERIMENT.resultHash);

    const exportReport = okJson<{ file: string; bytes: number; resultHash: string }>(exported, 'export');
    expect(exportReport.resultHash).toBe(SMA_EXPERIMENT.resultHash);
    expect(statSync(bundle).size).toBe(exportReport.bytes);

    const [fromBundle, missing, bundleImport] = await Promise.all([
      cli(['reproduce', bundle, '--store', path('from-bundle'), '--json']),
      cli(['reproduce', link, '--store', path('empty'), '--json']),
      cli(['bundle', 'import', bundle, '--store', path('imported'), '--json']),
    ]);
    // The bundle carries its input: identical in a fresh store.
    expect(okJson(fromBundle, 'reproduce bundle')).toMatchObject({ verdict: 'identical', actual: { resultHash: SMA_EXPERIMENT.resultHash } });
    // The link in a store without its input: `different`, exit 1, and still the whole JSON on stdout, one line on stderr.
    expect(missing.code).toBe(1);
    expect(oneLine(missing)).toMatch(/^quantlab: different: input-mismatch/);
    expect(JSON.parse(missing.stdout.toString('utf8'))).toMatchObject({ verdict: 'different', reason: 'input-mismatch' });
    const stored = okJson<{ experiment: string; artifacts: Array<{ status: string }> }>(bundleImport, 'bundle import');
    expect(stored.experiment).toBe(SMA_EXPERIMENT.id);
    expect(stored.artifacts.length).toBeGreaterThan(0);
    expect(stored.artifacts.every((a) => a.status === 'created')).toBe(true);
  });
});
