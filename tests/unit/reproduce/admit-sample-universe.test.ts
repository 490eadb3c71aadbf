/**
 * "Use the sample universe" in the reproduce panel: for a run made on sample universe members, the members the run
 * names by contentHash are generated and stored as the universe picker stores them (same record), and nothing else;
 * an input that only carries a member's name is not matched.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DirArtifactStore } from '../../../src/adapters/node/dir-artifact-store';
import { NodeParquetCodec } from '../../../src/adapters/node/node-parquet-codec';
import { ohlcvContentHash } from '../../../src/core/artifacts/content-hash';
import { simulateSampleUniverse } from '../../../src/core/sample';
import { SAMPLE_UNIVERSE_TAG } from '../../../src/core/sample/tag';
import { ensureSampleUniverse } from '../../../src/handlers/ensure-sample-universe';
import { admitSampleUniverse, mentionsSampleUniverse } from '../../../src/handlers/reproduce/admit-sample-universe';
import { steppingClock } from '../../shared/artifact-fixtures';

const root = mkdtempSync(join(tmpdir(), 'quantlab-admit-sample-universe-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const parquet = new NodeParquetCodec();

async function hashOf(id: string): Promise<string> {
  const member = simulateSampleUniverse().members.find((m) => m.id === id);
  if (!member) throw new Error(id);
  return ohlcvContentHash(member.bars);
}

describe('admitSampleUniverse', () => {
  it('stores exactly the members the run names by contentHash, as the picker would', async () => {
    const other = 'ab'.repeat(32);
    const link = {
      inputs: [
        { contentHash: await hashOf('fin-b'), label: 'fin-b' },
        { contentHash: other, label: 'tech-a' },
        { contentHash: await hashOf('fin-a'), label: 'fin-a' },
      ],
    };
    expect(mentionsSampleUniverse(link)).toBe(true);
    const store = await DirArtifactStore.open(join(root, 'b'), { clock: steppingClock() });
    const admitted = await admitSampleUniverse({ store, parquet, appVersion: 'test' }, link);
    expect(admitted.map((a) => [a.member, a.index])).toEqual([
      ['fin-b', 0],
      ['fin-a', 2],
    ]);
    const stored = await store.find();
    expect(stored.map((r) => r.instruments[0]).sort()).toEqual(['fin-a', 'fin-b']);
    expect(stored.every((r) => r.tags.includes(SAMPLE_UNIVERSE_TAG) && r.kind === 'ohlcv' && r.rowCount === 2610)).toBe(true);
    expect(await store.getByContentHash(other)).toBeUndefined();

    // The picker's records of the same members, in another store: the same ids and the same stored bytes.
    const picker = await DirArtifactStore.open(join(root, 'picker'), { clock: steppingClock() });
    const all = await ensureSampleUniverse({ store: picker, parquet, appVersion: 'test' });
    for (const a of admitted) {
      const same = all.find((r) => r.instruments[0] === a.member)!;
      expect(a.record).toMatchObject({ id: same.id, contentHash: same.contentHash, fileHash: same.fileHash, interval: '1d' });
    }
    // Again: nothing new.
    expect((await admitSampleUniverse({ store, parquet, appVersion: 'test' }, link)).map((a) => a.record.id)).toEqual(
      admitted.map((a) => a.record.id),
    );
    expect((await store.find()).length).toBe(2);
    await picker.close();
    await store.close();
  });

  it('a run on other data is not offered the sample universe, and gets nothing from it', async () => {
    const link = { inputs: [{ contentHash: 'cd'.repeat(32), label: 'GOOG', instrument: 'GOOG' }] };
    expect(mentionsSampleUniverse(link)).toBe(false);
    const store = await DirArtifactStore.open(join(root, 'c'), { clock: steppingClock() });
    expect(await admitSampleUniverse({ store, parquet, appVersion: 'test' }, link)).toEqual([]);
    expect(await store.find()).toEqual([]);
    await store.close();
  });
});
