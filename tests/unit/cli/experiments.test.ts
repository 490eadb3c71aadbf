/**
 * `quantlab experiments …` on temporary stores. GOOG (../shared/data) is imported with `quantlab artifacts import`
 * (the CLI's own code path); the spec is metrics.md's visible case. The resultHash printed is pinned: it is a
 * function of the result tables' canonical content (see tests/unit/experiments/execute-experiment.test.ts), the
 * same in every store and on every machine.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DirExperimentTracker } from '../../../src/adapters/node/dir-experiment-tracker';
import { nodeSession } from '../../../src/adapters/node/experiments/session';
import { CliError } from '../../../src/cli/cli-error';
import { createExperimentsCommand } from '../../../src/cli/commands/experiments';
import { prepareSpec } from '../../../src/core/experiments/identity';
import type { ExperimentRecord } from '../../../src/core/experiments/record';
import type { CompatStats } from '../../../src/core/stats/types';
import { GOOG_SMA_10_20_STATS } from '../../helpers/goog-golden';
import { sharedDataPath } from '../../helpers/shared-data';
import { cliJson as okJson, cliOk as ok, runCli as run } from '../../helpers/cli-run';
import { GOOG_HASH, GOOG_SMA_SPEC as SPEC, GOOG_SMA_RESULT_HASH as RESULT_HASH } from '../../helpers/goog-experiment';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const GOOG_ID = 'art_f2e4b64306bd2b8ab341951c';
const EXPERIMENT_ID = 'exp_99c61648f98d6fec74bccb88';

const root = mkdtempSync(join(tmpdir(), 'quantlab-experiments-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const newDir = (label: string) => join(root, `${label}-${++n}`);

function writeSpec(name: string, spec: unknown): string {
  const path = join(root, name);
  writeFileSync(path, typeof spec === 'string' ? spec : JSON.stringify(spec, null, 2));
  return path;
}

async function storeWithGoog(label: string): Promise<string> {
  const store = newDir(label);
  await ok(['artifacts', 'import', sharedDataPath('GOOG.csv'), '--store', store]);
  return store;
}

interface ExperimentJson {
  store: string;
  created?: boolean;
  missingInputs?: string[];
  storedArtifacts?: number;
  experiment: ExperimentRecord;
  stats?: CompatStats | null;
}

// Each case imports GOOG and runs the engine: allow for a loaded machine.
describe('quantlab experiments', { timeout: 60_000 }, () => {
  it('create, execute, get, list: the spec runs on GOOG and prints the pinned resultHash', async () => {
    const store = await storeWithGoog('main');
    const spec = writeSpec('goog.json', SPEC);

    const created = await okJson<ExperimentJson>(['experiments', 'create', spec, '--store', store]);
    expect(created).toMatchObject({ store, created: true, missingInputs: [] });
    expect(created.experiment).toMatchObject({ id: EXPERIMENT_ID, status: 'draft' });
    expect(created.experiment.spec.label).toBe('GOOG sma 10/20');

    const again = await okJson<ExperimentJson>(['experiments', 'create', spec, '--store', store]);
    expect(again.created).toBe(false);
    expect(again.experiment).toEqual(created.experiment);

    const executed = await okJson<ExperimentJson>(['experiments', 'execute', EXPERIMENT_ID, '--store', store]);
    expect(executed.storedArtifacts).toBe(4);
    expect(executed.experiment.status).toBe('done');
    expect(executed.experiment.results!.resultHash).toBe(RESULT_HASH);
    expect(executed.experiment.results!.inputs).toEqual([GOOG_ID]);

    const got = await okJson<ExperimentJson>(['experiments', 'get', EXPERIMENT_ID.slice(0, 8), '--store', store]);
    expect(got.experiment).toEqual(executed.experiment);
    expect(got.stats).toMatchObject({ trades: 93, start: GOOG_SMA_10_20_STATS.start, end: GOOG_SMA_10_20_STATS.end });
    expect(got.stats!.equity_final).toBeCloseTo(GOOG_SMA_10_20_STATS.equity_final!, 6);

    const listed = await okJson<{ experiments: ExperimentRecord[] }>(['experiments', 'list', '--store', store]);
    expect(listed.experiments.map((e) => e.id)).toEqual([EXPERIMENT_ID]);

    // The result artifacts are in the store, downstream of GOOG.
    const lineage = await okJson<{ down: Array<{ artifact: { id: string; tags: string[] } }> }>([
      'artifacts',
      'lineage',
      GOOG_ID,
      '--down',
      '--store',
      store,
    ]);
    expect(lineage.down.map((d) => d.artifact.id).sort()).toEqual(
      Object.values(executed.experiment.results!.artifacts)
        .map((a) => a.id)
        .sort(),
    );
    expect(lineage.down.every((d) => d.artifact.tags.includes(`experiment:${EXPERIMENT_ID}`))).toBe(true);
  });

  it('run (create + execute) prints the same resultHash in another store, and a human summary', async () => {
    const store = await storeWithGoog('run');
    const spec = writeSpec('goog-run.json', { ...SPEC, label: undefined, inputs: [{ contentHash: GOOG_HASH }] });
    const human = await ok(['experiments', 'run', spec, '--store', store]);
    expect(human).toMatch(new RegExp(`^created ${EXPERIMENT_ID} \\(draft\\) · sma-cross fast=10 slow=20 · backtesting.py`));
    expect(human).toMatch(new RegExp(`^resultHash\\s+${RESULT_HASH}$`, 'm'));
    expect(human).toMatch(/^status\s+done$/m);
    expect(human).toMatch(/^ {2}trades\s+art_f0f7eccc4d91aa4c345f30d3\s+93\s/m);

    const text = await ok(['experiments', 'get', EXPERIMENT_ID, '--store', store]);
    expect(text).toMatch(/^# Trades\s+93$/m);
    expect(text).toMatch(/^Equity Final \[\$\]\s+56263\.51934$/m);

    const again = await okJson<ExperimentJson>(['experiments', 'run', spec, '--store', store]);
    expect(again).toMatchObject({ created: false, storedArtifacts: 0 });
    expect(again.experiment.results!.resultHash).toBe(RESULT_HASH);
    expect(again.experiment.attempts).toBe(2);
  });

  it('refuses an invalid spec with the file, the JSON path and the rule, and stores nothing', async () => {
    const store = newDir('invalid');
    const bad = writeSpec('bad.json', { ...SPEC, params: { fast: 0, slow: 20 } });
    const r = await run(['experiments', 'create', bad, '--store', store]);
    expect(r.error).toBeInstanceOf(CliError);
    expect((r.error as CliError).exitCode).toBe(2);
    expect(r.error!.message).toBe('bad.json: spec.params.fast: expected integer ≥ 1, got 0');

    const typo = writeSpec('typo.json', { ...SPEC, broker: { exclusiveOrder: true } });
    expect((await run(['experiments', 'create', typo, '--store', store])).error!.message).toBe(
      'typo.json: spec.broker.exclusiveOrder: unknown broker setting; did you mean "exclusiveOrders"? (known: cash, margin, tradeOnClose, hedging, exclusiveOrders, finalizeTrades)',
    );
    const notJson = writeSpec('broken.json', '{"specVersion": 1,');
    expect((await run(['experiments', 'create', notJson, '--store', store])).error!.message).toMatch(/^broken\.json: not valid JSON \(/);
    const missing = await run(['experiments', 'create', join(root, 'nope.json'), '--store', store]);
    expect(missing.error!.message).toMatch(/nope\.json: cannot read the spec file \(ENOENT\)/);
    expect((missing.error as CliError).exitCode).toBe(1);
    expect((await okJson<{ experiments: unknown[] }>(['experiments', 'list', '--store', store])).experiments).toEqual([]);
  });

  it('an experiment whose input is not stored is created with a note, and executing it fails with the reason', async () => {
    const store = newDir('missing-input');
    const spec = writeSpec('missing.json', SPEC);
    const created = await ok(['experiments', 'create', spec, '--store', store]);
    expect(created).toContain(`note: input ${GOOG_HASH} is not in the store yet; import it before executing`);
    const r = await run(['experiments', 'execute', EXPERIMENT_ID, '--store', store, '--json']);
    expect((r.error as CliError).exitCode).toBe(1);
    expect(r.error!.message).toBe(
      `experiment ${EXPERIMENT_ID} failed: input GOOG (${GOOG_HASH}) is not in the artifact store (no artifact has this contentHash); import it first`,
    );
    const printed = JSON.parse(r.out) as ExperimentJson;
    expect(printed.experiment).toMatchObject({ status: 'failed', error: { name: 'InputRefusedError' } });

    // Import the data, execute again: done.
    await ok(['artifacts', 'import', sharedDataPath('GOOG.csv'), '--store', store]);
    const done = await okJson<ExperimentJson>(['experiments', 'execute', EXPERIMENT_ID, '--store', store]);
    expect(done.experiment.results!.resultHash).toBe(RESULT_HASH);
  });

  it('marks attempts left running by a process that is gone as interrupted', async () => {
    const store = newDir('interrupted');
    const tracker = await DirExperimentTracker.open(store);
    const prepared = await prepareSpec({ ...SPEC, seed: 3 });
    await tracker.create(prepared, { at: Date.UTC(2026, 0, 1), appVersion: 'test' });
    const dead = nodeSession(2 ** 22 + 4321);
    await tracker.transition(prepared.id, 'queued', { at: Date.UTC(2026, 0, 1, 0, 1), session: dead });
    await tracker.transition(prepared.id, 'running', { at: Date.UTC(2026, 0, 1, 0, 2), engineBuildHash: 'e'.repeat(64) });
    await tracker.close();

    const listed = await okJson<{ experiments: ExperimentRecord[] }>(['experiments', 'list', '--store', store]);
    expect(listed.experiments[0]).toMatchObject({ id: prepared.id, status: 'interrupted', session: null, error: { name: 'Interrupted' } });
    expect(listed.experiments[0].error!.message).toContain(dead);
    const human = await ok(['experiments', 'list', '--status', 'interrupted', '--store', store]);
    expect(human).toMatch(new RegExp(`^${prepared.id}\\s+interrupted\\s+sma-cross\\s+fast=10 slow=20\\s+GOOG`, 'm'));
  });

  it('filters the list by status and strategy, and checks the filters', async () => {
    const store = newDir('filters');
    await ok(['experiments', 'create', writeSpec('f1.json', SPEC), '--store', store]);
    await ok(['experiments', 'create', writeSpec('f2.json', { ...SPEC, strategy: 'momentum', params: { lookback: 10 } }), '--store', store]);
    const byStrategy = await okJson<{ experiments: ExperimentRecord[] }>(['experiments', 'list', '--strategy', 'momentum', '--store', store]);
    expect(byStrategy.experiments.map((e) => e.spec.strategy)).toEqual(['momentum']);
    expect((await okJson<{ experiments: unknown[] }>(['experiments', 'list', '--status', 'done', '--store', store])).experiments).toEqual([]);
    expect((await okJson<{ experiments: unknown[] }>(['experiments', 'list', '--status', 'done,draft', '--store', store])).experiments).toHaveLength(
      2,
    );
    expect((await run(['experiments', 'list', '--status', 'don'])).error!.message).toBe(
      '--status: unknown status "don"; did you mean "done"? (statuses: draft, queued, running, done, failed, cancelled, interrupted)',
    );
    expect((await run(['experiments', 'list', '--strategy', 'smacross'])).error!.message).toMatch(
      /^--strategy: unknown strategy "smacross"; did you mean "sma-cross"\?/,
    );
  });

  it('names what it cannot find, and does not create a store to say so', async () => {
    const store = newDir('empty');
    expect((await run(['experiments', 'get', EXPERIMENT_ID, '--store', store])).error!.message).toBe(
      `no store at ${store} (nothing imported yet: quantlab artifacts import <files…>)`,
    );
    expect(await ok(['experiments', 'list', '--store', store])).toBe(`no experiments in ${store}\n`);
    const withGoog = await storeWithGoog('lookup');
    expect((await run(['experiments', 'execute', EXPERIMENT_ID, '--store', withGoog])).error!.message).toBe(
      `no experiment ${EXPERIMENT_ID} in the store`,
    );
    expect((await run(['experiments', 'get', 'zz', '--store', withGoog])).error!.message).toMatch(/"zz" is not an experiment id or prefix/);
    expect((await run(['experiments', 'frobnicate'])).error!.message).toBe(
      'experiments: unknown subcommand "frobnicate" (subcommands: create, execute, run, get, list, schema)',
    );
    expect((await run(['experiments', 'execute'])).error!.message).toBe(
      'experiments execute: expected one experiment id (or a prefix of it), got none',
    );
  });

  it('prints the JSON Schema the repository documents the spec with', async () => {
    const printed = await ok(['experiments', 'schema']);
    expect(printed).toBe(readFileSync(join(REPO, 'docs/experiment-spec.schema.json'), 'utf8'));
  });

  it('uses the injected clock for provenance', async () => {
    const store = await storeWithGoog('clock');
    let t = Date.UTC(2030, 0, 1);
    const command = createExperimentsCommand(() => ({ env: {}, cwd: root, clock: { now: () => (t += 60_000) } }));
    let out = '';
    await command(['run', writeSpec('clock.json', SPEC), '--store', store, '--json'], (s) => (out += s));
    const record = (JSON.parse(out) as ExperimentJson).experiment;
    expect(record.provenance.createdAt).toBe('2030-01-01T00:02:00.000Z');
    expect(record.provenance.finishedAt! > record.provenance.startedAt!).toBe(true);
    expect(record.results!.resultHash).toBe(RESULT_HASH);
  });

  it('as a process: `quantlab experiments run` prints the pinned resultHash', { timeout: 120_000 }, async () => {
    const store = await storeWithGoog('process');
    const spec = writeSpec('process.json', SPEC);
    const r = spawnSync('npm', ['run', '-s', 'quantlab', '--', 'experiments', 'run', spec, '--json'], {
      cwd: REPO,
      encoding: 'utf8',
      env: { ...process.env, QUANTLAB_STORE: store },
    });
    expect(r.status, r.stderr).toBe(0);
    const parsed = JSON.parse(r.stdout) as ExperimentJson;
    expect(parsed.store).toBe(store);
    expect(parsed.experiment.results!.resultHash).toBe(RESULT_HASH);

    const bad = spawnSync('npm', ['run', '-s', 'quantlab', '--', 'experiments', 'create', writeSpec('p-bad.json', { ...SPEC, seed: -1 })], {
      cwd: REPO,
      encoding: 'utf8',
      env: { ...process.env, QUANTLAB_STORE: store },
    });
    expect(bad.status).toBe(2);
    expect(
      bad.stderr
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('quantlab:')),
    ).toEqual(['quantlab: p-bad.json: spec.seed: expected an integer in [0, 4294967295], got -1']);
  });
});
