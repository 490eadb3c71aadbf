/**
 * A version-2 experiment leaves the lab and comes back, with the CLI's own commands: xmom (lookback 252, skip 21,
 * monthly, top 3 long / bottom 3 short) on all twelve instruments of ../shared/data/universe12, imported as a
 * folder and run from a spec file. Its run link names every input by contentHash and reproduces into a fresh store
 * from the folder (`reproduce LINK --data DIR`); its bundle with inputs verifies (`bundle verify`, nothing
 * stored), imports into a second store (the experiment registered, done) and re-runs there from the bundle's own
 * inputs: identical every time, with one resultHash.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAB_RESULT_ROLES, type ExperimentRecord } from '../../../src/core/experiments/record';
import { decodeRunLink } from '../../../src/core/reproduce/run-link';
import { cliJson, runCli } from '../../helpers/cli-run';
import { sharedDataPath } from '../../helpers/shared-data';

const NAMES = ['FIN1', 'FIN2', 'FIN3', 'FIN4', 'NRG1', 'NRG2', 'NRG3', 'NRG4', 'TEC1', 'TEC2', 'TEC3', 'TEC4'];
const FOLDER = sharedDataPath('universe12');

const root = mkdtempSync(join(tmpdir(), 'quantlab-universe-share-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const at = (name: string) => join(root, name);

let experiment: ExperimentRecord;
let resultHash: string;
let link: string;

beforeAll(async () => {
  const imported = await cliJson<{ results: Array<{ status: string; record?: { contentHash: string; instruments: string[] } }> }>([
    'artifacts',
    'import',
    ...NAMES.map((n) => join(FOLDER, `${n}.csv`)),
    '--store',
    at('origin'),
  ]);
  const spec = {
    specVersion: 2,
    profile: 'lab',
    strategy: 'xmom',
    params: { lookback: 252, skip: 21, rebalance: 1, top_k: 3, bottom_k: 3 },
    inputs: imported.results.map((r) => ({ contentHash: r.record!.contentHash })),
    config: { commission: { relative: 0.001 }, allowShort: true },
  };
  writeFileSync(at('xmom.json'), JSON.stringify(spec));
  experiment = (await cliJson<{ experiment: ExperimentRecord }>(['experiments', 'run', at('xmom.json'), '--store', at('origin')])).experiment;
  resultHash = experiment.results!.resultHash;
  link = (await cliJson<{ link: string }>(['experiments', 'link', experiment.id, '--store', at('origin')])).link;
}, 240_000);

describe('a version-2 experiment shared through the CLI', { timeout: 240_000 }, () => {
  it('runs on the twelve instruments and its link names each input by contentHash, with name and rows', () => {
    expect(experiment.status).toBe('done');
    expect(experiment.spec.inputs.map((i) => ('name' in i ? i.name : null))).toEqual(NAMES);
    const decoded = decodeRunLink(link);
    expect(decoded.expectedResultHash).toBe(resultHash);
    expect(decoded.inputs.map((i) => [i.contentHash, i.label, i.rows])).toEqual(
      experiment.spec.inputs.map((i, k) => [i.contentHash, NAMES[k], 1500]),
    );
  });

  it('reproduce LINK --data DIR finds every input by content in the folder: identical, the same resultHash', async () => {
    const out = await cliJson<{ verdict: string; actual: { resultHash: string }; experiment: { id: string } }>([
      'reproduce',
      link,
      '--data',
      FOLDER,
      '--store',
      at('fresh'),
    ]);
    expect(out).toMatchObject({ verdict: 'identical', actual: { resultHash }, experiment: { id: experiment.id } });
  });

  it('export --with-inputs → bundle verify (nothing stored) → bundle import in a second store → reproduce: identical', async () => {
    const zip = at('xmom.zip');
    const exported = await cliJson<{ resultHash: string; files: Array<{ path: string }> }>([
      'experiments',
      'export',
      experiment.id,
      zip,
      '--with-inputs',
      '--store',
      at('origin'),
    ]);
    expect(exported.resultHash).toBe(resultHash);
    expect(exported.files.filter((f) => f.path.startsWith('inputs/'))).toHaveLength(12);
    expect(exported.files.filter((f) => f.path.startsWith('results/')).map((f) => f.path)).toEqual(
      LAB_RESULT_ROLES.map((r) => `results/${r}.parquet`),
    );

    const before = readdirSync(root).sort();
    const verified = await cliJson<{ verified: boolean; bundleVersion: number; specVersion: number; resultHash: string; inputs: unknown[] }>([
      'bundle',
      'verify',
      zip,
    ]);
    expect(verified).toMatchObject({ verified: true, bundleVersion: 2, specVersion: 2, resultHash });
    expect(verified.inputs).toHaveLength(12);
    expect(readdirSync(root).sort()).toEqual(before);
    const text = await runCli(['bundle', 'verify', zip]);
    expect(text.out.split('\n')[0]).toBe('xmom.zip: verified (format 2); nothing was stored');

    const imported = await cliJson<{
      experiment: string;
      experimentStatus: string;
      resultHash: string;
      artifacts: Array<{ role: string; status: string }>;
    }>(['bundle', 'import', zip, '--store', at('second')]);
    expect(imported).toMatchObject({ experiment: experiment.id, experimentStatus: 'created', resultHash });
    expect(imported.artifacts.map((a) => a.role)).toEqual([...NAMES.map(() => 'input'), ...LAB_RESULT_ROLES]);
    const listed = await cliJson<{ experiments: ExperimentRecord[] }>(['experiments', 'list', '--store', at('second')]);
    expect(listed.experiments.map((e) => [e.id, e.status, e.results?.resultHash])).toEqual([[experiment.id, 'done', resultHash]]);

    const again = await cliJson<{ verdict: string; actual: { resultHash: string } }>(['reproduce', zip, '--store', at('third')]);
    expect(again).toMatchObject({ verdict: 'identical', actual: { resultHash } });
  });

  it('bundle verify refuses a damaged bundle naming the file inside, exit 2', async () => {
    const r = await runCli(['bundle', 'verify', at('xmom.json')]);
    expect(r.error?.message).toMatch(/^xmom\.json: zip: /);
    const store = await runCli(['bundle', 'verify', at('xmom.zip'), '--store', at('x')]);
    expect(store.error?.message).toMatch(/bundle verify: --store is not taken/);
  });
});
