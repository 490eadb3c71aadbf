/**
 * `quantlab reproduce`, `quantlab experiments export|link` and `quantlab bundle import` on temporary stores. The
 * pinned GOOG experiment (docs/experiments.md) is run with the CLI's own commands, its link reproduced into a fresh
 * store with `--data ../shared/data` — identical, with the pinned resultHash — and the refusals come with their
 * exit codes: 1 for a different result, 2 for a link or bundle that cannot be read.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliError } from '../../../src/cli/cli-error';
import type { ExperimentRecord } from '../../../src/core/experiments/record';
import { decodeRunLink, encodeRunLink } from '../../../src/core/reproduce/run-link';
import { sharedDataPath } from '../../helpers/shared-data';
import { GOOG_SMA_SPEC as SPEC, GOOG_SMA_RESULT_HASH as RESULT_HASH } from '../../helpers/goog-experiment';
import { cliOk as ok, runCli as run } from '../../helpers/cli-run';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const DATA = dirname(sharedDataPath('GOOG.csv'));
const GOOG_ID = 'art_f2e4b64306bd2b8ab341951c';
const EXPERIMENT_ID = 'exp_99c61648f98d6fec74bccb88';

const root = mkdtempSync(join(tmpdir(), 'quantlab-reproduce-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const newDir = (label: string) => join(root, `${label}-${++n}`);

/** Where an entry's bytes start in a bundle: after its local header (signature PK\3\4, 30 bytes) and its name. */
function entryData(zip: Buffer, name: string): number {
  for (let at = zip.indexOf('PK\u0003\u0004'); at >= 0; at = zip.indexOf('PK\u0003\u0004', at + 1)) {
    if (zip.toString('latin1', at + 30, at + 30 + name.length) === name) return at + 30 + name.length;
  }
  throw new Error(`${name} is not in the archive`);
}

function exitCode(e: Error | undefined): number {
  if (!e) return 0;
  return e instanceof CliError ? e.exitCode : 1;
}

let origin: string;
let link: string;

beforeAll(async () => {
  origin = newDir('origin');
  const spec = join(root, 'goog.json');
  writeFileSync(spec, JSON.stringify(SPEC));
  await ok(['artifacts', 'import', sharedDataPath('GOOG.csv'), '--store', origin]);
  await ok(['experiments', 'run', spec, '--store', origin]);
  link = (await ok(['experiments', 'link', EXPERIMENT_ID.slice(0, 8), '--store', origin])).trim();
}, 120_000);

describe('quantlab experiments link', { timeout: 60_000 }, () => {
  it('prints the lab URL with the run in its fragment, or only the fragment', async () => {
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:4173\/#\/run\/v1\/[A-Za-z0-9_-]+$/);
    const decoded = decodeRunLink(link);
    expect(decoded).toMatchObject({ expectedResultHash: RESULT_HASH, inputs: [{ label: 'GOOG', rows: 2148, instrument: 'GOOG' }] });
    const fragment = (await ok(['experiments', 'link', EXPERIMENT_ID, '--fragment', '--store', origin])).trim();
    expect(link.endsWith(fragment)).toBe(true);
    const based = (await ok(['experiments', 'link', EXPERIMENT_ID, '--base', 'https://lab.example/q/', '--store', origin])).trim();
    expect(based).toBe(`https://lab.example/q/${fragment}`);
  });
});

describe('quantlab reproduce <link>', { timeout: 60_000 }, () => {
  it('into a fresh store with --data ../shared/data: identical, with the pinned resultHash', async () => {
    const store = newDir('fresh');
    const out = await ok(['reproduce', link, '--data', DATA, '--store', store]);
    const lines = out.split('\n');
    expect(lines[0]).toBe('identical');
    expect(out).toMatch(new RegExp(`resultHash\\s+${RESULT_HASH}`));
    expect(out).toContain(`${GOOG_ID} from ${join(DATA, 'GOOG.csv')}`);
    // Only the matching file was imported; the others in --data were left alone.
    const listed = JSON.parse(await ok(['artifacts', 'list', '--store', store, '--json'])) as { artifacts: { id: string; kind: string }[] };
    expect(listed.artifacts.filter((a) => a.kind === 'ohlcv').map((a) => a.id)).toEqual([GOOG_ID]);
    // Again, as JSON: GOOG is found in the store now.
    const json = JSON.parse(await ok(['reproduce', link, '--store', store, '--json'])) as Record<string, unknown>;
    expect(json).toMatchObject({
      verdict: 'identical',
      reason: null,
      actual: { resultHash: RESULT_HASH },
      experiment: { id: EXPERIMENT_ID, status: 'done' },
    });
    expect(json.inputs).toEqual([
      { contentHash: SPEC.inputs[0].contentHash, label: 'GOOG', status: 'found', artifact: GOOG_ID, source: 'the store' },
    ]);
  });

  it('without the data: different: input-mismatch, exit 1', async () => {
    const r = await run(['reproduce', link, '--store', newDir('empty')]);
    expect(r.out.split('\n')[0]).toBe('different: input-mismatch');
    expect(exitCode(r.error)).toBe(1);
    expect(r.error!.message).toBe('different: input-mismatch (input 1 (GOOG) f2e4b64306bd… was not found)');
  });

  it('with --data holding other files only: different: input-mismatch, naming what was tried', async () => {
    const r = await run(['reproduce', link, '--data', sharedDataPath('EURUSD.csv'), '--store', newDir('eurusd')]);
    expect(r.out.split('\n')[0]).toBe('different: input-mismatch');
    expect(r.out).toMatch(/tried EURUSD\.csv holds other data/);
    expect(exitCode(r.error)).toBe(1);
  });

  it('a link expecting another resultHash: different: result, exit 1', async () => {
    const other = `#${encodeRunLink({ ...decodeRunLink(link), expectedResultHash: 'e'.repeat(64) }).slice(1)}`;
    const r = await run(['reproduce', other, '--store', origin]);
    expect(r.out.split('\n')[0]).toBe('different: result');
    expect(r.out).toMatch(new RegExp(`resultHash\\s+${RESULT_HASH}`));
    expect(exitCode(r.error)).toBe(1);
    expect(r.error!.message).toMatch(
      /^different: result \(resultHash 09528be8afd1…, expected eeeeeeeeeeee… from the same inputs, spec and engine build\)$/,
    );
  });

  it('a damaged link: exit 2 with the rule, nothing stored', async () => {
    const store = newDir('never');
    const r = await run(['reproduce', `${link.slice(0, -10)}!${link.slice(-9)}`, '--store', store]);
    expect(exitCode(r.error)).toBe(2);
    expect(r.error!.message).toMatch(
      /^run link: the payload is not base64url: character \d+ \("!"\) is not in the base64url alphabet .* \[rule: base64url\]$/,
    );
    expect((await run(['artifacts', 'list', '--store', store, '--json'])).out).toMatch(/"artifacts":\[\]/);
  });
});

describe('bundles on the command line', { timeout: 60_000 }, () => {
  let bundle: string;
  let withInputs: string;
  beforeAll(async () => {
    bundle = join(root, 'goog.zip');
    withInputs = join(root, 'goog-inputs.zip');
    expect(await ok(['experiments', 'export', EXPERIMENT_ID, bundle, '--store', origin])).toMatch(
      /^wrote .*goog\.zip \(\d+ bytes, 6 files\)\nexperiment exp_99c61648f98d6fec74bccb88 · resultHash 09528be8/,
    );
    await ok(['experiments', 'export', EXPERIMENT_ID, withInputs, '--with-inputs', '--store', origin]);
  });

  it('reproduce <bundle.zip> in a fresh store: the inputs from --data, identical', async () => {
    const out = await ok(['reproduce', bundle, '--data', DATA, '--store', newDir('bundle-fresh')]);
    expect(out.split('\n')[0]).toBe('identical');
    const carried = await ok(['reproduce', withInputs, '--store', newDir('bundle-carried')]);
    expect(carried.split('\n')[0]).toBe('identical');
    expect(carried).toContain(`${GOOG_ID} from the bundle`);
  });

  it('bundle import stores and dedups; a bundle without its inputs needs them in the store', async () => {
    const store = newDir('import');
    const first = JSON.parse(await ok(['bundle', 'import', withInputs, '--store', store, '--json'])) as {
      artifacts: { role: string; status: string }[];
      resultHash: string;
    };
    expect(first.resultHash).toBe(RESULT_HASH);
    expect(first.artifacts.map((a) => `${a.role}:${a.status}`)).toEqual([
      'input:created',
      'equity:created',
      'trades:created',
      'fills:created',
      'metrics:created',
    ]);
    // The experiment is tracked: listed done with the bundle's resultHash, and described with where it came from.
    const listed = JSON.parse(await ok(['experiments', 'list', '--store', store, '--json'])) as { experiments: ExperimentRecord[] };
    expect(listed.experiments.map((e) => [e.id, e.status, e.results?.resultHash])).toEqual([[EXPERIMENT_ID, 'done', RESULT_HASH]]);
    expect(listed.experiments[0].provenance.importedFrom).toMatchObject({
      file: 'goog-inputs.zip',
      bundleSha256: createHash('sha256').update(readFileSync(withInputs)).digest('hex'),
    });
    expect(await ok(['experiments', 'get', EXPERIMENT_ID, '--store', store])).toMatch(/imported +\S+ from goog-inputs\.zip \(SHA-256 [0-9a-f]{64}\)/);
    const again = JSON.parse(await ok(['bundle', 'import', bundle, '--store', store, '--json'])) as {
      artifacts: { status: string }[];
      experimentStatus: string;
    };
    expect(again.artifacts.map((a) => a.status)).toEqual(['existing', 'existing', 'existing', 'existing']);
    // Imported twice: one record, the first.
    expect(again.experimentStatus).toBe('existing');
    expect(JSON.parse(await ok(['experiments', 'list', '--store', store, '--json']))).toEqual(listed);
    // And it re-runs like one run here.
    expect(JSON.parse(await ok(['experiments', 'execute', EXPERIMENT_ID, '--store', store, '--json']))).toMatchObject({
      experiment: { status: 'done', results: { resultHash: RESULT_HASH } },
    });
    const bare = await run(['bundle', 'import', bundle, '--store', newDir('bare')]);
    expect(exitCode(bare.error)).toBe(2);
    expect(bare.error!.message).toMatch(
      /^goog\.zip: results\/equity\.parquet: art_53212b36b20b26015a65a297 was made from art_f2e4b64306bd2b8ab341951c \(GOOG\), which is neither in the bundle nor in this store.* \[rule: missing-input\]$/,
    );
  });

  it("artifacts delete refuses an imported experiment's result, naming it; an artifact nothing holds goes", async () => {
    const store = newDir('delete');
    await ok(['bundle', 'import', withInputs, '--store', store]);
    const before = await ok(['artifacts', 'list', '--store', store, '--json']);
    const equity = 'art_53212b36b20b26015a65a297';
    const r = await run(['artifacts', 'delete', equity.slice(0, 12), '--store', store]);
    expect(exitCode(r.error)).toBe(1);
    expect(r.error!.message).toBe(
      `cannot delete ${equity}: it is the equity result of experiment ${EXPERIMENT_ID} (GOOG sma 10/20), done; an experiment's results stay as long as the experiment; nothing was deleted`,
    );
    expect(await ok(['artifacts', 'list', '--store', store, '--json'])).toBe(before);
    await ok(['artifacts', 'import', sharedDataPath('EURUSD.csv'), '--store', store]);
    const eurusd = (
      JSON.parse(await ok(['artifacts', 'find', '--instrument', 'EURUSD', '--store', store, '--json'])) as { artifacts: { id: string }[] }
    ).artifacts[0].id;
    expect(await ok(['artifacts', 'delete', eurusd, '--store', store])).toBe(`deleted ${eurusd}\n`);
    expect(await ok(['artifacts', 'list', '--store', store, '--json'])).toBe(before);
  });

  it('a bundle with one byte changed: exit 2 and the reason naming the file, for import and reproduce', async () => {
    const bytes = readFileSync(withInputs);
    const tampered = join(root, 'tampered.zip');
    const copy = Buffer.from(bytes);
    const dataAt = entryData(copy, 'results/trades.parquet');
    copy[dataAt + 500] ^= 0x01;
    writeFileSync(tampered, copy);
    const store = newDir('tampered');
    for (const args of [
      ['bundle', 'import', tampered],
      ['reproduce', tampered],
    ]) {
      const r = await run([...args, '--store', store]);
      expect(exitCode(r.error)).toBe(2);
      expect(r.error!.message).toMatch(
        /^tampered\.zip: results\/trades\.parquet: CRC-32 of its \d+ bytes is 0x[0-9a-f]{8}, the archive says 0x[0-9a-f]{8} \(damaged or altered\) \[rule: crc\]$/,
      );
    }
    expect(JSON.parse(await ok(['artifacts', 'list', '--store', store, '--json']))).toMatchObject({ artifacts: [] });
  });

  it('export refuses an unfinished experiment; a missing bundle file is exit 2', async () => {
    const store = newDir('draft');
    const spec = join(root, 'draft.json');
    writeFileSync(spec, JSON.stringify({ ...SPEC, params: { fast: 5, slow: 30 } }));
    const created = JSON.parse(await ok(['experiments', 'create', spec, '--store', store, '--json'])) as { experiment: { id: string } };
    const r = await run(['experiments', 'export', created.experiment.id, join(root, 'draft.zip'), '--store', store]);
    expect(exitCode(r.error)).toBe(1);
    expect(r.error!.message).toMatch(/is draft: only a finished \(done\) experiment has results to bundle/);
    const l = await run(['experiments', 'link', created.experiment.id, '--store', store]);
    expect(l.error!.message).toMatch(/is draft: only a finished \(done\) experiment has a result to reproduce/);
    const missing = await run(['reproduce', join(root, 'nope.zip')]);
    expect(exitCode(missing.error)).toBe(2);
  });
});

describe('the quantlab process', { timeout: 60_000 }, () => {
  it('exits 0 for identical, 1 for different, 2 for a bad link', () => {
    const cli = (args: string[]) => spawnSync('npm', ['run', '-s', 'quantlab', '--', ...args], { cwd: REPO, encoding: 'utf8' });
    const same = cli(['reproduce', link, '--store', origin]);
    expect(same.status, same.stderr).toBe(0);
    expect(same.stdout.split('\n')[0]).toBe('identical');
    const other = cli(['reproduce', encodeRunLink({ ...decodeRunLink(link), expectedResultHash: 'e'.repeat(64) }), '--store', origin]);
    expect(other.status).toBe(1);
    expect(other.stdout.split('\n')[0]).toBe('different: result');
    const bad = cli(['reproduce', '#/run/v1/@@', '--store', origin]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/quantlab: run link: .* \[rule: base64url\]/);
  });
});
