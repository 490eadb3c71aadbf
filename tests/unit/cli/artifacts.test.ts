/**
 * `quantlab artifacts …` on temporary stores, over the three files of ../shared/data.
 *
 * Pinned ids. An artifact id is `art_` + the first 24 hex digits of its contentHash, and contentHash is SHA-256 of
 * the canonical encoding v1 of the bars (src/core/artifacts/canonical-encoding.ts): the magic "QLTABLE" + 0x01, the
 * schema JSON [{"name":"timestamp","type":"timestamp-ms-utc"},{"name":"open","type":"float64"},…,"volume"], the row
 * count as u64, then per column a validity bitmap and the values as little-endian int64 epoch ms / IEEE-754 doubles.
 * Those bytes are a function of the parsed values only — not of the file format, compression, the clock, the
 * store's path, the platform or the run — so the ids below are the same on every machine; the test recomputes one
 * from the canonical bytes with node:crypto to show it. They change only if the data or the encoding version does.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import * as pq from 'parquet-wasm';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DirArtifactStore } from '../../../src/adapters/node/dir-artifact-store';
import { canonicalBytes } from '../../../src/core/artifacts/canonical-encoding';
import { artifactId } from '../../../src/core/artifacts/ids';
import { ohlcvLogicalTable } from '../../../src/core/artifacts/ohlcv-content';
import { readOhlcvCsv } from '../../../src/core/csv/read-ohlcv-csv';
import { createArtifactsCommand } from '../../../src/cli/commands/artifacts';
import { resultsSample } from '../../shared/artifact-fixtures';
import { cliJson as okJson, cliOk as ok, runCli as run } from '../../helpers/cli-run';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const DATA = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
const GOOG = join(DATA, 'GOOG.csv');
const EURUSD = join(DATA, 'EURUSD.csv');
const BTCUSD = join(DATA, 'BTCUSD.csv');

const IDS = {
  GOOG: 'art_f2e4b64306bd2b8ab341951c',
  EURUSD: 'art_65ea6e0d7688c6c98b3c820d',
  BTCUSD: 'art_d1bf23e7a26934549115f757',
} as const;

const root = mkdtempSync(join(tmpdir(), 'quantlab-artifacts-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const newDir = (label: string) => join(root, `${label}-${++n}`);

interface RecordJson {
  id: string;
  kind: string;
  instruments: string[];
  interval: string | null;
  rowCount: number;
  contentHash: string;
  fileHash: string;
  tags: string[];
  inputs: string[];
}

interface ImportJson {
  store: string;
  results: Array<{
    file: string;
    status: string;
    id: string;
    record?: RecordJson;
    coverage?: { instruments: Array<{ gapCount: number }> };
    entry?: { reasons: Array<{ code: string; message: string }> };
  }>;
}

/** Every file of a store with its size: "nothing new was stored" means this does not change. */
function snapshot(dir: string): Record<string, number> {
  const out: Record<string, number> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = statSync(p).size;
    }
  };
  walk(dir);
  return out;
}

function googParquet(compression: pq.Compression): string {
  const { table } = readOhlcvCsv(readFileSync(GOOG, 'utf8'), { source: 'GOOG.csv' });
  const arrow = tableFromArrays({
    Date: Array.from(table.timestamp, (t) => new Date(t)),
    Open: table.open,
    High: table.high,
    Low: table.low,
    Close: table.close,
    Volume: table.volume,
  });
  const props = new pq.WriterPropertiesBuilder().setCompression(compression).setMaxRowGroupSize(500).build();
  const dir = newDir('parquet');
  mkdirSync(dir);
  const path = join(dir, 'GOOG-gzip.parquet');
  writeFileSync(path, pq.writeParquet(pq.Table.fromIPCStream(tableToIPC(arrow, 'stream')), props));
  return path;
}

function badCsv(): string {
  const dir = newDir('bad');
  mkdirSync(dir);
  const path = join(dir, 'bad.csv');
  writeFileSync(path, ',Open,High,Low,Close,Volume\n2020-01-01,10,11,9,10,100\n2020-01-02,10,9.5,9,10,100\n2020-01-03,10,11,9,-1,100\n');
  return path;
}

/** A store holding the three shared files. */
async function importedStore(): Promise<string> {
  const store = newDir('store');
  await ok(['artifacts', 'import', GOOG, EURUSD, BTCUSD, '--store', store, '--tag', 'shared']);
  return store;
}

describe('quantlab artifacts import', () => {
  it('imports the three shared files as artifacts with stable ids', async () => {
    const store = newDir('store');
    const res = await okJson<ImportJson>(['artifacts', 'import', GOOG, EURUSD, BTCUSD, '--store', store]);
    expect(res.store).toBe(store);
    expect(res.results.map((r) => [r.status, r.id])).toEqual([
      ['created', IDS.GOOG],
      ['created', IDS.EURUSD],
      ['created', IDS.BTCUSD],
    ]);
    expect(res.results.map((r) => [r.record?.instruments, r.record?.interval, r.record?.rowCount])).toEqual([
      [['GOOG'], '1d', 2148],
      [['EURUSD'], '1h', 5000],
      [['BTCUSD'], '1mo', 156],
    ]);
    expect(res.results.map((r) => r.coverage?.instruments[0].gapCount)).toEqual([77, 2, 0]);
  });

  it('the pinned id follows from the canonical bytes alone', () => {
    const { table } = readOhlcvCsv(readFileSync(GOOG, 'utf8'));
    const bytes = canonicalBytes(ohlcvLogicalTable(table));
    expect(new TextDecoder().decode(bytes.subarray(0, 7))).toBe('QLTABLE');
    expect(artifactId(createHash('sha256').update(bytes).digest('hex'))).toBe(IDS.GOOG);
  });

  it('re-importing returns the same ids with status existing and stores nothing new', async () => {
    const store = await importedStore();
    const before = snapshot(store);
    const res = await okJson<ImportJson>(['artifacts', 'import', BTCUSD, GOOG, EURUSD, '--store', store]);
    expect(res.results.map((r) => [r.status, r.id])).toEqual([
      ['existing', IDS.BTCUSD],
      ['existing', IDS.GOOG],
      ['existing', IDS.EURUSD],
    ]);
    expect(snapshot(store)).toEqual(before);
  });

  it('GOOG as Parquet with other compression, row groups and column names is the same artifact', async () => {
    const store = await importedStore();
    const before = snapshot(store);
    const res = await okJson<ImportJson>(['artifacts', 'import', googParquet(pq.Compression.GZIP), '--store', store]);
    expect(res.results[0]).toMatchObject({ status: 'existing', id: IDS.GOOG });
    expect(res.results[0].record?.instruments).toEqual(['GOOG']);
    expect(snapshot(store)).toEqual(before);
  });

  it('quarantines a bad CSV: listed by find --quarantined with its reasons, never by find', async () => {
    const store = await importedStore();
    const bad = badCsv();
    const r = await run(['artifacts', 'import', bad, '--store', store]);
    expect(r.error?.message).toMatch(/1 of 1 file quarantined/);
    expect(r.out).toMatch(/^quarantined\s+q_[0-9a-f]{24}\s+bad\.csv/m);
    expect(r.out).toMatch(/bad\.csv: row 3, column "high": high \(9\.5\) is below max\(open, close\) \(10\)/);

    const q = await okJson<{ quarantined: Array<{ id: string; sourceFileName: string; reasons: Array<{ code: string; row: number | null }> }> }>([
      'artifacts',
      'find',
      '--quarantined',
      '--store',
      store,
    ]);
    expect(q.quarantined).toHaveLength(1);
    expect(q.quarantined[0].sourceFileName).toBe('bad.csv');
    expect(q.quarantined[0].reasons.map((x) => [x.code, x.row])).toEqual([
      ['high>=max(open,close)', 3],
      ['price>0', 4],
      ['low<=min(open,close)', 4],
    ]);
    const human = await ok(['artifacts', 'find', '--quarantined', '--store', store]);
    expect(human).toMatch(/bad\.csv: row 4, column "close": close \(-1\) is not positive \[rule: price>0\]/);

    const all = await okJson<{ artifacts: RecordJson[] }>(['artifacts', 'find', '--store', store]);
    expect(all.artifacts.map((a) => a.id).sort()).toEqual(Object.values(IDS).sort());
    const list = await ok(['artifacts', 'list', '--store', store]);
    expect(list).not.toMatch(/bad\.csv/);
    expect(list).toMatch(/1 quarantined file/);
    // A quarantined file is never data.
    const bt = await run([
      'backtest',
      '--data',
      q.quarantined[0].id,
      '--store',
      store,
      '--strategy',
      'sma-cross',
      '--param',
      'fast=1',
      '--param',
      'slow=2',
    ]);
    expect(bt.error?.message).toMatch(/names a quarantined file; quarantined files are never used as data/);
  });

  it('lists every reason of a file, parse errors and rule violations, with the count; caps the stored list at 1,000', async () => {
    const store = newDir('store');
    const dir = newDir('damaged');
    mkdirSync(dir);
    const lines = readFileSync(GOOG, 'utf8').trimEnd().split('\n');
    lines[3] = lines[3].replace(/,[^,]*$/, ',many'); // line 4: unparseable volume
    lines[6] = '2004-08-30,1,2,3'; // line 7: too few fields
    lines[9] = lines[9].replace(/^([^,]*),([^,]*),/, '$1,-$2,'); // line 10: negative open
    const several = join(dir, 'several.csv');
    writeFileSync(several, `${lines.join('\n')}\n`);
    const r = await run(['artifacts', 'import', several, '--store', store]);
    expect(r.out).toMatch(/^quarantined\s+q_[0-9a-f]{24}\s+several\.csv\s.*\s4 reasons$/m);
    expect(r.out).toMatch(/several\.csv: row 4, column "Volume": cannot parse "many" as a number \[rule: unparseable-number\]/);
    expect(r.out).toMatch(/several\.csv: row 7: expected 6 fields as in the header, found 4 \[rule: field-count\]/);
    expect(r.out).toMatch(/several\.csv: row 10, column "open": open \(-\d+(\.\d+)?\) is not positive \[rule: price>0\]/);

    // Every row damaged: 2,148 reasons, the first 1,000 kept.
    const all = join(dir, 'all.csv');
    writeFileSync(all, `${lines.map((l, i) => (i === 0 ? l : l.replace(/,[^,]*$/, ',many'))).join('\n')}\n`);
    await run(['artifacts', 'import', all, '--store', store]);
    const q = await okJson<{
      quarantined: Array<{
        sourceFileName: string;
        reasons: Array<{ code: string; row: number | null; column: string | null }>;
        totalReasons: number;
      }>;
    }>(['artifacts', 'find', '--quarantined', '--store', store]);
    const byName = Object.fromEntries(q.quarantined.map((e) => [e.sourceFileName, e]));
    expect(byName['several.csv'].reasons.map((x) => [x.row, x.column, x.code])).toEqual([
      [4, 'Volume', 'unparseable-number'],
      [7, null, 'field-count'],
      [10, 'open', 'price>0'],
      [10, 'low', 'low<=min(open,close)'],
    ]);
    expect(byName['several.csv'].totalReasons).toBe(4);
    expect(byName['all.csv'].reasons).toHaveLength(1000);
    expect(byName['all.csv'].totalReasons).toBe(lines.length - 1);
    const human = await ok(['artifacts', 'find', '--quarantined', '--store', store]);
    expect(human).toMatch(new RegExp(`all\\.csv\\s.*\\s${lines.length - 1}\\n`));
    expect(human).toContain(`… and ${lines.length - 1 - 1000} more (${lines.length - 1} reasons in all; the first 1000 are kept)`);
  });

  it('--instrument and --tag apply to new artifacts; an existing record keeps its own', async () => {
    const store = newDir('store');
    const res = await okJson<ImportJson>([
      'artifacts',
      'import',
      BTCUSD,
      '--instrument',
      'XBTUSD',
      '--tag',
      'crypto',
      '--tag',
      'monthly',
      '--store',
      store,
    ]);
    expect(res.results[0].record).toMatchObject({ id: IDS.BTCUSD, instruments: ['XBTUSD'], tags: ['crypto', 'monthly'] });
    const again = await ok(['artifacts', 'import', BTCUSD, '--tag', 'other', '--store', store]);
    expect(again).toMatch(/^existing\s+art_d1bf23e7a26934549115f757\s+BTCUSD\.csv\s+XBTUSD\s+1mo\s+156/m);
    expect(again).toMatch(/note: tags are given to new artifacts only/);
  });

  it('refuses missing files before storing anything', async () => {
    const store = newDir('store');
    const r = await run(['artifacts', 'import', GOOG, join(root, 'nope.csv'), '--store', store]);
    expect(r.error?.message).toMatch(/nope\.csv: cannot read the file \(ENOENT\)/);
    expect(existsSync(store)).toBe(false);
  });
});

describe('quantlab artifacts list / get / find', () => {
  it('list prints an aligned table and --json the records', async () => {
    const store = await importedStore();
    const human = await ok(['artifacts', 'list', '--store', store]);
    const lines = human.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+KIND\s+INSTRUMENTS\s+INTERVAL\s+ROWS\s+FROM\s+TO\s+SIZE\s+TAGS\s+SOURCE$/);
    expect(
      lines
        .slice(1)
        .map((l) => l.split(/\s+/)[0])
        .sort(),
    ).toEqual(Object.values(IDS).sort());
    // Aligned: every row starts its KIND column where the header does.
    const kindAt = lines[0].indexOf('KIND');
    for (const l of lines.slice(1)) expect(l.slice(kindAt, kindAt + 5)).toBe('ohlcv');
    const res = await okJson<{ store: string; artifacts: RecordJson[]; quarantined: number }>(['artifacts', 'list', '--store', store]);
    expect(res).toMatchObject({ store, quarantined: 0 });
    expect(res.artifacts.every((a) => a.tags.includes('shared'))).toBe(true);
  });

  it('get by id, by id prefix, by contentHash prefix and by fileHash prefix', async () => {
    const store = await importedStore();
    const full = await okJson<{ artifact: RecordJson; coverage: { interval: string; instruments: Array<{ bars: number; missingBars: number }> } }>([
      'artifacts',
      'get',
      IDS.GOOG,
      '--store',
      store,
    ]);
    expect(full.artifact.id).toBe(IDS.GOOG);
    expect(full.coverage.interval).toBe('1d');
    expect(full.coverage.instruments[0]).toMatchObject({ bars: 2148, missingBars: 79 });
    for (const ref of [
      IDS.GOOG.slice(0, 10),
      IDS.GOOG.slice(4, 12),
      full.artifact.contentHash.slice(0, 6).toUpperCase(),
      full.artifact.fileHash.slice(0, 8),
    ]) {
      const got = await okJson<{ artifact: RecordJson }>(['artifacts', 'get', ref, '--store', store]);
      expect(got.artifact.id, ref).toBe(IDS.GOOG);
    }
    const human = await ok(['artifacts', 'get', IDS.EURUSD.slice(0, 9), '--store', store]);
    expect(human).toMatch(/^id\s+art_65ea6e0d7688c6c98b3c820d$/m);
    expect(human).toMatch(/^coverage \(interval 1h; trading week Mon Tue Wed Thu Fri Sun/m);
    expect(human).toMatch(/^\s+2017-12-24 22:00Z\s+2017-12-25 21:00Z\s+24$/m);
  });

  it('get explains what it cannot resolve', async () => {
    const store = await importedStore();
    expect((await run(['artifacts', 'get', 'ffffffff', '--store', store])).error?.message).toMatch(/no artifact matches "ffffffff"/);
    expect((await run(['artifacts', 'get', 'ab', '--store', store])).error?.message).toMatch(/not an artifact id or hash prefix/);
    expect((await run(['artifacts', 'get', IDS.GOOG, '--store', newDir('empty')])).error?.message).toMatch(/no artifact store at/);
  });

  it('get refuses an ambiguous prefix and names the candidates', async () => {
    const dir = newDir('store');
    const store = await DirArtifactStore.open(dir);
    // Two records whose contentHashes share their first 6 digits (the store trusts the producer's contentHash).
    for (const tail of ['0', '1']) {
      const s = await resultsSample(`twin ${tail}`, []);
      await store.put({ ...s.draft, contentHash: `abcdef${tail.repeat(58)}` }, s.bytes);
    }
    await store.close();
    const err = (await run(['artifacts', 'get', 'abcdef', '--store', dir])).error?.message;
    expect(err).toMatch(/"abcdef" matches 2 artifacts \(art_abcdef0{18}, art_abcdef1{18}\); give more digits/);
    expect((await okJson<{ artifact: RecordJson }>(['artifacts', 'get', 'abcdef1', '--store', dir])).artifact.id).toBe(`art_abcdef${'1'.repeat(18)}`);
  });

  it('find filters by kind, instrument, tag, interval, hash and time range', async () => {
    const store = await importedStore();
    const find = async (...args: string[]) =>
      (await okJson<{ artifacts: RecordJson[] }>(['artifacts', 'find', ...args, '--store', store])).artifacts.map((a) => a.id).sort();
    const all = Object.values(IDS).sort();
    expect(await find()).toEqual(all);
    expect(await find('--kind', 'ohlcv')).toEqual(all);
    expect(await find('--kind', 'results')).toEqual([]);
    expect(await find('--instrument', 'EURUSD')).toEqual([IDS.EURUSD]);
    expect(await find('--tag', 'shared')).toEqual(all);
    expect(await find('--tag', 'other')).toEqual([]);
    expect(await find('--interval', '1mo')).toEqual([IDS.BTCUSD]);
    expect(await find('--hash', IDS.GOOG.slice(0, 8))).toEqual([IDS.GOOG]);
    expect(await find('--from', '2018-03-01')).toEqual([IDS.BTCUSD]);
    expect(await find('--to', '2005-01-01')).toEqual([IDS.GOOG]);
    expect(await find('--from', '2017-06-01', '--to', '2017-06-30')).toEqual([IDS.EURUSD, IDS.BTCUSD].sort());
    expect(await find('--from', '2018-01-01T00:00:00Z', '--instrument', 'GOOG')).toEqual([]);
    const human = await ok(['artifacts', 'find', '--instrument', 'NONE', '--store', store]);
    expect(human).toMatch(/^no artifacts match/);
  });

  it('find rejects bad filters with a reason', async () => {
    const store = newDir('store');
    expect((await run(['artifacts', 'find', '--kind', 'bars', '--store', store])).error?.message).toMatch(/unknown kind "bars"/);
    expect((await run(['artifacts', 'find', '--from', 'yesterday', '--store', store])).error?.message).toMatch(/--from: cannot read "yesterday"/);
    expect((await run(['artifacts', 'find', '--from', '2020-01-02', '--to', '2020-01-01', '--store', store])).error?.message).toMatch(
      /is after --to/,
    );
    expect((await run(['artifacts', 'find', '--quarantined', '--instrument', 'X', '--store', store])).error?.message).toMatch(
      /do not apply to quarantined/,
    );
    expect((await run(['artifacts', 'lst'])).error?.message).toMatch(/unknown subcommand "lst"; did you mean "list"\?/);
    expect((await run(['artifacts', 'list', '--bogus'])).error?.message).toMatch(/bogus/);
  });

  it('read-only commands do not create a store', async () => {
    const store = newDir('none');
    expect(await ok(['artifacts', 'list', '--store', store])).toMatch(/^no artifacts in /);
    expect(await okJson(['artifacts', 'find', '--store', store])).toMatchObject({ artifacts: [] });
    expect(existsSync(store)).toBe(false);
  });
});

describe('quantlab artifacts lineage', () => {
  it('shows inputs (up) and consumers (down) with their depth', async () => {
    const dir = await importedStore();
    const store = await DirArtifactStore.open(dir);
    const derived = await resultsSample('sma on goog+btc', [IDS.GOOG, IDS.BTCUSD], ['run']);
    const d1 = (await store.put(derived.draft, derived.bytes)).record.id;
    const report = await resultsSample('report of the run', [d1]);
    const d2 = (await store.put(report.draft, report.bytes)).record.id;
    await store.close();

    const down = await okJson<{ id: string; down: Array<{ depth: number; artifact: RecordJson }>; up?: unknown }>([
      'artifacts',
      'lineage',
      IDS.GOOG,
      '--down',
      '--store',
      dir,
    ]);
    expect(down.id).toBe(IDS.GOOG);
    expect(down.up).toBeUndefined();
    expect(down.down.map((e) => [e.depth, e.artifact.id])).toEqual([
      [1, d1],
      [2, d2],
    ]);
    const up = await okJson<{ up: Array<{ depth: number; artifact: RecordJson }> }>(['artifacts', 'lineage', d2, '--up', '--store', dir]);
    expect(up.up.map((e) => [e.depth, e.artifact.id])).toEqual([
      [1, d1],
      [2, IDS.GOOG],
      [2, IDS.BTCUSD],
    ]);
    const both = await ok(['artifacts', 'lineage', d1.slice(0, 12), '--store', dir]);
    expect(both).toMatch(/^upstream \(made from\):\n\s+DEPTH\s+ID/m);
    expect(both).toMatch(new RegExp(`^\\s+1\\s+${IDS.GOOG}\\s+ohlcv\\s+GOOG`, 'm'));
    expect(both).toMatch(new RegExp(`^downstream \\(made from it\\):\\n\\s+DEPTH\\s+ID.*\\n\\s+1\\s+${d2}\\s+results`, 'm'));
    // A derived artifact is not ohlcv bars: get shows it without coverage, backtest refuses it.
    expect(await okJson(['artifacts', 'get', d1, '--store', dir])).toMatchObject({ coverage: null });
    expect(
      (await run(['backtest', '--data', d1, '--store', dir, '--strategy', 'sma-cross', '--param', 'fast=1', '--param', 'slow=2'])).error?.message,
    ).toMatch(/results artifact, not ohlcv/);
  });
});

describe('the store the CLI uses', () => {
  const saved = process.env.QUANTLAB_STORE;
  afterEach(() => {
    if (saved === undefined) delete process.env.QUANTLAB_STORE;
    else process.env.QUANTLAB_STORE = saved;
  });

  const btArgs = ['--strategy', 'sma-cross', '--param', 'fast=10', '--param', 'slow=20', '--commission', '0.002', '--json'];

  it('backtest --data <artifact id> gives the same result as --data GOOG.csv', async () => {
    const store = await importedStore();
    const fromCsv = JSON.parse(await ok(['backtest', '--data', GOOG, ...btArgs]));
    const fromId = JSON.parse(await ok(['backtest', '--data', IDS.GOOG, '--store', store, ...btArgs]));
    const fromPrefix = JSON.parse(await ok(['backtest', '--data', IDS.GOOG.slice(4, 14), '--store', store, ...btArgs]));
    expect(fromId.data).toBe(IDS.GOOG);
    expect(fromId.resultHash).toBe(fromCsv.resultHash);
    expect(fromPrefix.resultHash).toBe(fromCsv.resultHash);
    expect(fromId.stats).toEqual(fromCsv.stats);
  });

  it('QUANTLAB_STORE names the store when --store is absent; --store wins over it', async () => {
    const store = await importedStore();
    process.env.QUANTLAB_STORE = store;
    const listed = await okJson<{ store: string; artifacts: RecordJson[] }>(['artifacts', 'list']);
    expect(listed.store).toBe(store);
    expect(listed.artifacts).toHaveLength(3);
    const bt = JSON.parse(
      await ok(['backtest', '--data', IDS.BTCUSD, '--strategy', 'sma-cross', '--param', 'fast=3', '--param', 'slow=8', '--json']),
    );
    expect(bt.data).toBe(IDS.BTCUSD);
    const other = newDir('other');
    const overridden = await okJson<{ store: string; artifacts: RecordJson[] }>(['artifacts', 'list', '--store', other]);
    expect(overridden).toMatchObject({ store: other, artifacts: [] });
  });

  it('without either, the store is ./.quantlab of the working directory', async () => {
    const cwd = newDir('cwd');
    mkdirSync(cwd);
    const command = createArtifactsCommand(() => ({ env: {}, cwd }));
    let out = '';
    await command(['import', BTCUSD, '--json'], (s) => (out += s));
    expect(JSON.parse(out)).toMatchObject({ store: join(cwd, '.quantlab'), results: [{ status: 'created', id: IDS.BTCUSD }] });
    expect(existsSync(join(cwd, '.quantlab', 'manifest', `${IDS.BTCUSD}.json`))).toBe(true);
    const viaEnv = createArtifactsCommand(() => ({ env: { QUANTLAB_STORE: 'elsewhere' }, cwd }));
    out = '';
    await viaEnv(['list', '--json'], (s) => (out += s));
    expect(JSON.parse(out)).toMatchObject({ store: join(cwd, 'elsewhere'), artifacts: [] });
  });

  it('as a process: npm run quantlab -- artifacts list --json reads $QUANTLAB_STORE', async () => {
    const store = await importedStore();
    const r = spawnSync('npm', ['run', '-s', 'quantlab', '--', 'artifacts', 'list', '--json'], {
      cwd: REPO,
      encoding: 'utf8',
      env: { ...process.env, QUANTLAB_STORE: store },
    });
    expect(r.status, r.stderr).toBe(0);
    const parsed = JSON.parse(r.stdout) as { store: string; artifacts: RecordJson[] };
    expect(parsed.store).toBe(store);
    expect(parsed.artifacts.map((a) => a.id).sort()).toEqual(Object.values(IDS).sort());
  }, 60_000);
});
