/**
 * What the browser stores besides imported files, on a real directory store with the Node Parquet codec: the samples
 * as ohlcv artifacts (once), and run results as `results` artifacts made from the bars they ran on.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DirArtifactStore } from '../../../src/adapters/node/dir-artifact-store';
import { NodeParquetCodec } from '../../../src/adapters/node/node-parquet-codec';
import { readBarsBytes } from '../../../src/adapters/node/read-bars-file';
import { ArtifactInUseError } from '../../../src/core/artifacts/errors';
import { ohlcvContentHash } from '../../../src/core/artifacts/content-hash';
import { generateSample, sampleInstruments } from '../../../src/core/sample';
import { ensureSampleArtifacts, SAMPLE_TAG } from '../../../src/handlers/ensure-sample-artifacts';
import { EQUITY_CURVE_SCHEMA, publishRunResult } from '../../../src/handlers/publish-run-result';
import { steppingClock } from '../../shared/artifact-fixtures';

const root = mkdtempSync(join(tmpdir(), 'quantlab-run-artifacts-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const parquet = new NodeParquetCodec();
const samples = { list: sampleInstruments, generate: generateSample };

async function openStore(): Promise<DirArtifactStore> {
  return DirArtifactStore.open(join(root, `store-${++n}`), { clock: steppingClock() });
}

describe('ensureSampleArtifacts', () => {
  it('stores every sample once, tagged sample, readable back as the same bars', async () => {
    const store = await openStore();
    const first = await ensureSampleArtifacts({ store, parquet, appVersion: 'test', samples });
    expect([...first.keys()]).toEqual(sampleInstruments().map((s) => s.id));
    for (const [id, record] of first) {
      expect(record).toMatchObject({ kind: 'ohlcv', instruments: [id], tags: [SAMPLE_TAG], inputs: [] });
      expect(record.provenance.sourceFileName).toBeNull();
      const back = await readBarsBytes(`${id}.parquet`, await store.readBytes(record.id, { verify: true }));
      expect(await ohlcvContentHash(back)).toBe(record.contentHash);
    }
    const again = await ensureSampleArtifacts({ store, parquet, appVersion: 'test', samples });
    expect([...again.values()]).toEqual([...first.values()]);
    expect((await store.find()).length).toBe(first.size);
    await store.close();
  });
});

describe('publishRunResult', () => {
  it('a results artifact whose input is the bars: lineage both ways, and the bars cannot be deleted under it', async () => {
    const store = await openStore();
    const bars = (await ensureSampleArtifacts({ store, parquet, appVersion: 'test', samples })).get('synth-trend-equity')!;
    const table = generateSample('synth-trend-equity');
    const equity = Float64Array.from(table.close, (c) => c * 10);
    const { record, created } = await publishRunResult(
      { store, parquet, appVersion: 'test' },
      { bars, timestamps: table.timestamp, equity, tags: ['run', 'sma-cross'] },
    );
    expect(created).toBe(true);
    expect(record).toMatchObject({
      kind: 'results',
      schema: EQUITY_CURVE_SCHEMA,
      rowCount: table.timestamp.length,
      instruments: bars.instruments,
      interval: bars.interval,
      inputs: [bars.id],
      tags: ['equity', 'run', 'sma-cross'],
      timeRange: bars.timeRange,
    });
    expect((await store.lineage(record.id, 'up')).map((r) => r.id)).toEqual([bars.id]);
    expect((await store.lineage(bars.id, 'down')).map((r) => r.id)).toEqual([record.id]);
    await expect(store.delete(bars.id)).rejects.toBeInstanceOf(ArtifactInUseError);

    const again = await publishRunResult({ store, parquet, appVersion: 'test' }, { bars, timestamps: table.timestamp, equity, tags: ['other'] });
    expect(again).toEqual({ record, created: false });
    await store.close();
  });

  it('the same flat curve on two instruments with one calendar is two artifacts, each made from its own bars', async () => {
    const store = await openStore();
    const records = await ensureSampleArtifacts({ store, parquet, appVersion: 'test', samples });
    const trend = records.get('synth-trend-equity')!;
    const range = records.get('synth-range-equity')!;
    const timestamps = generateSample('synth-trend-equity').timestamp;
    expect(generateSample('synth-range-equity').timestamp).toEqual(timestamps);
    const flat = new Float64Array(timestamps.length).fill(10_000);
    const a = await publishRunResult({ store, parquet, appVersion: 'test' }, { bars: trend, timestamps, equity: flat, tags: [] });
    const b = await publishRunResult({ store, parquet, appVersion: 'test' }, { bars: range, timestamps, equity: flat, tags: [] });
    expect(a.record.id).not.toBe(b.record.id);
    expect(a.record.inputs).toEqual([trend.id]);
    expect(b.record.inputs).toEqual([range.id]);
    await store.close();
  });

  it('refuses a curve that does not match the bars', async () => {
    const store = await openStore();
    const bars = (await ensureSampleArtifacts({ store, parquet, appVersion: 'test', samples })).get('synth-fx-hourly')!;
    await expect(
      publishRunResult({ store, parquet, appVersion: 'test' }, { bars, timestamps: new Float64Array(3), equity: new Float64Array(2), tags: [] }),
    ).rejects.toThrow(/2 points for 3 bars/);
    await store.close();
  });
});
