/**
 * The browser store's schema upgrade, from every earlier database version to the current one: a database written
 * with the old layout (exactly the stores and indexes that version created, records built by the same record
 * builder the old store used) is opened by today's store, which must keep every record byte for byte and answer
 * every query as filtering all records by hand does. Runs on fake-indexeddb in vitest and on Chromium's IndexedDB
 * (tests/browser); uses the global `indexedDB`, nothing of Node.
 */
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { DB_VERSION, upgradeArtifactDB, type ArtifactDB } from '../../src/adapters/browser/artifacts/idb-schema';
import { IdbArtifactStore } from '../../src/adapters/browser/idb-artifact-store';
import { fileHash } from '../../src/core/artifacts/file-hash';
import { compareRecords, matchesFilter, type ArtifactFilter } from '../../src/core/artifacts/filter';
import { consumerIndex, walkLineage } from '../../src/core/artifacts/lineage';
import { buildQuarantineRecord, type QuarantineRecord } from '../../src/core/artifacts/quarantine';
import { buildArtifactRecord, type ArtifactRecord } from '../../src/core/artifacts/record';
import { APP_VERSION, ohlcvSample, resultsSample, type Sample } from './artifact-fixtures';

const DAY = 86_400_000;

interface OldDatabase {
  records: ArtifactRecord[];
  bytes: Map<string, Uint8Array>;
  quarantine: QuarantineRecord[];
}

/** Writes a database at `version` the way that version's store did: blob and record together, in its layout. */
async function writeOldDatabase(name: string, version: number): Promise<OldDatabase> {
  const samples: Sample[] = [];
  const records: ArtifactRecord[] = [];
  const bytes = new Map<string, Uint8Array>();
  const tagsOf = (i: number) => (i % 3 === 0 ? ['equities', 'slice'] : i % 3 === 1 ? ['slice'] : []);
  for (let i = 0; i < 12; i++) {
    samples.push(
      await ohlcvSample(200 + i, {
        instrument: `SYM${i % 4}`,
        interval: i % 5 === 0 ? '1h' : '1d',
        startMs: Date.UTC(2020, 0, 1) + i * 30 * DAY,
        rows: 3 + (i % 4),
        tags: tagsOf(i),
      }),
    );
  }
  let clock = Date.UTC(2026, 0, 1);
  const build = async (s: Sample) => {
    const digest = await fileHash(s.bytes);
    const record = buildArtifactRecord(s.draft, { fileHash: digest.sha256, storedBytes: digest.size, createdAtMs: (clock += 1000) });
    records.push(record);
    bytes.set(record.id, s.bytes);
    return record;
  };
  const ohlcv: ArtifactRecord[] = [];
  for (const s of samples) ohlcv.push(await build(s));
  // Lineage: two results from slices, and one made from both (two hops down from the first slice).
  const r1 = await build(await resultsSample('upgrade-r1', [ohlcv[0].id, ohlcv[1].id], ['run']));
  const r2 = await build(await resultsSample('upgrade-r2', [ohlcv[0].id], ['run']));
  await build(await resultsSample('upgrade-r3', [r1.id, r2.id], ['report']));
  const garbage = new Uint8Array([7, 7, 7, 1, 2, 3]);
  const garbageHash = await fileHash(garbage);
  const quarantine = [
    buildQuarantineRecord(
      { sourceFileName: 'bad.csv', reasons: [{ code: 'empty', message: 'bad.csv: no rows', row: null, column: null }], appVersion: APP_VERSION },
      { fileHash: garbageHash.sha256, size: garbageHash.size, createdAtMs: (clock += 1000) },
    ),
  ];

  const db = await openDB<ArtifactDB>(name, version, { upgrade: (d, o, n, tx) => upgradeArtifactDB(d, o, n, tx) });
  const tx = db.transaction(['records', 'blobs', 'quarantine'], 'readwrite');
  for (const r of records) {
    const b = bytes.get(r.id)!;
    await tx.objectStore('blobs').put({ fileHash: r.fileHash, size: b.length, data: new Blob([b as Uint8Array<ArrayBuffer>]) });
    await tx.objectStore('records').put(r);
  }
  await tx.objectStore('blobs').put({ fileHash: garbageHash.sha256, size: garbage.length, data: new Blob([garbage]) });
  await tx.objectStore('quarantine').put(quarantine[0]);
  await tx.done;
  db.close();
  return { records, bytes, quarantine };
}

/** What `find` must answer: every record filtered by hand, oldest first. */
function byHand(records: readonly ArtifactRecord[], filter: ArtifactFilter): string[] {
  return records
    .filter((r) => matchesFilter(r, filter))
    .sort(compareRecords)
    .map((r) => r.id);
}

export function idbUpgradeSuite(label: string): void {
  describe(`IndexedDB artifact store upgrade: ${label}`, () => {
    const run = Date.now().toString(36);
    for (let from = 1; from < DB_VERSION; from++) {
      it(`a database written at version ${from} opens at version ${DB_VERSION} with every record and the same answers`, async () => {
        const name = `upgrade-${label.replace(/\W+/g, '-')}-${run}-v${from}`;
        const old = await writeOldDatabase(name, from);
        const store = await IdbArtifactStore.open({ name });
        try {
          // Records and quarantine entries are exactly as written.
          const raw = await openDB<ArtifactDB>(name);
          expect(raw.version).toBe(DB_VERSION);
          expect((await raw.getAll('records')).sort(compareRecords)).toEqual([...old.records].sort(compareRecords));
          expect(await raw.getAll('quarantine')).toEqual(old.quarantine);
          expect([...raw.transaction('records').store.indexNames].sort()).toEqual([
            'contentHash',
            'created',
            'endMs',
            'fileHash',
            'inputs',
            'instruments',
            'interval',
            'kind',
            'startMs',
            'tags',
          ]);
          raw.close();

          const { records } = old;
          const [first, second] = records;
          const filters: ArtifactFilter[] = [
            {},
            { kind: 'ohlcv' },
            { kind: 'results' },
            { instrument: 'SYM1' },
            { instrument: 'sym1' },
            { tag: 'slice' },
            { tag: 'run', kind: 'results' },
            { interval: '1h' },
            { interval: '1d', instrument: 'SYM2' },
            { hashPrefix: second.contentHash.slice(0, 6) },
            { hashPrefix: second.id.toUpperCase() },
            { hashPrefix: first.fileHash.slice(0, 10) },
            { hashPrefix: `art_${first.fileHash.slice(0, 10)}` },
            { timeRange: { startMs: Date.UTC(2020, 2, 1), endMs: Date.UTC(2020, 5, 1) } },
            { timeRange: { startMs: Date.UTC(2020, 8, 1) } },
            { timeRange: { endMs: Date.UTC(2020, 0, 2) } },
            { timeRange: {} },
            { kind: 'ohlcv', tag: 'equities', timeRange: { startMs: Date.UTC(2020, 3, 1) } },
          ];
          for (const filter of filters)
            expect([JSON.stringify(filter), (await store.find(filter)).map((r) => r.id)]).toEqual([JSON.stringify(filter), byHand(records, filter)]);
          expect(await store.find()).toEqual([...records].sort(compareRecords));
          // The first rows of a long list, newest first, read from the listing-order index alone.
          expect(await store.newest(5)).toEqual([...records].sort(compareRecords).slice(-5).reverse());
          expect((await store.newest(1000)).length).toBe(records.length);
          const listed = [...records].sort(compareRecords).reverse();
          for (const n of [0, 1, records.length - 1, records.length]) expect(await store.newest(n)).toEqual(listed.slice(0, n));

          // Lineage both ways, one hop and to the end, as walking the records by hand.
          const consumers = consumerIndex(records);
          const inputsOf = new Map(records.map((r) => [r.id, r.inputs]));
          for (const r of records) {
            for (const transitive of [false, true]) {
              expect((await store.lineage(r.id, 'down', { transitive })).map((x) => x.id)).toEqual(
                await walkLineage(r.id, (x) => consumers.get(x) ?? [], transitive),
              );
              expect((await store.lineage(r.id, 'up', { transitive })).map((x) => x.id)).toEqual(
                await walkLineage(r.id, (x) => inputsOf.get(x) ?? [], transitive),
              );
            }
          }
          expect((await store.lineage(first.id, 'down', { transitive: true })).length).toBe(3);

          for (const r of records) expect(await store.readBytes(r.id, { verify: true })).toEqual(old.bytes.get(r.id));
          expect(await store.listQuarantine()).toEqual(old.quarantine);
          const usage = await store.usage();
          expect([usage.artifacts, usage.quarantined, usage.unreferencedBlobs]).toEqual([records.length, 1, 0]);

          // The upgraded database takes new artifacts, found through the new indexes.
          const extra = await ohlcvSample(299, { instrument: 'NEW', interval: '4h', startMs: Date.UTC(2030, 0, 1) });
          const { record } = await store.put(extra.draft, extra.bytes);
          expect((await store.find({ interval: '4h' })).map((r) => r.id)).toEqual([record.id]);
          expect((await store.find({ timeRange: { startMs: Date.UTC(2029, 11, 31) } })).map((r) => r.id)).toEqual([record.id]);
        } finally {
          await store.close();
        }
      });
    }
  });
}
