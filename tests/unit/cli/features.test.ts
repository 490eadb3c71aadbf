/**
 * `quantlab features momentum|pairs` and `quantlab labels triple-barrier` as real processes with stdout piped into a
 * JSON parser (what a script gets), on ../shared/data/universe12, checked against the worked cases of
 * ../shared/guide/portfolio-visible.json at their tolerances (momentum 1e-12 and ranks exact; pairs alpha/beta 1e-8
 * relative, z 1e-7; triple barrier: bars and labels exact, trgt 1e-10 relative, ret 1e-12), and their bad inputs:
 * exit 2 with one stderr line naming the problem.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliProcess } from '../../helpers/cli-process';
import { okJson, refused } from '../../helpers/cli-process-expect';
import { cliJson, cliOk, runCli as runInProcess } from '../../helpers/cli-run';
import { portfolioCase } from '../../helpers/portfolio-oracle';
import { sharedDataPath } from '../../helpers/shared-data';

const UNIVERSE = sharedDataPath('universe12');
const root = mkdtempSync(join(tmpdir(), 'quantlab-features-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const cli = (args: string[]) => runCliProcess(args, { cwd: root });

interface MomentumOut {
  at: string;
  momentum: Record<string, number | null>;
  rank: Record<string, number | null>;
  bars: Record<string, { bar: number; time: string; start: number; end: number }>;
  skipped: Array<{ file: string; reason: string }>;
}

describe('quantlab features momentum', () => {
  it('gives the 12-1 momenta and ranks of the worked case, skipping the table of closes in the folder', async () => {
    const want = portfolioCase<{ bar: number; momentum: Record<string, number>; rank: Record<string, number> }>('momentum_12_1_2019-02-25').values;
    const args = ['features', 'momentum', '--data', UNIVERSE, '--lookback', '252', '--skip', '21', '--at', '2019-02-25', '--json'];
    const r = await cli(args);
    const got = okJson<MomentumOut>(r, 'momentum');
    expect(Object.keys(got.momentum).sort()).toEqual(Object.keys(want.momentum).sort());
    for (const [name, m] of Object.entries(want.momentum)) {
      expect(Math.abs(got.momentum[name]! - m), name).toBeLessThanOrEqual(1e-12);
      expect(got.rank[name], name).toBe(want.rank[name]);
      expect(got.bars[name]).toEqual({ bar: 300, time: '2019-02-25T00:00:00.000Z', start: 48, end: 279 });
    }
    expect(got.at).toBe('2019-02-25T00:00:00.000Z');
    expect(got.skipped).toHaveLength(1);
    expect(got.skipped[0].file).toMatch(/closes\.csv$/);
    expect(got.skipped[0].reason).toMatch(/not OHLCV bars: .*\[rule: missing-column\]/);
    // The piped output is byte for byte what the command prints in-process.
    const inProcess = await runInProcess(args);
    expect(r.stdout.toString('utf8')).toBe(inProcess.out);
  });

  it('takes the bar as of a date between bars (a Sunday: the Friday before) and leaves short histories unranked', async () => {
    const got = await cliJson<MomentumOut>(['features', 'momentum', '--data', UNIVERSE, '--lookback', '252', '--skip', '21', '--at', '2019-02-24']);
    expect(got.bars.TEC1.time).toBe('2019-02-22T00:00:00.000Z');
    expect(got.bars.TEC1.bar).toBe(299);
    const early = await cliJson<MomentumOut>(['features', 'momentum', '--data', UNIVERSE, '--at', '2018-06-01']);
    expect(Object.values(early.rank).every((r) => r === null)).toBe(true);
    expect(Object.values(early.momentum).every((m) => m === null)).toBe(true);
  });
});

describe('quantlab features pairs', () => {
  interface PairsOut {
    alpha: number;
    beta: number;
    z_last: number;
    z: number[];
    dates: string[];
  }

  it('gives the OLS fit and spread z-scores of the FIN2/FIN4 worked case', async () => {
    const want = portfolioCase<{ alpha: number; beta: number; z_last: number; z: number[]; dates: string[] }>(
      'pairs_FIN2_FIN4_none_120_2023-09-29',
    ).values;
    const got = okJson<PairsOut>(
      await cli(['features', 'pairs', '--data', UNIVERSE, '--y', 'FIN2', '--x', 'FIN4', '--window', '120', '--at', '2023-09-29', '--json']),
      'pairs',
    );
    expect(Math.abs(got.alpha / want.alpha - 1)).toBeLessThanOrEqual(1e-8);
    expect(Math.abs(got.beta / want.beta - 1)).toBeLessThanOrEqual(1e-8);
    expect(Math.abs(got.z_last - want.z_last)).toBeLessThanOrEqual(1e-7);
    expect(got.z).toHaveLength(want.z.length);
    want.z.forEach((z, i) => expect(Math.abs(got.z[i] - z), `z[${i}]`).toBeLessThanOrEqual(1e-7));
    expect(got.dates.map((d) => d.slice(0, 10))).toEqual(want.dates);
  });

  it('reads the same bars from Parquet, named by file stem, and regresses log prices with --log', async () => {
    const pq = await import('parquet-wasm');
    const { tableFromArrays, tableToIPC } = await import('apache-arrow');
    const rows = readFileSync(join(UNIVERSE, 'FIN4.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    const col = (j: number) => Float64Array.from(rows, (f) => Number(f[j]));
    const arrow = tableFromArrays({
      timestamp: rows.map((f) => new Date(`${f[0]}T00:00:00Z`)),
      open: col(1),
      high: col(2),
      low: col(3),
      close: col(4),
      volume: col(5),
    });
    const parquet = join(root, 'FIN4.parquet');
    writeFileSync(parquet, pq.writeParquet(pq.Table.fromIPCStream(tableToIPC(arrow, 'stream'))));
    const common = ['features', 'pairs', '--y', 'FIN2', '--x', 'FIN4', '--window', '60'];
    const fromFiles = await cliJson<PairsOut>([...common, '--data', join(UNIVERSE, 'FIN2.csv'), '--data', parquet]);
    const fromFolder = await cliJson<PairsOut>([...common, '--data', UNIVERSE]);
    expect(fromFiles).toEqual(fromFolder);
    const logged = await cliJson<PairsOut>([...common, '--data', UNIVERSE, '--log']);
    expect(Math.abs(logged.beta - fromFolder.beta)).toBeGreaterThan(0.01);
  });
});

describe('quantlab labels triple-barrier', () => {
  interface LabelsOut {
    instrument: string;
    events: Array<{ t0: number; t0Time: string; t1: number; t1Time: string; label: number; ret: number; trgt: number }>;
    skipped: unknown[];
    counts: Record<string, number>;
  }
  interface OracleEvent {
    t0: string;
    bar: number;
    t1: string;
    t1_bar: number;
    label: number;
    ret: number;
    trgt: number;
  }

  it('labels the TEC1 worked case: span 100, k 2, horizon 10, every 20 bars', async () => {
    const want = portfolioCase<{ events: OracleEvent[] }>('triple_barrier_TEC1').values.events;
    const r = await cli([
      'labels',
      'triple-barrier',
      '--data',
      join(UNIVERSE, 'TEC1.csv'),
      '--span',
      '100',
      '--k',
      '2',
      '--horizon',
      '10',
      '--every',
      '20',
      '--json',
    ]);
    const got = okJson<LabelsOut>(r, 'labels');
    expect(got.instrument).toBe('TEC1');
    expect(got.events).toHaveLength(want.length);
    want.forEach((w, i) => {
      const e = got.events[i];
      expect([e.t0, e.t0Time, e.t1, e.t1Time, e.label], `event ${i}`).toEqual([
        w.bar,
        `${w.t0}T00:00:00.000Z`,
        w.t1_bar,
        `${w.t1}T00:00:00.000Z`,
        w.label,
      ]);
      expect(Math.abs(e.ret - w.ret)).toBeLessThanOrEqual(1e-12);
      expect(Math.abs(e.trgt / w.trgt - 1)).toBeLessThanOrEqual(1e-10);
    });
    expect(got.counts['1'] + got.counts['0'] + got.counts['-1']).toBe(want.length);
  });

  it('labels an instrument stored as an artifact, named by its record', async () => {
    const store = join(root, 'store');
    const imported = await cliJson<{ results: Array<{ id: string }> }>(['artifacts', 'import', join(UNIVERSE, 'TEC1.csv'), '--store', store]);
    const id = imported.results[0].id;
    const fromStore = await cliJson<LabelsOut>(['labels', 'triple-barrier', '--data', id, '--store', store]);
    const fromFile = await cliJson<LabelsOut>(['labels', 'triple-barrier', '--data', join(UNIVERSE, 'TEC1.csv')]);
    expect(fromStore).toEqual(fromFile);
  });

  it('samples the events with the CUSUM filter: the bars the pandas transcription of AFML getTEvents gives', async () => {
    // tests/golden/cusum/events.json (tests/golden/cusum/generate.py): event bars exactly.
    const golden = JSON.parse(readFileSync(new URL('../../golden/cusum/events.json', import.meta.url), 'utf8')) as {
      cases: Array<{ file: string; threshold?: number; events: number[] }>;
    };
    const want = golden.cases.find((c) => c.file === 'universe12/TEC1.csv' && c.threshold === 0.05)!.events;
    const args = ['labels', 'triple-barrier', '--data', join(UNIVERSE, 'TEC1.csv'), '--events', 'cusum', '--threshold', '0.05', '--json'];
    const got = okJson<LabelsOut & { sampling: unknown; every?: number }>(await cli(args), 'cusum');
    expect(got.sampling).toEqual({ events: 'cusum', threshold: 0.05, thresholdBy: 'return' });
    expect(got.every).toBeUndefined();
    const t0s = [...got.events.map((e) => e.t0), ...(got.skipped as Array<{ t0: number }>).map((e) => e.t0)].sort((a, b) => a - b);
    expect(t0s).toEqual(want);
    const out = await cliOk([
      'labels',
      'triple-barrier',
      '--data',
      join(UNIVERSE, 'FIN3.csv'),
      '--events',
      'cusum',
      '--threshold',
      '2',
      '--threshold-by',
      'target',
    ]);
    expect(out).toMatch(/^triple-barrier labels of FIN3 · span 100 · k 2\/2 · horizon 10 · CUSUM events, threshold 2 × target$/m);
  });

  it('prints a readable summary without --json', async () => {
    const out = await cliOk([
      'labels',
      'triple-barrier',
      '--data',
      UNIVERSE,
      '--instrument',
      'FIN3',
      '--k',
      '1.5,1',
      '--horizon',
      '5',
      '--every',
      '7',
      '--span',
      '50',
    ]);
    expect(out).toMatch(/^triple-barrier labels of FIN3 · span 50 · k 1\.5\/1 · horizon 5 · every 7 from bar 7$/m);
    expect(out).toMatch(/^213 events: 74 upper \(\+1\), 105 lower \(-1\), 34 vertical \(0\); 1 skipped$/m);
    expect(out).toMatch(/^skipped 1498 2023-09-28: unfinished$/m);
  });
});

describe('bad input: exit 2, one line naming the problem', () => {
  it('unknown instrument, unknown subcommand, bad numbers, missing flags', async () => {
    const [unknown, sub, window, noY, several, skip] = await Promise.all([
      cli(['features', 'pairs', '--data', UNIVERSE, '--y', 'FIN2', '--x', 'NOPE', '--window', '60', '--json']),
      cli(['features', 'value', '--data', UNIVERSE, '--json']),
      cli(['features', 'pairs', '--data', UNIVERSE, '--y', 'FIN2', '--x', 'FIN4', '--window', '0', '--json']),
      cli(['features', 'pairs', '--data', UNIVERSE, '--x', 'FIN4', '--window', '60', '--json']),
      cli(['labels', 'triple-barrier', '--data', UNIVERSE, '--json']),
      cli(['features', 'momentum', '--data', UNIVERSE, '--lookback', '21', '--skip', '21', '--json']),
    ]);
    expect(refused(unknown)).toBe(
      'quantlab: --x NOPE: unknown instrument (instruments: FIN1, FIN2, FIN3, FIN4, NRG1, NRG2, NRG3, NRG4, TEC1, TEC2, TEC3, TEC4)',
    );
    expect(refused(sub)).toBe('quantlab: features: unknown subcommand "value" (known: momentum, pairs)');
    expect(refused(window)).toBe('quantlab: --window: expected an integer >= 3, got "0"');
    expect(refused(noY)).toBe('quantlab: --y NAME is required');
    expect(refused(several)).toMatch(/^quantlab: --data gives 12 instruments; choose one with --instrument NAME \(FIN1, /);
    expect(refused(skip)).toBe('quantlab: --skip (21) must be smaller than --lookback (21)');
  });

  it('CUSUM sampling flags: a threshold is required, and each rule takes only its own flags', async () => {
    const tec1 = join(UNIVERSE, 'TEC1.csv');
    const [none, mixed, rule, by, zero] = await Promise.all([
      cli(['labels', 'triple-barrier', '--data', tec1, '--events', 'cusum', '--json']),
      cli(['labels', 'triple-barrier', '--data', tec1, '--events', 'cusum', '--threshold', '0.05', '--every', '5', '--json']),
      cli(['labels', 'triple-barrier', '--data', tec1, '--events', 'ticks', '--json']),
      cli(['labels', 'triple-barrier', '--data', tec1, '--events', 'cusum', '--threshold', '1', '--threshold-by', 'range', '--json']),
      cli(['labels', 'triple-barrier', '--data', tec1, '--events', 'cusum', '--threshold', '0', '--json']),
    ]);
    expect(refused(none)).toBe('quantlab: --events cusum needs --threshold H (a log return, or a multiple of the target with --threshold-by target)');
    expect(refused(mixed)).toBe('quantlab: --every does not apply to --events cusum (it takes --threshold, --threshold-by)');
    expect(refused(rule)).toBe('quantlab: --events: expected every or cusum, got "ticks"');
    expect(refused(by)).toBe('quantlab: --threshold-by: expected return or target, got "range"');
    expect(refused(zero)).toBe('quantlab: --threshold: expected a number > 0, got "0"');
  });

  it('dates that cannot be used, a missing subcommand (in-process: the same errors, exit code 2)', async () => {
    const errors = await Promise.all([
      runInProcess(['features', 'momentum', '--data', UNIVERSE, '--at', '25/02/2019']),
      runInProcess(['features', 'momentum', '--data', UNIVERSE, '--at', '2017-12-31']),
      runInProcess(['features', 'pairs', '--data', UNIVERSE, '--y', 'FIN2', '--x', 'FIN4', '--window', '120', '--at', '2018-03-01']),
      runInProcess(['labels']),
    ]);
    expect(errors.map((r) => [r.error?.message, (r.error as { exitCode?: number } | undefined)?.exitCode])).toEqual([
      ['--at: "25/02/2019" is not an ISO date or timestamp (e.g. 2019-02-25)', 2],
      ['--at 2017-12-31: every instrument starts after it', 2],
      ['--window 120: FIN2 and FIN4 share only 44 bars up to 2018-03-01', 2],
      ['labels: missing subcommand (known: triple-barrier)', 2],
    ]);
  });

  it('a named file that is not OHLCV bars, a bad row in a folder, two instruments with one name', async () => {
    const bad = join(root, 'bad');
    mkdirSync(bad);
    copyFileSync(join(UNIVERSE, 'TEC1.csv'), join(bad, 'TEC1.csv'));
    const rows = readFileSync(join(UNIVERSE, 'TEC2.csv'), 'utf8').split('\n');
    // Row 5 of the file (4th bar): a high below the close.
    const f = rows[4].split(',');
    rows[4] = [f[0], f[1], String(Number(f[4]) - 1), f[3], f[4], f[5]].join(',');
    writeFileSync(join(bad, 'TEC2.csv'), rows.join('\n'));
    const dup = join(root, 'dup');
    mkdirSync(dup);
    copyFileSync(join(UNIVERSE, 'TEC1.csv'), join(dup, 'TEC1.csv'));
    const [closes, badRow, twice, missing] = await Promise.all([
      cli(['labels', 'triple-barrier', '--data', join(UNIVERSE, 'closes.csv'), '--json']),
      cli(['features', 'momentum', '--data', bad, '--json']),
      cli(['features', 'momentum', '--data', UNIVERSE, '--data', dup, '--json']),
      cli(['features', 'momentum', '--data', join(root, 'nowhere'), '--json']),
    ]);
    expect(refused(closes)).toMatch(/^quantlab: closes\.csv: row 1, column "open": required column is missing .*\[rule: missing-column\]$/);
    expect(refused(badRow)).toMatch(/^quantlab: TEC2\.csv: row 5, column "high": .*\[rule: high>=max\(open,close\)\]/);
    expect(refused(twice)).toMatch(/^quantlab: two instruments are named "TEC1" \(.*universe12\/TEC1\.csv and .*dup\/TEC1\.csv\); give one of them$/);
    expect(refused(missing)).toMatch(/^quantlab: --data .*nowhere: no such file or folder$/);
  });
});
