/**
 * executeExperiment on real data, with the Node adapters: GOOG (../shared/data) imported through the import
 * handler, metrics.md's visible case (sma-cross 10/20, commission 0.002, exclusive orders) run by the WASM engine,
 * results published as Parquet artifacts and read back.
 *
 * Pinned values. The resultHash is SHA-256 of "quantlab/experiment-result/v1\n" + "<role>=<contentHash>\n" for
 * equity, trades, fills, metrics; each contentHash is SHA-256 of a table's canonical encoding (values only: not
 * Parquet bytes, paths, clocks or the engine build hash), so it is the same on every machine — it is recomputed
 * here from the four contentHashes with node:crypto, and reproduced in a second, separate store.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC, type Table } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBarsFile } from '../../../src/adapters/node/decode-bars-file';
import { DirArtifactStore } from '../../../src/adapters/node/dir-artifact-store';
import { DirExperimentTracker } from '../../../src/adapters/node/dir-experiment-tracker';
import { nodeCompatRunner } from '../../../src/adapters/node/engine-runners';
import { NodeParquetCodec } from '../../../src/adapters/node/node-parquet-codec';
import { ExperimentTransitionError } from '../../../src/core/experiments/errors';
import type { ExperimentRecord } from '../../../src/core/experiments/record';
import {
  compatStatsFromMetrics,
  EQUITY_TABLE_SCHEMA,
  FILLS_TABLE_SCHEMA,
  METRICS_TABLE_SCHEMA,
  TRADES_TABLE_SCHEMA,
} from '../../../src/core/experiments/result-tables';
import { COMPAT_STATS_KEYS } from '../../../src/core/stats/types';
import { executeExperiment, type ExecuteExperimentDeps } from '../../../src/handlers/execute-experiment';
import { createExperiment } from '../../../src/handlers/experiments/create-experiment';
import { parquetBarsDecoder } from '../../../src/handlers/experiments/parquet-bars-decoder';
import { readMetricsRows } from '../../../src/handlers/experiments/read-metrics';
import { importArtifact } from '../../../src/handlers/import-artifact';
import type { ArtifactStore, Clock } from '../../../src/ports/artifact-store';
import type { CompatRunner } from '../../../src/ports/compat-runner';
import { GOOG_SMA_10_20_FIRST_TRADES, GOOG_SMA_10_20_LAST_EQUITY, GOOG_SMA_10_20_STATS } from '../../helpers/goog-golden';
import { sharedDataPath } from '../../helpers/shared-data';
import { GOOG_HASH } from '../../helpers/goog-experiment';

const GOOG_ID = 'art_f2e4b64306bd2b8ab341951c';
const EXPERIMENT_ID = 'exp_99c61648f98d6fec74bccb88';
const PINNED = {
  resultHash: '09528be8afd1884cd397730e30c8bd93fba75b6a2ff7675eecfbcf931a940786',
  equity: '53212b36b20b26015a65a2976fe1633c4a0b59965865a66078ae7b9623475f14',
  trades: 'f0f7eccc4d91aa4c345f30d3d9be90ff19d6afe3cabd41e4436bab6ab3594143',
  fills: '2d0ee69dd9d10bcf9c079998237b7c6cba5382eb3b23e92efe45e26915328285',
  metrics: '605e88f460163dd8fd48557396129cf69b7e4c94a4f2da8bdafcee4959115355',
};

const SPEC = {
  specVersion: 1,
  profile: 'backtesting.py',
  strategy: 'sma-cross',
  params: { fast: 10, slow: 20 },
  inputs: [{ contentHash: GOOG_HASH, label: 'GOOG' }],
  broker: { cash: 10_000, exclusiveOrders: true },
  costs: { commission: { relative: 0.002 } },
};

const root = mkdtempSync(join(tmpdir(), 'quantlab-execute-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const codec = new NodeParquetCodec();

function clockFrom(startMs: number): Clock {
  let t = startMs;
  return { now: () => (t += 1000) };
}

interface Lab {
  store: DirArtifactStore;
  tracker: DirExperimentTracker;
  deps: ExecuteExperimentDeps;
}

let runner: CompatRunner;
const labs: Lab[] = [];

async function openLab(name: string, clock: Clock, withRunner?: CompatRunner): Promise<Lab> {
  const dir = join(root, name);
  const store = await DirArtifactStore.open(dir, { clock });
  const tracker = await DirExperimentTracker.open(dir);
  const lab = {
    store,
    tracker,
    deps: {
      store,
      tracker,
      runner: withRunner ?? runner,
      decodeBars: parquetBarsDecoder(codec),
      parquet: codec,
      clock,
      appVersion: '0.1.0-test',
      session: `test/${name}`,
    },
  };
  labs.push(lab);
  return lab;
}

async function importFile(store: ArtifactStore, name: string, bytes: Uint8Array) {
  return importArtifact({ store, decode: decodeBarsFile, parquet: codec, appVersion: '0.1.0-test' }, { name, bytes });
}

async function importGoog(store: ArtifactStore): Promise<void> {
  const outcome = await importFile(store, 'GOOG.csv', new Uint8Array(readFileSync(sharedDataPath('GOOG.csv'))));
  if (outcome.status === 'quarantined') throw new Error('GOOG was quarantined');
  expect(outcome.record.id).toBe(GOOG_ID);
}

async function createAndExecute(lab: Lab, spec: unknown = SPEC, deps: Partial<ExecuteExperimentDeps> = {}) {
  const { record } = await createExperiment({ tracker: lab.tracker, store: lab.store, clock: lab.deps.clock, appVersion: '0.1.0-test' }, spec);
  return executeExperiment({ ...lab.deps, ...deps }, record.id);
}

async function readTable(store: ArtifactStore, id: string): Promise<Table> {
  return tableFromIPC(await codec.toArrowIpc(await store.readBytes(id, { verify: true })));
}

const rel = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));

beforeAll(async () => {
  runner = await nodeCompatRunner();
}, 60_000);

afterAll(async () => {
  for (const lab of labs) {
    await lab.tracker.close();
    await lab.store.close();
  }
});

describe('executeExperiment: GOOG, sma-cross 10/20 (metrics.md visible case)', { timeout: 60_000 }, () => {
  let lab: Lab;
  let done: ExperimentRecord;
  let stored: number;

  beforeAll(async () => {
    lab = await openLab('main', clockFrom(Date.UTC(2026, 0, 1)));
    await importGoog(lab.store);
    const outcome = await createAndExecute(lab);
    done = outcome.record;
    stored = outcome.storedArtifacts;
  }, 60_000);

  it('ends done, with provenance from the clock and the engine build', () => {
    expect(done.id).toBe(EXPERIMENT_ID);
    expect(done).toMatchObject({ status: 'done', attempts: 1, error: null, session: null });
    expect(done.provenance.engineBuildHash).toBe(runner.engineBuildHash);
    expect(runner.engineBuildHash).toMatch(/^[0-9a-f]{64}$/);
    expect(done.provenance.createdAt < done.provenance.startedAt!).toBe(true);
    expect(done.provenance.startedAt! < done.provenance.finishedAt!).toBe(true);
    expect(done.history.map((h) => h.status)).toEqual(['draft', 'queued', 'running', 'done']);
    expect(done.results!.inputs).toEqual([GOOG_ID]);
    expect(done.results!.summary).toMatchObject({ trades: 93, return_pct: GOOG_SMA_10_20_STATS.return_pct });
    expect(stored).toBe(4);
  });

  it('pins the resultHash: SHA-256 of the documented text over the four contentHashes', () => {
    const r = done.results!;
    expect(r.artifacts.equity.contentHash).toBe(PINNED.equity);
    expect(r.artifacts.trades.contentHash).toBe(PINNED.trades);
    expect(r.artifacts.fills.contentHash).toBe(PINNED.fills);
    expect(r.artifacts.metrics.contentHash).toBe(PINNED.metrics);
    const text = `quantlab/experiment-result/v1\nequity=${PINNED.equity}\ntrades=${PINNED.trades}\nfills=${PINNED.fills}\nmetrics=${PINNED.metrics}\n`;
    expect(createHash('sha256').update(text, 'utf8').digest('hex')).toBe(PINNED.resultHash);
    expect(r.resultHash).toBe(PINNED.resultHash);
  });

  it('publishes four results artifacts with lineage to GOOG and the experiment in their tags', async () => {
    const r = done.results!;
    const expectations = [
      ['equity', EQUITY_TABLE_SCHEMA, 2148],
      ['trades', TRADES_TABLE_SCHEMA, 93],
      ['fills', FILLS_TABLE_SCHEMA, 93 * 2 + 1],
      ['metrics', METRICS_TABLE_SCHEMA, r.artifacts.metrics.rowCount],
    ] as const;
    for (const [role, schema, rows] of expectations) {
      const record = (await lab.store.get(r.artifacts[role].id))!;
      expect(record, role).toBeDefined();
      expect(record.kind).toBe('results');
      expect(record.inputs).toEqual([GOOG_ID]);
      expect(record.tags).toEqual([role, `experiment:${EXPERIMENT_ID}`, 'strategy:sma-cross'].sort());
      expect(record.schema).toEqual(schema);
      expect(record.rowCount).toBe(rows);
      expect(record.instruments).toEqual(['GOOG']);
      expect(record.interval).toBe('1d');
      expect(record.provenance).toEqual({ sourceFileName: null, sourceFileHash: null, appVersion: '0.1.0-test' });
    }
    const downstream = (await lab.store.lineage(GOOG_ID, 'down')).map((x) => x.id).sort();
    expect(downstream).toEqual(
      Object.values(r.artifacts)
        .map((a) => a.id)
        .sort(),
    );
    expect((await lab.store.find({ tag: `experiment:${EXPERIMENT_ID}` })).length).toBe(4);
  });

  it("the metrics artifact holds metrics.md's golden statistics, the extended report, and names its experiment", async () => {
    const rows = await readMetricsRows(lab.store, codec, done.results!.artifacts.metrics.id);
    const stats = compatStatsFromMetrics(rows);
    for (const key of COMPAT_STATS_KEYS) {
      const want = GOOG_SMA_10_20_STATS[key];
      const got = stats[key];
      if (
        typeof want === 'number' &&
        typeof got === 'number' &&
        ![
          'trades',
          'duration_days',
          'max_drawdown_duration_days',
          'avg_drawdown_duration_days',
          'max_trade_duration_days',
          'avg_trade_duration_days',
        ].includes(key)
      ) {
        expect(rel(got, want), key).toBeLessThanOrEqual(1e-6);
      } else {
        expect(got, key).toEqual(want);
      }
    }
    const at = (section: string, key: string) => rows.find((r) => r.section === section && r.key === key);
    expect(at('experiment', 'id')?.text).toBe(EXPERIMENT_ID);
    expect(at('experiment', 'spec_hash')?.text).toBe(done.specHash);
    expect(at('inputs', '0.artifact')?.text).toBe(GOOG_ID);
    expect(at('inputs', '0.contentHash')?.text).toBe(GOOG_HASH);
    expect(at('tables', 'trades')).toEqual({ section: 'tables', key: 'trades', value: 93, text: PINNED.trades });
    expect(at('report', 'annualization_factor')?.value).toBe(252);
    expect(at('report', 'daily_return_count')?.value).toBe(2147);
    expect(rows.filter((r) => r.section === 'monthly_returns').length).toBeGreaterThan(100);
    expect(at('monthly_returns', '2004-08')?.value).toEqual(expect.any(Number));
    expect(at('run', 'open_trades')?.value).toBe(1);
    expect(at('run', 'first_trading_bar')?.value).toBe(19);
  });

  it('the equity and trades artifacts read back as the golden curve and trades', async () => {
    const equity = await readTable(lab.store, done.results!.artifacts.equity.id);
    expect(equity.schema.fields.map((f) => `${f.name}:${String(f.type)}`)).toEqual([
      'timestamp:Timestamp<MILLISECOND, UTC>',
      'equity:Float64',
      'drawdown:Float64',
    ]);
    const e = equity.getChild('equity')!.toArray() as Float64Array;
    GOOG_SMA_10_20_LAST_EQUITY.forEach((v, k) => expect(rel(e[e.length - 5 + k], v)).toBeLessThanOrEqual(1e-9));
    const dd = equity.getChild('drawdown')!.toArray() as Float64Array;
    expect(Math.max(...dd)).toBeCloseTo(-GOOG_SMA_10_20_STATS.max_drawdown_pct! / 100, 12);
    expect(Math.min(...dd)).toBe(0);

    const trades = await readTable(lab.store, done.results!.artifacts.trades.id);
    expect(trades.schema.fields.map((f) => f.name)).toEqual(TRADES_TABLE_SCHEMA.map((c) => c.name));
    expect(trades.schema.fields.filter((f) => f.nullable).map((f) => f.name)).toEqual(['sl', 'tp', 'tag']);
    GOOG_SMA_10_20_FIRST_TRADES.forEach(([size, entryBar, exitBar, entryPrice, exitPrice, pnl], k) => {
      const row = trades.get(k)!.toJSON() as Record<string, unknown>;
      expect([row.size, Number(row.entryBar), Number(row.exitBar), row.entryPrice, row.exitPrice]).toEqual([
        size,
        entryBar,
        exitBar,
        entryPrice,
        exitPrice,
      ]);
      expect(rel(row.pnl as number, pnl)).toBeLessThanOrEqual(1e-9);
      expect([row.sl, row.tp, row.tag]).toEqual([null, null, null]);
    });

    const fills = await readTable(lab.store, done.results!.artifacts.fills.id);
    const first = [0, 1, 2].map((i) => fills.get(i)!.toJSON() as Record<string, unknown>);
    expect(first.map((f) => [Number(f.trade), f.leg, Number(f.bar), f.size, f.price, f.closed])).toEqual([
      [0, 'entry', 63, -59, 169.02, true],
      [0, 'exit', 75, 59, 179.13, true],
      [1, 'entry', 75, 52, 179.13, true],
    ]);
    const last = fills.get(fills.numRows - 1)!.toJSON() as Record<string, unknown>;
    expect([Number(last.trade), last.leg, last.closed]).toEqual([93, 'entry', false]);
  });

  it('executing again reproduces the resultHash and stores nothing new', async () => {
    const before = (await lab.store.usage()).artifacts;
    const again = await executeExperiment(lab.deps, EXPERIMENT_ID);
    expect(again.record.status).toBe('done');
    expect(again.record.attempts).toBe(2);
    expect(again.record.results!.resultHash).toBe(PINNED.resultHash);
    expect(again.record.results!.artifacts).toEqual(done.results!.artifacts);
    expect(again.storedArtifacts).toBe(0);
    expect((await lab.store.usage()).artifacts).toBe(before);
  });

  it('a separate store, with its own clock, gets the same experiment id, artifact ids and resultHash', async () => {
    const other = await openLab('other', clockFrom(Date.UTC(2031, 5, 15)));
    await importGoog(other.store);
    const outcome = await createAndExecute(other, { ...SPEC, label: 'GOOG again', inputs: [{ contentHash: GOOG_HASH }] });
    expect(outcome.record.id).toBe(EXPERIMENT_ID);
    expect(outcome.record.results!.resultHash).toBe(PINNED.resultHash);
    expect(outcome.record.results!.artifacts).toEqual(done.results!.artifacts);
    expect(outcome.record.provenance.createdAt.startsWith('2031-06-15')).toBe(true);
  });

  it('refuses to start an attempt while one is running, and changes nothing', async () => {
    const prepared = await createExperiment({ tracker: lab.tracker, clock: lab.deps.clock, appVersion: 'x' }, { ...SPEC, seed: 41 });
    await lab.tracker.transition(prepared.record.id, 'queued', { at: lab.deps.clock.now(), session: 'elsewhere' });
    const running = await lab.tracker.transition(prepared.record.id, 'running', {
      at: lab.deps.clock.now(),
      engineBuildHash: runner.engineBuildHash,
    });
    await expect(executeExperiment(lab.deps, prepared.record.id)).rejects.toThrow(ExperimentTransitionError);
    expect(await lab.tracker.get(prepared.record.id)).toEqual(running);
  });
});

describe('executeExperiment: failures', { timeout: 60_000 }, () => {
  let lab: Lab;

  beforeAll(async () => {
    lab = await openLab('failures', clockFrom(Date.UTC(2026, 2, 1)));
    await importGoog(lab.store);
  }, 60_000);

  it('an engine failure ends the attempt as failed with its message; executing again succeeds', async () => {
    const broken: CompatRunner = {
      engineBuildHash: runner.engineBuildHash,
      run: async () => {
        throw new RangeError('engine ran out of memory at bar 1234');
      },
    };
    const failed = await createAndExecute(lab, { ...SPEC, seed: 7 }, { runner: broken });
    expect(failed.record).toMatchObject({
      status: 'failed',
      results: null,
      attempts: 1,
      error: { name: 'RangeError', message: 'engine ran out of memory at bar 1234' },
    });
    expect(failed.record.provenance.finishedAt).not.toBeNull();
    const retried = await executeExperiment(lab.deps, failed.record.id);
    expect(retried.record).toMatchObject({ status: 'done', attempts: 2, error: null });
    expect(retried.record.history.map((h) => h.status)).toEqual(['draft', 'queued', 'running', 'failed', 'queued', 'running', 'done']);
  });

  it('refuses a quarantined input: the attempt fails before it runs, naming the file', async () => {
    const bad = new TextEncoder().encode('Date,Open,High,Low,Close,Volume\n2024-01-02,10,9,8,9.5,100\n');
    const outcome = await importFile(lab.store, 'BAD.csv', bad);
    if (outcome.status !== 'quarantined') throw new Error('expected BAD.csv to be quarantined');
    const result = await createAndExecute(lab, { ...SPEC, inputs: [{ contentHash: outcome.entry.fileHash, label: 'BAD' }] });
    expect(result.record.status).toBe('failed');
    expect(result.record.attempts).toBe(0);
    expect(result.record.error?.name).toBe('InputRefusedError');
    expect(result.record.error?.message).toBe(
      `input BAD (${outcome.entry.fileHash}) is the quarantined file BAD.csv (${outcome.entry.id}): quarantined files are never used as data; fix the file and import it again`,
    );
    expect(result.record.history.map((h) => h.status)).toEqual(['draft', 'queued', 'failed']);
  });

  it('refuses a missing input and an input that is not bars', async () => {
    const missing = await createAndExecute(lab, { ...SPEC, inputs: [{ contentHash: 'ab'.repeat(32) }] });
    expect(missing.record.error?.message).toBe(
      `input ${'ab'.repeat(32)} is not in the artifact store (no artifact has this contentHash); import it first`,
    );
    const done = await createAndExecute(lab);
    const equity = done.record.results!.artifacts.equity;
    const wrong = await createAndExecute(lab, { ...SPEC, inputs: [{ contentHash: equity.contentHash }] });
    expect(wrong.record.error?.message).toBe(
      `input ${equity.contentHash} is ${equity.id}, a results artifact; the backtesting.py profile reads ohlcv bars`,
    );
  });

  it('a run without trades publishes empty trades and fills tables', async () => {
    const quiet = await createAndExecute(lab, { ...SPEC, strategy: 'momentum', params: { lookback: 5, threshold: 50 } });
    expect(quiet.record.status).toBe('done');
    expect(quiet.record.results!.artifacts.trades.rowCount).toBe(0);
    expect(quiet.record.results!.artifacts.fills.rowCount).toBe(0);
    expect(quiet.record.results!.summary.trades).toBe(0);
    expect((await readTable(lab.store, quiet.record.results!.artifacts.trades.id)).numRows).toBe(0);
  });

  it('losing the race to start leaves the winning session’s attempt alone', async () => {
    const { record } = await createExperiment({ tracker: lab.tracker, clock: lab.deps.clock, appVersion: 'x' }, { ...SPEC, seed: 123 });
    // Another session starts the attempt between our freeze and our start.
    const racing = Object.create(lab.tracker) as DirExperimentTracker;
    racing.transition = async (id, to, options) => {
      if (to === 'running')
        await lab.tracker.transition(id, 'running', { at: options.at, session: 'other-tab', engineBuildHash: runner.engineBuildHash });
      return lab.tracker.transition(id, to, options);
    };
    await expect(executeExperiment({ ...lab.deps, tracker: racing }, record.id)).rejects.toThrow(/it is running, expected queued/);
    expect(await lab.tracker.get(record.id)).toMatchObject({ status: 'running', session: 'other-tab', attempts: 1 });
  });

  it('an abort ends the attempt as cancelled', async () => {
    const controller = new AbortController();
    const { record } = await createExperiment({ tracker: lab.tracker, clock: lab.deps.clock, appVersion: 'x' }, { ...SPEC, seed: 99 });
    const outcome = await executeExperiment(lab.deps, record.id, {
      signal: controller.signal,
      onStage: (stage) => {
        if (stage === 'running') controller.abort(new Error('stopped by the user'));
      },
    });
    expect(outcome.record).toMatchObject({
      status: 'cancelled',
      results: null,
      error: { name: 'ExperimentCancelledError', message: 'stopped by the user' },
    });
  });
});
