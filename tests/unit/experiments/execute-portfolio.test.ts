/**
 * Version-2 experiments with a `portfolio` and a `risk` block on the twelve universe12 instruments, with the Node
 * adapters: xmom's raw targets → monthly long-only minimum variance → scheduled-targets on the WASM engine (and on
 * the TypeScript reference: the same bits), the five portfolio tables (refusals: the engine's limit log) published with lineage to every input and
 * read by the resultHash after the eight lab tables, the same resultHash twice, an infeasible cap failing the run
 * with the optimizer, constraint and date and storing nothing, and spec refusals naming their JSON paths.
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
import { LAB_RESULT_ROLES, PORTFOLIO_RESULT_ROLES, type ExperimentRecord } from '../../../src/core/experiments/record';
import { executeExperiment, type ExecuteExperimentDeps } from '../../../src/handlers/execute-experiment';
import { createExperiment } from '../../../src/handlers/experiments/create-experiment';
import { parquetBarsDecoder } from '../../../src/handlers/experiments/parquet-bars-decoder';
import { importArtifact } from '../../../src/handlers/import-artifact';
import type { Clock } from '../../../src/ports/artifact-store';
import type { LabRunner } from '../../../src/ports/lab-runner';
import { ReferenceLabRunner } from '../../helpers/reference-lab-runner';
import { sharedDataPath } from '../../helpers/shared-data';
import { UNIVERSE12 } from '../../helpers/universe12';

const root = mkdtempSync(join(tmpdir(), 'quantlab-execute-portfolio-'));
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

async function openLab(name: string, lab: () => LabRunner) {
  const dir = join(root, name);
  let t = Date.UTC(2026, 11, 1);
  const clock: Clock = { now: () => (t += 1000) };
  const store = await DirArtifactStore.open(dir, { clock });
  const tracker = await DirExperimentTracker.open(dir);
  opened.push({ store, tracker });
  const deps: ExecuteExperimentDeps = {
    store,
    tracker,
    runner: { engineBuildHash, run: () => Promise.reject(new Error('a lab spec never reaches the backtesting.py runner')) },
    lab: lab(),
    decodeBars: parquetBarsDecoder(codec),
    parquet: codec,
    clock,
    appVersion: '0.1.0-test',
    session: `test/${name}`,
  };
  const hashes: string[] = [];
  for (const n of UNIVERSE12) {
    const outcome = await importArtifact(
      { store, decode: decodeBarsFile, parquet: codec, appVersion: '0.1.0-test' },
      { name: `${n}.csv`, bytes: new Uint8Array(readFileSync(sharedDataPath(`universe12/${n}.csv`))) },
    );
    if (outcome.status === 'quarantined') throw new Error(`${n} was quarantined`);
    hashes.push(outcome.record.contentHash);
  }
  const create = (raw: unknown) => createExperiment({ tracker, store, clock, appVersion: '0.1.0-test' }, raw);
  const run = async (raw: unknown): Promise<ExperimentRecord> => (await executeExperiment(deps, (await create(raw)).record.id)).record;
  return { store, tracker, hashes, create, run };
}

function spec(hashes: string[], portfolio: Record<string, unknown> = {}, risk?: Record<string, unknown>) {
  return {
    specVersion: 2,
    profile: 'lab',
    strategy: 'xmom',
    params: { lookback: 126, skip: 21, top_k: 4 },
    inputs: hashes.map((contentHash) => ({ contentHash })),
    config: { commission: { relative: 0.001 }, cash: 1_000_000 },
    portfolio: {
      optimizer: { name: 'min-variance' },
      riskModel: { name: 'ledoit-wolf', lookback: 126 },
      constraints: { longOnly: true, maxWeight: 0.5 },
      rebalance: { rule: 'monthly' },
      ...portfolio,
    },
    risk: risk ?? {
      var: { levels: [0.95, 0.99], horizons: [1, 10], window: 250 },
      scenarios: [
        { name: 'tech -20 %', shocks: { TEC1: -0.2, TEC2: -0.2, TEC3: -0.2, TEC4: -0.2 } },
        { name: 'worst month', worstWindow: 21 },
      ],
    },
  };
}

describe('a portfolio experiment on universe12', { timeout: 180_000 }, () => {
  let lab: Awaited<ReturnType<typeof openLab>>;
  let done: ExperimentRecord;

  beforeAll(async () => {
    lab = await openLab('wasm', () => wasm);
    done = await run0();
  });
  const run0 = () => lab.run(spec(lab.hashes));

  it('runs to done and publishes the eight lab tables and four portfolio tables, each with lineage to every input', async () => {
    expect(done.error).toBeNull();
    expect(done.status).toBe('done');
    const inputs = await Promise.all(lab.hashes.map(async (h) => (await lab.store.getByContentHash(h))!.id));
    for (const role of [...LAB_RESULT_ROLES, ...PORTFOLIO_RESULT_ROLES]) {
      const record = (await lab.store.get(done.results!.artifacts[role]!.id))!;
      expect([role, record.kind]).toEqual([role, 'results']);
      expect([...record.inputs].sort()).toEqual([...inputs].sort());
    }
    // The resultHash reads the portfolio tables after the eight, under the version-2 header.
    let text = 'quantlab/experiment-result/v2\n';
    for (const role of [...LAB_RESULT_ROLES, ...PORTFOLIO_RESULT_ROLES]) text += `${role}=${done.results!.artifacts[role]!.contentHash}\n`;
    expect(done.results!.resultHash).toBe(createHash('sha256').update(text).digest('hex'));
    expect(done.results!.summary['var_0.99_10d']).toBeGreaterThan(done.results!.summary['var_0.95_1d']!);
  });

  it('executes the optimized weights: targets capped at 0.5 × 0.95, held positions follow them', async () => {
    const a = done.results!.artifacts;
    const read = async (id: string) => tableFromIPC(await codec.toArrowIpc(await lab.store.readBytes(id, { verify: true })));
    const targets = await read(a.targets!.id);
    expect(targets.numRows % 12).toBe(0);
    const optimized = targets.getChild('optimized')!.toArray() as Float64Array;
    const raw = targets.getChild('raw')!.toArray() as Float64Array;
    expect(Math.max(...optimized)).toBeLessThanOrEqual(0.5 * 0.95 + 1e-12);
    expect(optimized.some((w, i) => w !== raw[i])).toBe(true);
    const last = targets.numRows - 12;
    const sum = optimized.subarray(last).reduce((s, w) => s + w, 0);
    expect(sum).toBeCloseTo(0.95, 12);
    const risk = await read(a.risk!.id);
    expect(risk.numRows).toBe((1500 - 250) * 4);
    const stress = await read(a.stress!.id);
    const books = Array.from({ length: stress.numRows }, (_, i) => stress.get(i)!.toJSON()).filter((r) => r.instrument === null);
    expect(books.map((r) => r.scenario)).toEqual(['tech -20 %', 'worst month']);
    expect(books.every((r) => (r.optimizedPnl as number) < 0)).toBe(true);
    const optimizer = await read(a.optimizer!.id);
    expect(optimizer.numRows).toBeGreaterThan(0);
  });

  it('the same spec twice gives the same resultHash; the TypeScript reference gives the same tables but metrics', async () => {
    const again = await openLab('again', () => wasm);
    const second = await again.run(spec(again.hashes));
    expect(second.id).toBe(done.id);
    expect(second.results!.resultHash).toBe(done.results!.resultHash);
    const ref = await openLab('reference', () => new ReferenceLabRunner(engineBuildHash));
    const third = await ref.run(spec(ref.hashes));
    for (const role of [...LAB_RESULT_ROLES, ...PORTFOLIO_RESULT_ROLES].filter((r) => r !== 'metrics'))
      expect([role, third.results!.artifacts[role]!.contentHash]).toEqual([role, done.results!.artifacts[role]!.contentHash]);
  });

  it('publishes the engine limit log: the kill switch trips at the first bar 10 % under the NAV peak, and no order follows it', async () => {
    const limited = await openLab('limits', () => wasm);
    const record = await limited.run(
      spec(limited.hashes, {}, { limits: { killSwitch: { drawdown: 0.1, action: 'flatten' }, maxPositionWeight: 0.3 } }),
    );
    expect(record.error).toBeNull();
    const a = record.results!.artifacts;
    const read = async (id: string) => tableFromIPC(await codec.toArrowIpc(await limited.store.readBytes(id, { verify: true })));
    const rows = (t: Awaited<ReturnType<typeof read>>) => Array.from({ length: t.numRows }, (_, i) => t.get(i)!.toJSON());
    const refusals = rows(await read(a.refusals!.id));
    const events = refusals.filter((r) => r.kind === 'event');
    expect(events.map((r) => r.rule)).toEqual(['kill-switch']);
    // The trip bar, from the run's own NAV: the first bar whose NAV is ≤ 0.9 × the highest NAV so far (the cash to start).
    const nav = (await read(a.equity.id)).getChild('nav')!.toArray() as Float64Array;
    let peak = 1_000_000;
    let trip = -1;
    for (let t = 0; t < nav.length && trip < 0; t++) {
      if (nav[t] > peak) peak = nav[t];
      if (nav[t] <= peak * 0.9) trip = t;
    }
    expect(Number(events[0].bar)).toBe(trip);
    const orders = refusals.filter((r) => r.kind === 'order');
    expect(orders.length).toBeGreaterThan(0);
    for (const o of orders) {
      expect(['max-position-weight', 'kill-switch']).toContain(o.rule);
      expect(o.allowed as number).toBeLessThan(o.requested as number);
      if (o.rule === 'kill-switch') expect(Number(o.bar)).toBeGreaterThan(trip);
    }
    // Flat from the trip on: the last positions are all zero.
    const positions = rows(await read(a.positions!.id));
    const lastTime = positions[positions.length - 1].timestamp;
    expect(positions.filter((p) => p.timestamp === lastTime).every((p) => p.units === 0)).toBe(true);
  });

  it('an infeasible cap fails the run naming optimizer, constraint and date, and stores no result', async () => {
    const bad = await openLab('infeasible', () => wasm);
    const before = (await bad.store.find()).length;
    const failed = await bad.run(spec(bad.hashes, { constraints: { longOnly: true, maxWeight: 0.2 } }));
    expect(failed.status).toBe('failed');
    expect(failed.results).toBeNull();
    expect(failed.error!.message).toMatch(/^portfolio construction at 2018-07-02: min-variance: .*\(constraint max-weight\)$/);
    expect((await bad.store.find()).length).toBe(before);
  });

  it('refuses bad portfolio and risk blocks with their JSON paths, storing no experiment', async () => {
    const bad = await openLab('refusals', () => wasm);
    const refused = async (raw: unknown) => {
      const e = await bad.create(raw).then(
        () => new Error('created'),
        (x: unknown) => x as Error,
      );
      expect(e).toBeInstanceOf(SpecValidationError);
      return e.message;
    };
    const s = spec(bad.hashes);
    expect(await refused({ ...s, strategy: 'sma-cross', params: { fast: 5, slow: 20 } })).toMatch(
      /spec\.portfolio: strategy sma-cross submits orders, not target weights/,
    );
    expect(await refused({ ...s, portfolio: { ...s.portfolio, optimizer: { name: 'best' } } })).toMatch(
      /spec\.portfolio\.optimizer\.name: expected one of/,
    );
    expect(await refused({ ...s, portfolio: { ...s.portfolio, rebalance: { rule: 'drift', threshold: 2 } } })).toMatch(
      /spec\.portfolio\.rebalance\.threshold: expected a fraction of NAV in \(0, 1\]/,
    );
    expect(
      await refused({ ...s, portfolio: { ...s.portfolio, constraints: { groups: { tech: { members: ['TEC1', 'TECX'], max: 0.3 } } } } }),
    ).toMatch(/spec\.portfolio\.constraints\.groups\.tech\.members\[1\]: "TECX" is not an input's name/);
    const { portfolio: _p, ...noPortfolio } = s;
    expect(await refused(noPortfolio)).toMatch(/spec\.risk\.scenarios: stress scenarios price the weights at the last rebalance/);
    expect(await refused({ ...s, risk: { var: { levels: [1.5] } } })).toMatch(
      /spec\.risk\.var\.levels\[0\]: expected a confidence level in \(0, 1\)/,
    );
    expect(await refused({ ...s, risk: { scenarios: [{ name: 'x', from: '2020-03-01', to: '2020-02-01' }] } })).toMatch(
      /spec\.risk\.scenarios\[0\]\.to: the range ends \(2020-02-01\) before it starts/,
    );
    expect(await bad.tracker.list()).toEqual([]);
  });
});
