/** The sample universe stored on demand: 24 ohlcv artifacts in one batch, once, beside the start's samples. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DirArtifactStore } from '../../../src/adapters/node/dir-artifact-store';
import { NodeParquetCodec } from '../../../src/adapters/node/node-parquet-codec';
import { readBarsBytes } from '../../../src/adapters/node/read-bars-file';
import { ohlcvContentHash } from '../../../src/core/artifacts/content-hash';
import { generateSample, sampleInstruments, sampleUniverseMembers } from '../../../src/core/sample';
import { SAMPLE_TAG, SAMPLE_UNIVERSE_TAG } from '../../../src/core/sample/tag';
import { ensureSampleArtifacts } from '../../../src/handlers/ensure-sample-artifacts';
import { ensureSampleUniverse } from '../../../src/handlers/ensure-sample-universe';
import { steppingClock } from '../../shared/artifact-fixtures';

const root = mkdtempSync(join(tmpdir(), 'quantlab-sample-universe-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const parquet = new NodeParquetCodec();

describe('ensureSampleUniverse', () => {
  it('stores the 24 members once, tagged sample-universe, daily, beside the four samples', async () => {
    const store = await DirArtifactStore.open(join(root, 'store'), { clock: steppingClock() });
    const samples = await ensureSampleArtifacts({
      store,
      parquet,
      appVersion: 'test',
      samples: { list: sampleInstruments, generate: generateSample },
    });
    const first = await ensureSampleUniverse({ store, parquet, appVersion: 'test' });
    expect(first.map((r) => r.instruments[0])).toEqual(sampleUniverseMembers().map((m) => m.id));
    for (const record of first) {
      expect(record).toMatchObject({ kind: 'ohlcv', interval: '1d', tags: [SAMPLE_UNIVERSE_TAG], inputs: [], rowCount: 2610 });
      expect(record.provenance.sourceFileName).toBeNull();
    }
    // Read back from the stored Parquet: the bars the generator made (hash pinned in tests/unit/sample/universe.test.ts).
    const techA = first[0];
    const back = await readBarsBytes('tech-a.parquet', await store.readBytes(techA.id, { verify: true }));
    expect(await ohlcvContentHash(back)).toBe('40eb75314747745606e61f0ecd8ccaeb6203c15176ce8bdbb32d5f954e9af8d2');
    expect(techA.contentHash).toBe('40eb75314747745606e61f0ecd8ccaeb6203c15176ce8bdbb32d5f954e9af8d2');

    const again = await ensureSampleUniverse({ store, parquet, appVersion: 'test' });
    expect(again).toEqual(first);
    expect((await store.find()).length).toBe(samples.size + 24);
    expect((await store.find({ tag: SAMPLE_TAG })).length).toBe(samples.size);
    expect((await store.find({ tag: SAMPLE_UNIVERSE_TAG })).length).toBe(24);
    await store.close();
  });
});
