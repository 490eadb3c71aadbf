import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { cliOk } from '../../helpers/cli-run';
import { sharedDataPath } from '../../helpers/shared-data';
import { loadOhlcvCsv } from '../../../src/core/csv/load-ohlcv-csv';
import { alignTables, labStrategy, runLab } from '../../../src/core/lab';
import { labResultHash } from '../../../src/core/results/lab-result-hash';

async function run(args: string[]): Promise<Record<string, unknown> & { stats: Record<string, unknown>; resultHash: string }> {
  return JSON.parse(await cliOk(args));
}

const GOOG = [
  'backtest',
  '--data',
  sharedDataPath('GOOG.csv'),
  '--strategy',
  'sma-cross',
  '--param',
  'fast=10',
  '--param',
  'slow=20',
  '--profile',
  'lab',
  '--json',
];

describe('quantlab backtest --profile lab', () => {
  it('random slippage is seeded: same seed same hash, another seed another hash', async () => {
    const a = await run([...GOOG, '--slippage', 'random,5', '--seed', '1']);
    const b = await run([...GOOG, '--slippage', 'random,5', '--seed', '1']);
    const c = await run([...GOOG, '--slippage', 'random,5', '--seed', '2']);
    expect(b.resultHash).toBe(a.resultHash);
    expect(c.resultHash).not.toBe(a.resultHash);
    // Slippage is always adverse: it can only cost.
    const free = await run(GOOG);
    expect(a.stats.equity_final as number).toBeLessThan(free.stats.equity_final as number);
  });

  it('the WASM engine gives the TypeScript reference result, bit for bit', async () => {
    const cli = await run([
      ...GOOG,
      '--commission',
      '3,0.001',
      '--spread',
      '0.001',
      '--slippage',
      'random,4',
      '--seed',
      '7',
      '--volume-share',
      '0.05',
    ]);
    const table = loadOhlcvCsv(readFileSync(sharedDataPath('GOOG.csv'), 'utf8'), { source: 'GOOG.csv' }).table;
    const reference = runLab(
      alignTables([{ name: 'GOOG.csv', table }]),
      {
        commission: { fixed: 3, relative: 0.001 },
        spread: 0.001,
        slippage: { model: 'random', bps: 4 },
        volumeShare: 0.05,
        fillTiming: 'next-open',
        allowShort: true,
        closeAtEnd: false,
        seed: 7,
      },
      { strategy: labStrategy({ name: 'sma-cross', params: { fast: 10, slow: 20, weight: 0.95 } }) },
    );
    expect(cli.resultHash).toBe(await labResultHash(reference));
    expect(reference.meta.implementation).toBe('ts-reference');
  });

  it('--no-short makes the long/short strategy long-only', async () => {
    const both = await run(GOOG);
    const longOnly = await run([...GOOG, '--no-short']);
    const sides = (r: typeof both) => [...new Set((r.trades as { side: number }[]).map((t) => t.side))].sort();
    expect(sides(both)).toEqual([-1, 1]);
    expect(sides(longOnly)).toEqual([1]);
    expect(longOnly.stats.trades as number).toBeLessThan(both.stats.trades as number);
  });

  it.each(['GOOG.csv', 'EURUSD.csv', 'BTCUSD.csv'])('runs every built-in strategy on %s', async (file) => {
    for (const [strategy, params] of [
      ['sma-cross', ['fast=5', 'slow=15']],
      ['momentum', ['lookback=5']],
      ['mean-reversion', ['window=10']],
    ] as const) {
      const out = await run([
        'backtest',
        '--data',
        sharedDataPath(file),
        '--strategy',
        strategy,
        ...params.flatMap((p) => ['--param', p]),
        '--profile',
        'lab',
        '--slippage',
        'fixed-bps,2',
        '--json',
      ]);
      expect(Object.keys(out.stats)).toHaveLength(32);
      expect(out.resultHash).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it.each([
    [['--exclusive-orders'], /--exclusive-orders is a backtesting\.py profile option/],
    [['--hedging'], /--hedging is a backtesting\.py profile option/],
    [['--slippage', 'gaussian,3'], /--slippage: unknown model "gaussian"/],
    [['--slippage', 'random'], /random needs a value/],
    [['--param', 'sl=0.1'], /no parameter "sl" in the lab profile/],
  ])('refuses %j with a reason', async (extra, reason) => {
    await expect(run([...GOOG, ...extra])).rejects.toThrow(reason);
  });

  it('refuses lab-only flags in the backtesting.py profile', async () => {
    const compat = GOOG.filter((a) => a !== 'lab' && a !== '--profile');
    await expect(run([...compat, '--slippage', 'random,5'])).rejects.toThrow(/need --profile lab/);
  });
});
