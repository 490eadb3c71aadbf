/**
 * Version-2 (lab profile) experiments on ../shared/data/universe12 with the Node adapters: a universe imported
 * through the import handler, created (names from the artifacts' instruments), executed on the WASM engine and on
 * the TypeScript reference, results published with lineage to every input, and bad universes refused with nothing
 * stored.
 *
 * Pinned: the resultHash of sma-cross 10/30 (weight 0.96 of NAV split over the four, 0.24 each) on TEC1, FIN1, NRG1, TEC2 with commission 0.001, spread
 * 0.0005 and shorts allowed — SHA-256 of "quantlab/experiment-result/v2\n" + "<role>=<contentHash>\n" over the eight
 * tables (recomputed here with node:crypto), the same in a second store. The TypeScript reference gives the same
 * tables but metrics: the statistics there come from the TypeScript stats, not the engine's stats module.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBarsFile } from '../../../src/adapters/node/decode-bars-file';
import { DirArtifactStore } from '../../../src/adapters/node/dir-artifact-store';
import { DirExperimentTracker } from '../../../src/adapters/node/dir-experiment-tracker';
import { nodeEngineRunners } from '../../../src/adapters/node/engine-runners';
import { NodeParquetCodec } from '../../../src/adapters/node/node-parquet-codec';
import { SpecValidationError } from '../../../src/core/experiments/errors';
import { LAB_RESULT_ROLES, type ExperimentRecord } from '../../../src/core/experiments/record';
import { isLabSpec } from '../../../src/core/experiments/spec';
import { executeExperiment, type ExecuteExperimentDeps } from '../../../src/handlers/execute-experiment';
import { createExperiment } from '../../../src/handlers/experiments/create-experiment';
import { parquetBarsDecoder } from '../../../src/handlers/experiments/parquet-bars-decoder';
import { readMetricsRows } from '../../../src/handlers/experiments/read-metrics';
import { importArtifact } from '../../../src/handlers/import-artifact';
import type { ArtifactStore, Clock } from '../../../src/ports/artifact-store';
import type { LabRunner } from '../../../src/ports/lab-runner';
import { ReferenceLabRunner } from '../../helpers/reference-lab-runner';
import { sharedDataPath } from '../../helpers/shared-data';

const PINNED_RESULT_HASH = '692f9da42eca53c3df49161f20a93791aa2052ae53f1d3678043fc5a85aba6ac';
const UNIVERSE = ['TEC1', 'FIN1', 'NRG1', 'TEC2'];

const root = mkdtempSync(join(tmpdir(), 'quantlab-execute-lab-'));
const codec = new NodeParquetCodec();
const opened: Array<{ store: DirArtifactStore; tracker: DirExperimentTracker }> = [];
let wasm: LabRunner;
let engineBuildHash: string;

afterAll(async () => {
  for (const o of opened) {
    await o.tracker.close();
    await o.store.close();
  }
  rmSync(root, { recursive: true, force: true });
});

beforeAll(async () => {
  const runners = await nodeEngineRunners();
  wasm = runners.lab;
  engineBuildHash = runners.lab.engineBuildHash;
}, 60_000);

function clock(): Clock {
  let t = Date.UTC(2026, 11, 1);
  return { now: () => (t += 1000) };
}

async function openLab(name: string, lab: () => LabRunner) {
  const dir = join(root, name);
  const c = clock();
  const store = await DirArtifactStore.open(dir, { clock: c });
  const tracker = await DirExperimentTracker.open(dir);
  opened.push({ store, tracker });
  const deps: ExecuteExperimentDeps = {
    store,
    tracker,
    runner: { engineBuildHash, run: () => Promise.reject(new Error('a lab spec never reaches the backtesting.py runner')) },
    lab: lab(),
    decodeBars: parquetBarsDecoder(codec),
    parquet: codec,
    clock: c,
    appVersion: '0.1.0-test',
    session: `test/${name}`,
  };
  return { store, tracker, deps };
}

async function importShared(store: ArtifactStore, path: string): Promise<string> {
  const outcome = await importArtifact(
    { store, decode: decodeBarsFile, parquet: codec, appVersion: '0.1.0-test' },
    { name: path.split('/').pop()!, bytes: new Uint8Array(readFileSync(sharedDataPath(path))) },
  );
  if (outcome.status === 'quarantined') throw new Error(`${path} was quarantined`);
  return outcome.record.contentHash;
}

function spec(inputs: Array<{ contentHash: string; name?: string }>) {
  return {
    specVersion: 2,
    profile: 'lab',
    strategy: 'sma-cross',
    params: { fast: 10, slow: 30, weight: 0.96 },
    inputs,
    config: { commission: { relative: 0.001 }, spread: 0.0005, allowShort: true },
  };
}

async function run(lab: Awaited<ReturnType<typeof openLab>>, raw: unknown): Promise<ExperimentRecord> {
  const { record } = await createExperiment({ tracker: lab.tracker, store: lab.store, clock: lab.deps.clock, appVersion: '0.1.0-test' }, raw);
  return (await executeExperiment(lab.deps, record.id)).record;
}

describe('a version-2 experiment on four universe12 instruments', { timeout: 120_000 }, () => {
  let lab: Awaited<ReturnType<typeof openLab>>;
  let hashes: string[];
  let done: ExperimentRecord;

  beforeAll(async () => {
    lab = await openLab('wasm', () => wasm);
    hashes = [];
    for (const name of UNIVERSE) hashes.push(await importShared(lab.store, `universe12/${name}.csv`));
    done = await run(lab, spec(hashes.map((contentHash) => ({ contentHash }))));
  });

  it('is done, names its inputs after their instruments, and pins its result hash', async () => {
    expect(done.status).toBe('done');
    expect(isLabSpec(done.spec) && done.spec.inputs.map((i) => i.name)).toEqual(UNIVERSE);
    const res = done.results!;
    const text = 'quantlab/experiment-result/v2\n' + LAB_RESULT_ROLES.map((role) => `${role}=${res.artifacts[role]!.contentHash}\n`).join('');
    expect(createHash('sha256').update(text).digest('hex')).toBe(res.resultHash);
    expect(res.resultHash).toBe(PINNED_RESULT_HASH);
    expect(res.engineBuildHash).toBe(engineBuildHash);
  });

  it('publishes eight tables, each with lineage to every input', async () => {
    const inputs = await Promise.all(hashes.map(async (h) => (await lab.store.getByContentHash(h))!.id));
    expect(done.results!.inputs).toEqual(inputs);
    for (const role of LAB_RESULT_ROLES) {
      const record = (await lab.store.get(done.results!.artifacts[role]!.id))!;
      expect(record.kind).toBe('results');
      expect([...record.inputs].sort()).toEqual([...inputs].sort());
    }
  });

  it('positions and weights per instrument, attribution summing to the NAV change, a benchmark of the universe', async () => {
    const a = done.results!.artifacts;
    const read = async (id: string) => tableFromIPC(await codec.toArrowIpc(await lab.store.readBytes(id, { verify: true })));
    const equity = await read(a.equity.id);
    const nav = equity.getChild('nav')!.toArray() as Float64Array;
    const positions = await read(a.positions!.id);
    expect(positions.numRows).toBe(4 * 1500);
    expect(new Set(Array.from({ length: positions.numRows }, (_, i) => positions.getChild('instrument')!.get(i) as string))).toEqual(
      new Set(UNIVERSE),
    );
    // Weights and cash share sum to 1 at every bar.
    const weight = positions.getChild('weight')!.toArray() as Float64Array;
    const cash = equity.getChild('cash')!.toArray() as Float64Array;
    for (const t of [0, 100, 777, 1499]) {
      const sum = weight[t] + weight[1500 + t] + weight[3000 + t] + weight[4500 + t] + cash[t] / nav[t];
      expect(sum).toBeCloseTo(1, 10);
    }
    const attribution = await read(a.attribution!.id);
    const pnl = attribution.getChild('pnl')!.toArray() as Float64Array;
    expect(pnl.reduce((s, x) => s + x, 0)).toBeCloseTo(nav[1499] - 10_000, 6);
    const benchmark = await read(a.benchmark!.id);
    expect(benchmark.numRows).toBe(1500);
    expect(benchmark.getChild('nav')!.get(0)).toBe(10_000);
    const rows = await readMetricsRows(lab.store, codec, a.metrics.id);
    expect(rows.filter((r) => r.section === 'benchmark').length).toBeGreaterThan(20);
    expect(rows.find((r) => r.section === 'inputs' && r.key === '3.name')?.text).toBe('TEC2');
  });

  async function again(name: string, runner: () => LabRunner): Promise<ExperimentRecord> {
    const other = await openLab(name, runner);
    // Imported in another order: the spec's order, not the store's, is the universe's.
    const byName = new Map<string, string>();
    for (const n of [...UNIVERSE].reverse()) byName.set(n, await importShared(other.store, `universe12/${n}.csv`));
    return run(other, spec(UNIVERSE.map((n) => ({ contentHash: byName.get(n)! }))));
  }

  it('the same spec in another store gives the same experiment and result hash', async () => {
    const record = await again('again', () => wasm);
    expect(record.id).toBe(done.id);
    expect(record.results!.resultHash).toBe(PINNED_RESULT_HASH);
  });

  it('the TypeScript reference gives the same tables; statistics aside (the engine has its own stats module)', async () => {
    const record = await again('reference', () => new ReferenceLabRunner(engineBuildHash));
    expect(record.id).toBe(done.id);
    for (const role of LAB_RESULT_ROLES.filter((r) => r !== 'metrics'))
      expect([role, record.results!.artifacts[role]!.contentHash]).toEqual([role, done.results!.artifacts[role]!.contentHash]);
  });

  it('refuses bad universes naming the inputs, and stores no experiment', async () => {
    const bad = await openLab('refusals', () => wasm);
    const tec1 = await importShared(bad.store, 'universe12/TEC1.csv');
    const fin1 = await importShared(bad.store, 'universe12/FIN1.csv');
    const eurusd = await importShared(bad.store, 'EURUSD.csv');
    const create = (raw: unknown) =>
      createExperiment({ tracker: bad.tracker, store: bad.store, clock: bad.deps.clock, appVersion: '0.1.0-test' }, raw).then(
        () => {
          throw new Error('created');
        },
        (e: unknown) => e as SpecValidationError,
      );
    const mixed = await create(spec([{ contentHash: tec1 }, { contentHash: eurusd }]));
    expect(mixed).toBeInstanceOf(SpecValidationError);
    expect(mixed.message).toMatch(/spec\.inputs: mixed intervals in one universe \(1d: inputs\[0\] TEC1; 1h: inputs\[1\] EURUSD\)/);
    const dup = await create(
      spec([
        { contentHash: tec1, name: 'X' },
        { contentHash: fin1, name: 'X' },
      ]),
    );
    expect(dup.message).toMatch(/spec\.inputs\[1\]\.name: duplicated name "X"/);
    const unknown = await create(spec([{ contentHash: tec1 }, { contentHash: 'e'.repeat(64) }]));
    expect(unknown.message).toMatch(/spec\.inputs\[1\]\.contentHash: inputs\[1\] \(eeeeeeeeeeee…\): unknown contentHash/);
    expect(await bad.tracker.list()).toEqual([]);
    // A results table is not bars: refused in the store that holds one, which keeps its one experiment.
    const before = (await lab.tracker.list()).length;
    const notBars = await createExperiment(
      { tracker: lab.tracker, store: lab.store, clock: lab.deps.clock, appVersion: '0.1.0-test' },
      spec([{ contentHash: hashes[0] }, { contentHash: done.results!.artifacts.metrics.contentHash }]),
    ).catch((e: unknown) => e as Error);
    expect(notBars).toBeInstanceOf(SpecValidationError);
    expect((notBars as Error).message).toMatch(
      /spec\.inputs\[1\]\.contentHash: inputs\[1\] \(\w{12}…\) is art_\w+, a results artifact, not OHLCV bars/,
    );
    expect((await lab.tracker.list()).length).toBe(before);
  });
});
