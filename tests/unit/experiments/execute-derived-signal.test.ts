/**
 * A SQL signal that reads published labels (`labels_<id>`) declares them in the spec's `derived` field: GOOG
 * imported, triple-barrier labels published from it, the query joins them to `bars`. Checked with the CLI's adapters
 * (DuckDB-WASM in Node): the declared artifact is frozen, read, and recorded in the experiment's lineage; a `derived`
 * field changes the identity only when present (a spec without it keeps its pinned id); an undeclared view, a
 * missing declared artifact and one that is not labels/features are refused, naming the view or the artifact and
 * storing nothing.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeSqlSignals } from '../../../src/adapters/node/duckdb-sql-signals';
import { decodeBarsFile } from '../../../src/adapters/node/decode-bars-file';
import { DirArtifactStore } from '../../../src/adapters/node/dir-artifact-store';
import { DirExperimentTracker } from '../../../src/adapters/node/dir-experiment-tracker';
import { nodeCompatRunner } from '../../../src/adapters/node/engine-runners';
import { NodeParquetCodec } from '../../../src/adapters/node/node-parquet-codec';
import { readBarsBytes } from '../../../src/adapters/node/read-bars-file';
import type { ArtifactRecord } from '../../../src/core/artifacts/record';
import { experimentsUsing } from '../../../src/core/experiments/artifact-use';
import { derivedViewName } from '../../../src/core/experiments/derived-views';
import { SpecValidationError } from '../../../src/core/experiments/errors';
import { prepareSpec } from '../../../src/core/experiments/identity';
import { executeExperiment, type ExecuteExperimentDeps } from '../../../src/handlers/execute-experiment';
import { createExperiment } from '../../../src/handlers/experiments/create-experiment';
import { parquetBarsDecoder } from '../../../src/handlers/experiments/parquet-bars-decoder';
import { publishLabels } from '../../../src/handlers/features/publish-derived';
import { TRIPLE_BARRIER_DEFAULTS } from '../../../src/handlers/features/triple-barrier-table';
import { importArtifact } from '../../../src/handlers/import-artifact';
import { GOOG_HASH } from '../../helpers/goog-experiment';
import { sharedDataPath } from '../../helpers/shared-data';

const root = mkdtempSync(join(tmpdir(), 'quantlab-derived-signal-'));
const codec = new NodeParquetCodec();
let store: DirArtifactStore;
let tracker: DirExperimentTracker;
let deps: ExecuteExperimentDeps;
let goog: ArtifactRecord;
let labels: ArtifactRecord;
let labelEvents: readonly { t0: number; label: number }[];

/** Long the bar after a +1 label starts, short after a -1, flat otherwise: reads the labels by t0_time. */
const sqlOver = (view: string) =>
  `SELECT b.timestamp, COALESCE(lag(l.label) OVER (ORDER BY b.timestamp), 0) AS position FROM bars b LEFT JOIN ${view} l ON l.t0_time = b.timestamp`;

const spec = (sql: string, derived?: { contentHash: string; label?: string }[]) => ({
  specVersion: 1,
  profile: 'backtesting.py',
  strategy: 'sql-signal',
  params: { sql },
  inputs: [{ contentHash: GOOG_HASH, label: 'GOOG' }],
  ...(derived ? { derived } : {}),
});

const create = (raw: unknown) => createExperiment({ tracker, store, clock: deps.clock, appVersion: '0.1.0-test' }, raw);

beforeAll(async () => {
  let t = Date.UTC(2026, 0, 1);
  const clock = { now: () => (t += 1000) };
  store = await DirArtifactStore.open(join(root, 'lab'), { clock });
  tracker = await DirExperimentTracker.open(join(root, 'lab'));
  const imported = await importArtifact(
    { store, decode: decodeBarsFile, parquet: codec, appVersion: '0.1.0-test' },
    { name: 'GOOG.csv', bytes: new Uint8Array(readFileSync(sharedDataPath('GOOG.csv'))) },
  );
  if (imported.status === 'quarantined') throw new Error('GOOG was quarantined');
  goog = imported.record;
  const published = await publishLabels(
    {
      store,
      parquet: codec,
      appVersion: '0.1.0-test',
      bars: async (r) => readBarsBytes(`${r.id}.parquet`, await store.readBytes(r.id, { verify: true })),
    },
    goog,
    TRIPLE_BARRIER_DEFAULTS,
  );
  labels = published.record;
  labelEvents = published.labels.events;
  deps = {
    store,
    tracker,
    runner: await nodeCompatRunner(),
    decodeBars: parquetBarsDecoder(codec),
    parquet: codec,
    clock,
    appVersion: '0.1.0-test',
    session: 'test/derived',
    signals: new NodeSqlSignals(store, codec),
  };
}, 90_000);

afterAll(async () => {
  await tracker.close();
  await store.close();
  rmSync(root, { recursive: true, force: true });
});

describe('derived: the labels/features a SQL signal reads', { timeout: 90_000 }, () => {
  it('runs a declared labels artifact, records it in the lineage, and guards it against deletion', async () => {
    const view = derivedViewName('labels', labels.id);
    const { record } = await create(spec(sqlOver(view), [{ contentHash: labels.contentHash, label: 'GOOG labels' }]));
    const done = (await executeExperiment(deps, record.id)).record;
    expect(done.error).toBeNull();
    expect(done.status).toBe('done');
    expect(done.results!.inputs).toEqual([goog.id]);
    expect(done.results!.derived).toEqual([labels.id]);
    expect(experimentsUsing([done], labels.id)).toEqual([{ experimentId: done.id, label: null, status: 'done', role: 'input' }]);
    // The run traded on the labels: a position opens the bar after each labelled event.
    expect(labelEvents.filter((e) => e.label !== 0).length).toBeGreaterThan(20);
    expect(done.results!.summary.trades).toBeGreaterThan(10);
    const again = await executeExperiment(deps, record.id);
    expect(again.record.results!.resultHash).toBe(done.results!.resultHash);
  });

  it('is part of the identity only when present; its label is not', async () => {
    const sql = 'SELECT timestamp, 0 AS position FROM bars';
    const plain = await prepareSpec(spec(sql));
    const withDerived = await prepareSpec(spec(sql, [{ contentHash: labels.contentHash }]));
    const relabelled = await prepareSpec(spec(sql, [{ contentHash: labels.contentHash, label: 'other name' }]));
    expect(plain.spec).not.toHaveProperty('derived');
    expect(withDerived.id).not.toBe(plain.id);
    expect(relabelled.id).toBe(withDerived.id);
  });

  it('refuses a query naming a view the spec does not declare, naming the view and the field; stores nothing', async () => {
    const before = (await tracker.list()).length;
    const view = derivedViewName('labels', labels.id);
    const e = await create(spec(sqlOver(view))).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SpecValidationError);
    expect((e as SpecValidationError).problems).toEqual([
      {
        path: 'spec.derived',
        message: `the query reads ${view}, which is not declared: add {"contentHash": <contentHash of ${labels.id}>} to derived [rule: declared-derived]`,
      },
    ]);
    const other = { contentHash: 'a'.repeat(64) };
    await expect(create(spec(sqlOver(view), [other]))).rejects.toThrow(`the query reads ${view}, which is not declared`);
    await expect(create(spec('SELECT timestamp, 0 AS position FROM bars', []))).rejects.toThrow(/spec\.derived: expected a non-empty list/);
    await expect(create(spec('SELECT timestamp, 0 AS position FROM bars', [other, other]))).rejects.toThrow(
      /spec\.derived\[1\]\.contentHash: a+ is declared twice/,
    );
    expect((await tracker.list()).length).toBe(before);
  });

  it('refuses to run a declared artifact that is missing or is not labels/features, naming it; no results stored', async () => {
    const artifactsBefore = (await store.find()).length;
    const missingHash = `${'ab'.repeat(12)}${'0'.repeat(40)}`;
    const missingView = `labels_${missingHash.slice(0, 24)}`;
    const missing = await create(spec(sqlOver(missingView), [{ contentHash: missingHash, label: 'old labels' }]));
    const failed = (await executeExperiment(deps, missing.record.id)).record;
    expect(failed.status).toBe('failed');
    expect(failed.error!.message).toBe(
      `derived artifact old labels (${missingHash}) is not in the artifact store (no artifact has this contentHash); publish the labels or features first`,
    );
    const barsView = derivedViewName('labels', goog.id);
    const wrong = await create(spec(sqlOver(barsView), [{ contentHash: goog.contentHash }]));
    const refused = (await executeExperiment(deps, wrong.record.id)).record;
    expect(refused.status).toBe('failed');
    expect(refused.error!.message).toBe(
      `derived artifact ${goog.contentHash} is ${goog.id}, a ohlcv artifact; derived must name labels or features artifacts`,
    );
    expect((await store.find()).length).toBe(artifactsBefore);
  });

  it('the evaluator reads only the declared artifacts when given them', async () => {
    const view = derivedViewName('labels', labels.id);
    await expect(deps.signals!.evaluate({ artifact: goog, derived: [] }, sqlOver(view))).rejects.toThrow(
      `the query reads ${view}, which the spec does not declare: add the contentHash of ${labels.id} to derived`,
    );
  });
});
