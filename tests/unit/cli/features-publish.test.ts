/**
 * `--publish`: features and labels stored as `features` / `labels` artifacts with lineage to the bars (imported from
 * the files first, with the ids `artifacts import` gives them), republishing reuses the artifact, the bars cannot be
 * deleted while derived artifacts exist, and the stored Parquet reads back in DuckDB-WASM as the same table.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBBindings } from '@duckdb/duckdb-wasm/blocking';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirArtifactStore } from '../../../src/adapters/node/dir-artifact-store';
import { NodeParquetCodec } from '../../../src/adapters/node/node-parquet-codec';
import { cliJson, runCli } from '../../helpers/cli-run';
import { startNodeDuckDB } from '../../helpers/node-duckdb';
import { sharedDataPath } from '../../helpers/shared-data';

const UNIVERSE = sharedDataPath('universe12');
const root = mkdtempSync(join(tmpdir(), 'quantlab-publish-'));
const store = join(root, 'store');
let db: DuckDBBindings;
beforeAll(async () => {
  db = await startNodeDuckDB();
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Artifact {
  id: string;
  kind: string;
  created: boolean;
  inputs: string[];
}

/** The stored Parquet of `id`, as a DuckDB table named `t`. */
async function inDuckDB(id: string) {
  const s = await DirArtifactStore.open(store);
  const bytes = await s.readBytes(id, { verify: true });
  await s.close();
  const conn = db.connect();
  conn.query('DROP TABLE IF EXISTS t');
  conn.insertArrowFromIPCStream(await new NodeParquetCodec().toArrowIpc(bytes), { name: 't', create: true });
  return conn;
}

describe('labels triple-barrier --publish', () => {
  it('stores the labels with the bars as their lineage, queryable with SQL', async () => {
    const args = ['labels', 'triple-barrier', '--data', join(UNIVERSE, 'TEC1.csv'), '--publish', '--store', store];
    const out = await cliJson<{
      artifact: Artifact;
      events: Array<{ t0: number; t1: number; label: number; ret: number }>;
      counts: Record<string, number>;
    }>(args);
    const bars = await cliJson<{ results: Array<{ id: string }> }>(['artifacts', 'import', join(UNIVERSE, 'TEC1.csv'), '--store', store]);
    expect(out.artifact.kind).toBe('labels');
    expect(out.artifact.created).toBe(true);
    expect(out.artifact.inputs).toEqual([bars.results[0].id]);
    const lineage = await cliJson<{ down: Array<{ depth: number; artifact: { id: string; kind: string } }> }>([
      'artifacts',
      'lineage',
      bars.results[0].id,
      '--down',
      '--store',
      store,
    ]);
    expect(lineage.down.map((r) => [r.depth, r.artifact.id, r.artifact.kind])).toEqual([[1, out.artifact.id, 'labels']]);

    const conn = await inDuckDB(out.artifact.id);
    const byLabel = conn
      .query('SELECT label::INTEGER AS label, count(*)::INTEGER AS n FROM t GROUP BY label ORDER BY label')
      .toArray()
      .map((r) => [r.label, r.n]);
    expect(byLabel).toEqual([
      [-1, out.counts['-1']],
      [0, out.counts['0']],
      [1, out.counts['1']],
    ]);
    const row = conn.query('SELECT t1::INTEGER AS t1, epoch_ms(t1_time)::DOUBLE AS ms, touch, ret FROM t WHERE t0 = 160').toArray()[0];
    // Event at bar 160 of the worked case: stopped out at bar 170 (2018-08-27).
    expect([row.t1, row.ms, row.touch]).toEqual([170, Date.UTC(2018, 7, 27), 'lower']);
    expect(row.ret).toBe(out.events.find((e) => e.t0 === 160)!.ret);
    conn.close();

    const again = await cliJson<{ artifact: Artifact }>(args);
    expect(again.artifact).toEqual({ ...out.artifact, created: false });
  });

  it('keeps the bars while labels made from them exist', async () => {
    const bars = await cliJson<{ results: Array<{ id: string }> }>(['artifacts', 'import', join(UNIVERSE, 'TEC1.csv'), '--store', store]);
    const labels = await cliJson<{ artifact: Artifact }>([
      'labels',
      'triple-barrier',
      '--data',
      join(UNIVERSE, 'TEC1.csv'),
      '--publish',
      '--store',
      store,
    ]);
    const r = await runCli(['artifacts', 'delete', bars.results[0].id, '--store', store]);
    expect(r.error?.message).toMatch(new RegExp(`cannot delete ${bars.results[0].id}: .*\\(${labels.artifact.id}\\)`));
    expect((await cliJson<{ artifact: { id: string } }>(['artifacts', 'get', bars.results[0].id, '--store', store])).artifact.id).toBe(
      bars.results[0].id,
    );
  });
});

describe('features --publish', () => {
  it('pairs: a features artifact made from y and x, in that order', async () => {
    const out = await cliJson<{ artifact: Artifact; z: number[]; beta: number }>([
      'features',
      'pairs',
      '--data',
      UNIVERSE,
      '--y',
      'FIN2',
      '--x',
      'FIN4',
      '--window',
      '120',
      '--publish',
      '--store',
      store,
    ]);
    const ids = await cliJson<{ results: Array<{ id: string }> }>([
      'artifacts',
      'import',
      join(UNIVERSE, 'FIN2.csv'),
      join(UNIVERSE, 'FIN4.csv'),
      '--store',
      store,
    ]);
    expect(out.artifact.kind).toBe('features');
    expect(out.artifact.inputs).toEqual(ids.results.map((r) => r.id));
    const conn = await inDuckDB(out.artifact.id);
    const z = conn
      .query('SELECT z FROM t ORDER BY timestamp')
      .toArray()
      .map((r) => r.z as number);
    expect(z).toEqual(out.z);
    expect(
      conn
        .query('SELECT DISTINCT beta FROM t')
        .toArray()
        .map((r) => r.beta),
    ).toEqual([out.beta]);
    conn.close();
  });

  it('momentum: one row per instrument, made from all twelve', async () => {
    const out = await cliJson<{ artifact: Artifact; rank: Record<string, number> }>([
      'features',
      'momentum',
      '--data',
      UNIVERSE,
      '--at',
      '2019-02-25',
      '--publish',
      '--store',
      store,
    ]);
    expect(out.artifact.inputs).toHaveLength(12);
    const conn = await inDuckDB(out.artifact.id);
    const top = conn
      .query('SELECT instrument FROM t WHERE rank <= 3 ORDER BY rank')
      .toArray()
      .map((r) => r.instrument);
    expect(top).toEqual(['TEC4', 'TEC2', 'NRG2']);
    conn.close();
  });
});
