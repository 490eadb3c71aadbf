/**
 * Result bundles of a version-2 (lab profile) experiment, from a real run: four universe12 instruments imported
 * through the import handler, the spec pinned in tests/unit/experiments/execute-lab.test.ts executed on the WASM lab
 * engine, exported (format 2: the eight result tables), verified, imported into a fresh lab (artifacts and the
 * experiment, done, with the bundle as provenance) and re-run there from the bundle: identical, with the pinned
 * resultHash. A bundle that misstates its format or lacks a lab table is refused and stores nothing.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeEngineRunners } from '../../../src/adapters/node/engine-runners';
import { LAB_RESULT_ROLES, type ExperimentRecord } from '../../../src/core/experiments/record';
import { manifestText, type BundleManifest } from '../../../src/core/reproduce/bundle-format';
import { bundleSummary } from '../../../src/core/reproduce/bundle-summary';
import { BundleError } from '../../../src/core/reproduce/errors';
import { readStoredZip, writeStoredZip } from '../../../src/core/reproduce/stored-zip';
import { executeExperiment } from '../../../src/handlers/execute-experiment';
import { createExperiment } from '../../../src/handlers/experiments/create-experiment';
import { exportBundle } from '../../../src/handlers/export-bundle';
import { importArtifact } from '../../../src/handlers/import-artifact';
import { importBundle, readBundle } from '../../../src/handlers/import-bundle';
import { runLinkOfBundle } from '../../../src/handlers/reproduce/run-link-for';
import { reproduceRun } from '../../../src/handlers/reproduce-run';
import type { LabRunner } from '../../../src/ports/lab-runner';
import { sharedDataPath } from '../../helpers/shared-data';
import { APP_VERSION, bundleDeps, closeLabs, codec, importDeps, openLab, storeState, type TestLab } from './goog-lab';

const PINNED_RESULT_HASH = '692f9da42eca53c3df49161f20a93791aa2052ae53f1d3678043fc5a85aba6ac';
const UNIVERSE = ['TEC1', 'FIN1', 'NRG1', 'TEC2'];
const ZIP_LIMITS = { maxArchiveBytes: 1 << 30, maxEntries: 1024, maxEntryBytes: 1 << 30 };

let lab: LabRunner;
let origin: TestLab;
let done: ExperimentRecord;
let withInputs: Uint8Array;
let withoutInputs: Uint8Array;

async function labLab(label: string): Promise<TestLab> {
  const l = await openLab(label);
  l.deps = { ...l.deps, lab };
  return l;
}

beforeAll(async () => {
  lab = (await nodeEngineRunners()).lab;
  origin = await labLab('universe-origin');
  const hashes: string[] = [];
  for (const name of UNIVERSE) {
    const out = await importArtifact(importDeps(origin), {
      name: `${name}.csv`,
      bytes: new Uint8Array(readFileSync(sharedDataPath(`universe12/${name}.csv`))),
    });
    if (out.status === 'quarantined') throw new Error(`${name} was quarantined`);
    hashes.push(out.record.contentHash);
  }
  const spec = {
    specVersion: 2,
    profile: 'lab',
    strategy: 'sma-cross',
    params: { fast: 10, slow: 30, weight: 0.96 },
    inputs: hashes.map((contentHash) => ({ contentHash })),
    config: { commission: { relative: 0.001 }, spread: 0.0005, allowShort: true },
  };
  const { record } = await createExperiment(
    { tracker: origin.tracker, store: origin.store, clock: origin.deps.clock, appVersion: APP_VERSION },
    spec,
  );
  done = (await executeExperiment(origin.deps, record.id)).record;
  const deps = { store: origin.store, tracker: origin.tracker, appVersion: APP_VERSION };
  withInputs = (await exportBundle(deps, done.id, { withInputs: true })).bytes;
  withoutInputs = (await exportBundle(deps, done.id)).bytes;
}, 180_000);
afterAll(closeLabs);

const entriesOf = (bytes: Uint8Array) => readStoredZip(bytes, ZIP_LIMITS).map((e) => ({ name: e.name, data: e.data.slice() }));
const manifestOf = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(entriesOf(bytes)[0].data)) as BundleManifest;

/** The bundle rebuilt with a changed manifest and a matching summary (as a careful forger would). */
function forged(bytes: Uint8Array, change: (m: BundleManifest) => void): Uint8Array {
  const entries = entriesOf(bytes);
  const m = JSON.parse(new TextDecoder().decode(entries[0].data)) as BundleManifest;
  change(m);
  const summary = new TextEncoder().encode(bundleSummary(m));
  const at = entries.findIndex((e) => e.name === 'summary.txt');
  entries[at].data = summary;
  const listed = m.files.find((f) => f.path === 'summary.txt');
  if (listed) listed.bytes = summary.length;
  entries[0].data = new TextEncoder().encode(manifestText(m));
  return writeStoredZip(entries.filter((e) => e.name === 'manifest.json' || m.files.some((f) => f.path === e.name)));
}

async function refusedBy(target: TestLab, bytes: Uint8Array): Promise<BundleError> {
  const before = await storeState(target);
  const error = await importBundle(bundleDeps(target), bytes).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BundleError);
  expect(await storeState(target)).toEqual(before);
  return error as BundleError;
}

describe('a version-2 experiment as a result bundle', { timeout: 180_000 }, () => {
  it('is format 2 with the spec, every input and the eight result tables — the same bytes every time', async () => {
    expect(done.status).toBe('done');
    expect(done.results!.resultHash).toBe(PINNED_RESULT_HASH);
    const m = manifestOf(withInputs);
    expect(m.bundleVersion).toBe(2);
    expect(m.experiment.spec).toEqual(done.spec);
    expect(m.artifacts.map((a) => a.role)).toEqual([...UNIVERSE.map(() => 'input'), ...LAB_RESULT_ROLES]);
    expect(entriesOf(withInputs).map((e) => e.name)).toEqual([
      'manifest.json',
      'summary.txt',
      ...done.results!.inputs.map((id) => `inputs/${id}.parquet`),
      ...LAB_RESULT_ROLES.map((role) => `results/${role}.parquet`),
    ]);
    expect(entriesOf(withoutInputs).map((e) => e.name)).toEqual([
      'manifest.json',
      'summary.txt',
      ...LAB_RESULT_ROLES.map((r) => `results/${r}.parquet`),
    ]);
    const again = await exportBundle({ store: origin.store, tracker: origin.tracker, appVersion: APP_VERSION }, done.id, { withInputs: true });
    expect(again.bytes).toEqual(withInputs);
    const summary = new TextDecoder().decode(entriesOf(withInputs)[1].data);
    expect(summary).toContain('(format 2, written by quantlab');
    expect(summary).toContain(`attribution ${done.results!.artifacts.attribution!.id}`);
    expect(summary).toContain(`resultHash   ${PINNED_RESULT_HASH}`);
  });

  it('verifies (every contentHash re-derived from its Parquet), imports into a fresh lab and registers the experiment', async () => {
    const verified = await readBundle({ codec }, withInputs);
    expect(Object.keys(verified.results)).toEqual([...LAB_RESULT_ROLES]);
    const fresh = await labLab('universe-import');
    const imported = await importBundle(bundleDeps(fresh), withInputs, { fileName: 'universe.zip' });
    expect(imported.artifacts.map((a) => [a.role, a.created])).toEqual([
      ...UNIVERSE.map(() => ['input', true]),
      ...LAB_RESULT_ROLES.map((r) => [r, true]),
    ]);
    const registered = imported.experiment.record;
    expect(imported.experiment.created).toBe(true);
    expect(registered).toMatchObject({ id: done.id, status: 'done', spec: done.spec, results: done.results });
    expect(registered.provenance.importedFrom?.file).toBe('universe.zip');
    expect((await fresh.tracker.list()).map((e) => e.id)).toEqual([done.id]);
    for (const role of LAB_RESULT_ROLES) expect(await fresh.store.get(done.results!.artifacts[role]!.id)).toBeDefined();
    // Twice: one record, nothing stored again.
    const twice = await importBundle(bundleDeps(fresh), withInputs, { fileName: 'universe.zip' });
    expect(twice.experiment.created).toBe(false);
    expect(twice.artifacts.every((a) => !a.created)).toBe(true);
  });

  it("re-runs from the bundle's inputs in a third lab on the lab engine: identical, the pinned resultHash", async () => {
    const third = await labLab('universe-rerun');
    const verified = await readBundle({ codec }, withInputs);
    for (const p of verified.inputs) await third.store.put({ ...p.record, sourceBytes: p.record.sizes.sourceBytes }, p.bytes!);
    const outcome = await reproduceRun(third.deps, runLinkOfBundle(verified));
    expect(outcome.verdict.verdict).toBe('identical');
    expect(outcome.verdict.actual.resultHash).toBe(PINNED_RESULT_HASH);
    expect(outcome.experiment?.id).toBe(done.id);
  });

  it('without its inputs imports only where the store holds them; elsewhere refused (missing-input), nothing stored', async () => {
    const empty = await labLab('universe-empty');
    expect(await refusedBy(empty, withoutInputs)).toMatchObject({ rule: 'missing-input', file: 'results/equity.parquet' });
    const imported = await importBundle(bundleDeps(origin), withoutInputs);
    expect(imported.artifacts.every((a) => !a.created)).toBe(true);
  });

  it('a forged format version or a missing lab table is refused, naming the rule; nothing is stored', async () => {
    const target = await labLab('universe-forged');
    const v1 = await refusedBy(
      target,
      forged(withInputs, (m) => (m.bundleVersion = 1)),
    );
    expect(v1.message).toMatch(
      /^manifest\.json: bundle version 1 does not fit a lab-profile \(version-2\) experiment; its bundle is version 2 \[rule: manifest\]$/,
    );
    const noOrders = await refusedBy(
      target,
      forged(withInputs, (m) => {
        m.artifacts = m.artifacts.filter((a) => a.role !== 'orders');
        m.files = m.files.filter((f) => f.path !== 'results/orders.parquet');
      }),
    );
    expect(noOrders).toMatchObject({ file: 'manifest.json', rule: 'record' });
    expect(noOrders.message).toMatch(/expected the inputs, then equity, trades, fills, metrics, orders, positions, attribution, benchmark/);
  });
});
