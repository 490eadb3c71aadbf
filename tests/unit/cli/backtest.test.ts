import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cliOk } from '../../helpers/cli-run';
import { GOOG_SMA_10_20_STATS as GOOG_GOLDEN, GOOG_SMA_10_20_FIRST_TRADES, GOOG_SMA_10_20_LAST_EQUITY } from '../../helpers/goog-golden';
import { sharedDataPath } from '../../helpers/shared-data';
import type { BacktestOptionsInput } from '../../../src/core/compat/options';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

const run = cliOk;

function close(actual: unknown, expected: unknown, key: string): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const tol = 1e-6 * Math.max(1, Math.abs(expected));
    if (!(Math.abs(actual - expected) <= tol)) throw new Error(`${key}: ${actual} ≠ ${expected}`);
  } else if (expected === 'inf') {
    expect(actual, key).toBe(null); // JSON has no Infinity
  } else {
    expect(actual, key).toEqual(expected);
  }
}

interface Case {
  name: string;
  data: string | null;
  rows?: number;
  retime?: unknown;
  strategy: string;
  params: Record<string, number>;
  options: BacktestOptionsInput;
  stats: Record<string, unknown>;
}
const fixture = JSON.parse(readFileSync(new URL('../compat/fixtures/backtesting-py-cases.json', import.meta.url), 'utf8')) as { cases: Case[] };
// Cases that run sma-cross on a whole file as it is: the command line can express them exactly.
const fileCases = fixture.cases.filter((c) => c.strategy === 'sma' && c.data && !c.rows && !c.retime);

function cliArgs(c: Case): string[] {
  const a = ['backtest', '--data', sharedDataPath(c.data!), '--strategy', 'sma-cross', '--json'];
  for (const [k, v] of Object.entries(c.params)) a.push('--param', `${k}=${v}`);
  const o = c.options;
  if (o.cash !== undefined) a.push('--cash', String(o.cash));
  if (typeof o.commission === 'number') a.push('--commission', String(o.commission));
  else if (o.commission) a.push('--commission', `${o.commission.fixed ?? 0},${o.commission.relative ?? 0}`);
  if (o.spread !== undefined) a.push('--spread', String(o.spread));
  if (o.margin !== undefined) a.push('--margin', String(o.margin));
  if (o.tradeOnClose) a.push('--trade-on-close');
  if (o.exclusiveOrders) a.push('--exclusive-orders');
  if (o.finalizeTrades) a.push('--finalize-trades');
  if (o.hedging) a.push('--hedging');
  return a;
}

describe('quantlab backtest', () => {
  it('reproduces the visible backtesting.py case on GOOG (--json)', async () => {
    const out = JSON.parse(
      await run([
        'backtest',
        '--data',
        sharedDataPath('GOOG.csv'),
        '--strategy',
        'sma-cross',
        '--param',
        'fast=10',
        '--param',
        'slow=20',
        '--commission',
        '0.002',
        '--exclusive-orders',
        '--json',
      ]),
    );
    for (const [k, v] of Object.entries(GOOG_GOLDEN)) close(out.stats[k], v, k);
    const first = out.trades.slice(0, 3) as { size: number; entryBar: number; exitBar: number; entryPrice: number; exitPrice: number; pnl: number }[];
    expect(first.map((t) => [t.size, t.entryBar, t.exitBar, t.entryPrice, t.exitPrice, +t.pnl.toFixed(5)])).toEqual(
      GOOG_SMA_10_20_FIRST_TRADES.map((t) => [...t]),
    );
    expect(out.equity.slice(-5).map((x: number) => +x.toFixed(5))).toEqual([...GOOG_SMA_10_20_LAST_EQUITY]);
    expect(out.resultHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each(fileCases.map((c) => [c.name, c] as const))('matches backtesting.py on %s', async (_name, c) => {
    const out = JSON.parse(await run(cliArgs(c)));
    for (const [k, v] of Object.entries(c.stats)) close(out.stats[k], v, `${c.name}.${k}`);
  });

  it('covers all three datasets', () => {
    expect(new Set(fileCases.map((c) => c.data))).toEqual(new Set(['GOOG.csv', 'EURUSD.csv', 'BTCUSD.csv']));
  });

  it('gives the same stats and hash for the same data as Parquet', async () => {
    const pq = await import('parquet-wasm');
    const { tableFromArrays, tableToIPC } = await import('apache-arrow');
    const lines = readFileSync(sharedDataPath('GOOG.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    const col = (j: number) => Float64Array.from(lines, (f) => Number(f[j]));
    const table = tableFromArrays({
      Date: lines.map((f) => new Date(`${f[0]}T00:00:00Z`)),
      Open: col(1),
      High: col(2),
      Low: col(3),
      Close: col(4),
      Volume: col(5),
    });
    const path = join(mkdtempSync(join(tmpdir(), 'quantlab-cli-')), 'GOOG.parquet');
    writeFileSync(path, pq.writeParquet(pq.Table.fromIPCStream(tableToIPC(table, 'stream'))));
    const args = ['--strategy', 'sma-cross', '--param', 'fast=10', '--param', 'slow=20', '--commission', '0.002', '--json'];
    const fromCsv = JSON.parse(await run(['backtest', '--data', sharedDataPath('GOOG.csv'), ...args]));
    const fromParquet = JSON.parse(await run(['backtest', '--data', path, ...args]));
    expect(fromParquet.stats).toEqual(fromCsv.stats);
    expect(fromParquet.resultHash).toBe(fromCsv.resultHash);
  });

  it('prints a readable table without --json', async () => {
    const out = await run(['backtest', '--data', sharedDataPath('BTCUSD.csv'), '--strategy', 'sma-cross', '--param', 'fast=3', '--param', 'slow=8']);
    expect(out).toMatch(/^Sharpe Ratio\s+-?\d/m);
    expect(out).toMatch(/^# Trades\s+\d+$/m);
    expect(out).toMatch(/resultHash [0-9a-f]{64}/);
  });

  it.each([
    [['backtest', '--strategy', 'sma-cross'], /--data .* is required/],
    [['backtest', '--data', 'x.csv', '--strategy', 'sma-cros', '--param', 'fast=1'], /unknown strategy "sma-cros"; did you mean "sma-cross"\?/],
    [
      ['backtest', '--data', sharedDataPath('GOOG.csv'), '--strategy', 'sma-cross', '--param', 'fats=10', '--param', 'slow=20'],
      /no parameter "fats"; did you mean "fast"\?/,
    ],
    [['backtest', '--data', sharedDataPath('GOOG.csv'), '--strategy', 'sma-cross', '--param', 'fast=10'], /needs parameter "slow"/],
    [
      [
        'backtest',
        '--data',
        sharedDataPath('GOOG.csv'),
        '--strategy',
        'sma-cross',
        '--param',
        'fast=10',
        '--param',
        'slow=20',
        '--commission',
        'a,b,c',
      ],
      /--commission/,
    ],
    [
      ['backtest', '--data', sharedDataPath('GOOG.csv'), '--strategy', 'sma-cross', '--param', 'fast=10', '--param', 'slow=20', '--margin', '2'],
      /margin must be in \(0, 1\]/,
    ],
    [
      ['backtest', '--data', '/nonexistent/file.csv', '--strategy', 'sma-cross', '--param', 'fast=1', '--param', 'slow=2'],
      /cannot read the file \(ENOENT\)/,
    ],
    [['backtest', '--bogus'], /bogus/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ])('rejects bad input with a reason: %j', async (args, reason) => {
    await expect(run(args)).rejects.toThrow(reason);
  });

  it('names the file, row, column and rule for bad data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quantlab-bad-'));
    const path = join(dir, 'bad.csv');
    writeFileSync(path, ',Open,High,Low,Close,Volume\n2020-01-01,10,11,9,10,100\n2020-01-02,10,9.5,9,10,100\n');
    await expect(run(['backtest', '--data', path, '--strategy', 'sma-cross', '--param', 'fast=1', '--param', 'slow=2'])).rejects.toThrow(
      /bad\.csv: row 3, column "high".*\[rule: high>=max\(open,close\)\]/,
    );
  });

  it('as a process: exit code ≠ 0 and one line on stderr', () => {
    const r = spawnSync(
      'npm',
      ['run', '-s', 'quantlab', '--', 'backtest', '--data', 'missing.csv', '--strategy', 'sma-cross', '--param', 'fast=1', '--param', 'slow=2'],
      { cwd: REPO, encoding: 'utf8' },
    );
    expect(r.status).not.toBe(0);
    const lines = r.stderr.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('npm warn'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^quantlab: .*missing\.csv/);
  });

  it('as a process: bad data is reported on one line with file, row, column and rule', () => {
    const dir = mkdtempSync(join(tmpdir(), 'quantlab-bad-'));
    const path = join(dir, 'bad.csv');
    writeFileSync(path, ',Open,High,Low,Close,Volume\n2020-01-01,10,11,9,10,100\n2020-01-02,10,9.5,9,10,100\n2020-01-03,10,11,9,-1,100\n');
    const r = spawnSync(
      'npm',
      ['run', '-s', 'quantlab', '--', 'backtest', '--data', path, '--strategy', 'sma-cross', '--param', 'fast=1', '--param', 'slow=2'],
      { cwd: REPO, encoding: 'utf8' },
    );
    expect(r.status).toBe(1);
    const lines = r.stderr.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('npm warn'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^quantlab: bad\.csv: row 3, column "high": .*\[rule: high>=max\(open,close\)\] \(\d+ more violations?\)$/);
  });

  it('as a process: --json prints one JSON object on stdout', () => {
    const out = execFileSync(
      'npm',
      [
        'run',
        '-s',
        'quantlab',
        '--',
        'backtest',
        '--data',
        sharedDataPath('BTCUSD.csv'),
        '--strategy',
        'sma-cross',
        '--param',
        'fast=3',
        '--param',
        'slow=8',
        '--json',
      ],
      { cwd: REPO, encoding: 'utf8' },
    );
    const parsed = JSON.parse(out);
    expect(Object.keys(parsed.stats)).toHaveLength(32);
  });
});
