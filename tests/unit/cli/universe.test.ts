/**
 * Universe runs from the command line, as real processes with stdout piped into a JSON parser: `backtest --profile
 * lab` over several files or a folder, and version-2 specs through `experiments run/get/list/create`, with their
 * bad-input exits (2, one line on stderr, nothing stored). The experiment's result hash is the one pinned in
 * tests/unit/experiments/execute-lab.test.ts: the same spec gives the same hash in the CLI as in the handler.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExperimentRecord } from '../../../src/core/experiments/record';
import { runCliProcess, type CliProcessResult } from '../../helpers/cli-process';
import { okJson } from '../../helpers/cli-process-expect';
import { sharedDataPath } from '../../helpers/shared-data';

const PINNED_RESULT_HASH = '692f9da42eca53c3df49161f20a93791aa2052ae53f1d3678043fc5a85aba6ac';
const UNIVERSE = ['TEC1', 'FIN1', 'NRG1', 'TEC2'];

const root = mkdtempSync(join(tmpdir(), 'quantlab-universe-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const store = join(root, 'store');
const cli = (args: string[]) => runCliProcess(args, { cwd: root });

function refused(r: CliProcessResult, what: string, pattern: RegExp): void {
  expect(r.code, what).toBe(2);
  expect(r.stdout.length, what).toBe(0);
  expect(r.stderr.trimEnd().split('\n'), what).toHaveLength(1);
  expect(r.stderr, what).toMatch(pattern);
}

interface BacktestJson {
  data: string[];
  skipped: Array<{ file: string; reason: string }>;
  resultHash: string;
  stats: Record<string, number | string | null>;
  attribution: Array<{ instrument: string; pnl: number }>;
  equity: number[];
  trades: Array<{ instrument: string }>;
}

describe('quantlab backtest --profile lab over a universe', { timeout: 180_000 }, () => {
  const momentum = ['--strategy', 'momentum', '--param', 'lookback=60', '--param', 'weight=0.08', '--profile', 'lab', '--json'];

  it('takes a folder (names from file stems, the closes table passed over) and gives attribution per instrument', async () => {
    const out = okJson<BacktestJson>(await cli(['backtest', '--data', sharedDataPath('universe12'), ...momentum]), 'folder');
    expect(out.data).toEqual(['FIN1', 'FIN2', 'FIN3', 'FIN4', 'NRG1', 'NRG2', 'NRG3', 'NRG4', 'TEC1', 'TEC2', 'TEC3', 'TEC4']);
    expect(out.skipped.map((s) => s.file.split('/').pop())).toEqual(['closes.csv']);
    expect(out.attribution.map((a) => a.instrument)).toEqual(out.data);
    const total = out.attribution.reduce((s, a) => s + a.pnl, 0);
    expect(total).toBeCloseTo(out.equity[out.equity.length - 1] - 10_000, 6);
    expect(new Set(out.trades.map((t) => t.instrument)).size).toBeGreaterThan(6);
  });

  it('takes several files, named after their stems; the same files give the same hash', async () => {
    const files = ['TEC1', 'FIN1', 'NRG1'].flatMap((n) => ['--data', sharedDataPath(`universe12/${n}.csv`)]);
    const [a, b] = await Promise.all([cli(['backtest', ...files, ...momentum]), cli(['backtest', ...files, ...momentum])]);
    const first = okJson<BacktestJson>(a, 'files');
    expect(first.data).toEqual(['TEC1', 'FIN1', 'NRG1']);
    expect(okJson<BacktestJson>(b, 'again').resultHash).toBe(first.resultHash);
  });

  it('refuses a universe without the lab profile, and two instruments with one name', async () => {
    const tec1 = sharedDataPath('universe12/TEC1.csv');
    refused(
      await cli(['backtest', '--data', tec1, '--data', sharedDataPath('universe12/FIN1.csv'), '--strategy', 'momentum', '--param', 'lookback=5']),
      'no lab profile',
      /--data given 2 times: the backtesting\.py profile runs on one instrument; a universe needs --profile lab/,
    );
    refused(await cli(['backtest', '--data', tec1, '--data', tec1, ...momentum]), 'twice', /two instruments are named "TEC1"/);
  });
});

describe('quantlab experiments with a version-2 spec', { timeout: 180_000 }, () => {
  it('runs, gets, lists and reproduces it from its link; a bad universe exits 2 naming the input and stores nothing', async () => {
    const imported = okJson<{ results: Array<{ record: { contentHash: string; instruments: string[] } }> }>(
      await cli(['artifacts', 'import', ...UNIVERSE.map((n) => sharedDataPath(`universe12/${n}.csv`)), '--store', store, '--json']),
      'import',
    );
    const hashes = imported.results.map((r) => r.record.contentHash);
    const spec = {
      specVersion: 2,
      profile: 'lab',
      strategy: 'sma-cross',
      params: { fast: 10, slow: 30, weight: 0.96 },
      inputs: hashes.map((contentHash) => ({ contentHash })),
      config: { commission: { relative: 0.001 }, spread: 0.0005, allowShort: true },
    };
    writeFileSync(join(root, 'spec-v2.json'), JSON.stringify(spec));
    const run = okJson<{ experiment: ExperimentRecord }>(await cli(['experiments', 'run', 'spec-v2.json', '--store', store, '--json']), 'run');
    expect(run.experiment.status).toBe('done');
    expect(run.experiment.results!.resultHash).toBe(PINNED_RESULT_HASH);
    expect(run.experiment.spec.inputs.map((i) => ('name' in i ? i.name : undefined))).toEqual(UNIVERSE);

    const got = okJson<{ experiment: ExperimentRecord; stats: Record<string, unknown> }>(
      await cli(['experiments', 'get', run.experiment.id, '--store', store, '--json']),
      'get',
    );
    expect(got.stats.equity_final).toBe(run.experiment.results!.summary.equity_final);

    writeFileSync(
      join(root, 'dup.json'),
      JSON.stringify({
        ...spec,
        inputs: [
          { contentHash: hashes[0], name: 'A' },
          { contentHash: hashes[1], name: 'A' },
        ],
      }),
    );
    refused(
      await cli(['experiments', 'create', 'dup.json', '--store', store, '--json']),
      'dup',
      /dup\.json: spec\.inputs\[1\]\.name: duplicated name "A"/,
    );
    writeFileSync(join(root, 'unknown.json'), JSON.stringify({ ...spec, inputs: [{ contentHash: 'f'.repeat(64) }] }));
    refused(
      await cli(['experiments', 'run', 'unknown.json', '--store', store]),
      'unknown',
      /spec\.inputs\[0\]\.contentHash: inputs\[0\] \(ffffffffffff…\): unknown contentHash/,
    );

    const listed = okJson<{ experiments: ExperimentRecord[] }>(await cli(['experiments', 'list', '--store', store, '--json']), 'list');
    expect(listed.experiments.map((e) => e.id)).toEqual([run.experiment.id]);

    // The run link names every input by hash; a fresh store finds them by content in a folder and gets the same hash.
    const link = okJson<{ link: string; inputs: Array<{ contentHash: string; label: string }> }>(
      await cli(['experiments', 'link', run.experiment.id, '--store', store, '--json']),
      'link',
    );
    expect(link.inputs.map((i) => [i.contentHash, i.label])).toEqual(hashes.map((h, i) => [h, UNIVERSE[i]]));
    const reproduced = okJson<{ verdict: string; actual: { resultHash: string } }>(
      await cli(['reproduce', link.link, '--data', sharedDataPath('universe12'), '--store', join(root, 'fresh'), '--json']),
      'reproduce',
    );
    expect(reproduced.verdict).toBe('identical');
    expect(reproduced.actual.resultHash).toBe(PINNED_RESULT_HASH);
  });
});
