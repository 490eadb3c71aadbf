/**
 * The ArtifactStore contract, as one suite every adapter runs: the directory store and the IndexedDB store in
 * vitest on Node, the IndexedDB store in Chromium. Platform-neutral on purpose: no Node APIs here (no fs, no path,
 * no Buffer), only the port, the core and vitest, so it bundles for the browser unchanged.
 *
 * The harness opens a store on named backing storage: the same `storage` name reaches the same data (that is how
 * "survives reopening" and "two writers at once" are tested), a new name gives an empty store.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  ArtifactInUseError,
  ArtifactNotFoundError,
  InvalidArtifactError,
  InvalidBytesError,
  MissingInputError,
  StorageQuotaError,
  StoreClosedError,
} from '../../src/core/artifacts/errors';
import { fileHash } from '../../src/core/artifacts/file-hash';
import { artifactId } from '../../src/core/artifacts/ids';
import type { ArtifactStore, Clock, StoreFaults, StoreUsage } from '../../src/ports/artifact-store';
import { APP_VERSION, chunked, fakeParquet, ohlcvSample, resultsSample, steppingClock, type Sample } from './artifact-fixtures';

export interface SuiteOpenOptions {
  /** Names the backing storage: the same name opens the same data, a new name an empty store. */
  storage: string;
  clock: Clock;
  /** Read by the store at the moment of each write, so a test may set hooks after opening. */
  faults?: StoreFaults;
}

export interface ArtifactStoreHarness {
  open(options: SuiteOpenOptions): Promise<ArtifactStore>;
  /** The error this platform's storage raises when it is full (ENOSPC in Node, QuotaExceededError in browsers). */
  quotaError(): unknown;
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof Error) return e;
    throw new Error(`rejected with a non-Error: ${String(e)}`, { cause: e });
  }
  throw new Error('expected a rejection, but the promise resolved');
}

function putSample(store: ArtifactStore, sample: Sample) {
  return store.put(sample.draft, sample.bytes);
}

/** An async iterable that reports whether it was read and whether it was closed. */
function closableStream(bytes: Uint8Array) {
  let pulled = 0;
  let closed = false;
  return {
    state: () => ({ pulled, closed }),
    [Symbol.asyncIterator]: (): AsyncIterator<Uint8Array> => ({
      next: async () => (pulled++ === 0 ? { done: false, value: bytes } : { done: true, value: undefined }),
      return: async () => {
        closed = true;
        return { done: true, value: undefined };
      },
    }),
  };
}

const ids = (records: ReadonlyArray<{ id: string }>) => records.map((r) => r.id);

export function artifactStoreSuite(name: string, harness: ArtifactStoreHarness): void {
  describe(`ArtifactStore contract: ${name}`, () => {
    const run = Date.now().toString(36);
    let counter = 0;
    let opened: ArtifactStore[] = [];

    afterEach(async () => {
      for (const s of opened) await s.close().catch(() => undefined);
      opened = [];
    });

    async function open(storage: string, clock: Clock, faults?: StoreFaults): Promise<ArtifactStore> {
      const store = await harness.open({ storage, clock, faults });
      opened.push(store);
      return store;
    }

    /** A store on new, empty storage; `reopen` opens another store object on the same storage. */
    async function fresh(faults?: StoreFaults) {
      const storage = `${name.replace(/\W+/g, '-')}-${run}-${++counter}`;
      const clock = steppingClock();
      const store = await open(storage, clock, faults);
      return { store, clock, reopen: (f?: StoreFaults) => open(storage, clock, f) };
    }

    it('put then get returns the full record and the exact bytes', async () => {
      const { store, clock } = await fresh();
      const a = await ohlcvSample(1, { instrument: 'GOOG', tags: ['daily', 'equities', 'daily'] });
      const { record, created } = await store.put(a.draft, a.bytes);
      expect(created).toBe(true);
      expect(record).toMatchObject({
        manifestVersion: 1,
        id: artifactId(a.draft.contentHash),
        kind: 'ohlcv',
        contentHash: a.draft.contentHash,
        fileHash: (await fileHash(a.bytes)).sha256,
        format: 'parquet',
        rowCount: 5,
        instruments: ['GOOG'],
        timeRange: { startMs: Date.UTC(2024, 0, 1), endMs: Date.UTC(2024, 0, 5) },
        interval: '1d',
        sizes: { storedBytes: a.bytes.length, sourceBytes: 1234 },
        createdAt: new Date(clock.last).toISOString(),
        provenance: { sourceFileName: 'sym1.csv', sourceFileHash: null, appVersion: APP_VERSION },
        inputs: [],
        tags: ['daily', 'equities'],
      });
      expect(record.id).toMatch(/^art_[0-9a-f]{24}$/);
      expect(record.schema.map((c) => c.name)).toEqual(['timestamp', 'open', 'high', 'low', 'close', 'volume']);
      expect(await store.get(record.id)).toEqual(record);
      expect(await store.getByContentHash(a.draft.contentHash)).toEqual(record);
      expect(await store.readBytes(record.id)).toEqual(a.bytes);
      expect(await store.readBytes(record.id, { verify: true })).toEqual(a.bytes);
      expect(await store.get('art_000000000000000000000000')).toBeUndefined();
      expect(await store.get('not an id')).toBeUndefined();
      expect(await rejection(store.readBytes('art_000000000000000000000000'))).toBeInstanceOf(ArtifactNotFoundError);
    });

    it('takes bytes as a stream of chunks; fileHash is the SHA-256 of all of them', async () => {
      const { store } = await fresh();
      const a = await ohlcvSample(2, { rows: 300 });
      const { record } = await store.put(a.draft, chunked(a.bytes, [1, 7, 4096, 3]));
      expect(record.fileHash).toBe((await fileHash(a.bytes)).sha256);
      expect(record.sizes.storedBytes).toBe(a.bytes.length);
      expect(await store.readBytes(record.id)).toEqual(a.bytes);
    });

    it('dedups by contentHash: the same content again returns the stored record and writes nothing', async () => {
      const { store } = await fresh();
      const a = await ohlcvSample(3);
      const first = await store.put(a.draft, a.bytes);
      const before = await store.usage();
      // Same logical content, other bytes (re-encoded) and other metadata: still the same artifact.
      const again = await ohlcvSample(3, { variant: 9, tags: ['other'], sourceFileName: 'copy.parquet' });
      expect(again.draft.contentHash).toBe(a.draft.contentHash);
      expect(again.bytes).not.toEqual(a.bytes);
      const second = await store.put(again.draft, again.bytes);
      expect(second.created).toBe(false);
      expect(second.record).toEqual(first.record);
      expect(await store.usage()).toEqual(before);
      expect(await store.readBytes(first.record.id)).toEqual(a.bytes);
      expect(await store.find()).toHaveLength(1);
      // A stream handed in for content that is already stored is closed unread (an open file is not leaked).
      const stream = closableStream(again.bytes);
      expect((await store.put(again.draft, stream)).created).toBe(false);
      expect(stream.state()).toEqual({ pulled: 0, closed: true });
      const refused = closableStream(a.bytes);
      await rejection(store.put({ ...a.draft, contentHash: 'bad' }, refused));
      expect(refused.state()).toEqual({ pulled: 0, closed: true });
    });

    it('stores concurrent puts of the same content once', async () => {
      const { store } = await fresh();
      const variants = await Promise.all([0, 1, 2, 3].map((v) => ohlcvSample(4, { variant: v })));
      const results = await Promise.all(variants.map((s) => store.put(s.draft, s.bytes)));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => JSON.stringify(r.record))).size).toBe(1);
      const usage = await store.usage();
      expect(usage).toMatchObject({ artifacts: 1, blobs: 1, unreferencedBlobs: 0 });
    });

    it('records lineage both ways, one hop and transitive', async () => {
      const { store } = await fresh();
      const a = (await putSample(store, await ohlcvSample(10))).record;
      const b = (await putSample(store, await resultsSample('b', [a.id]))).record;
      const c = (await putSample(store, await resultsSample('c', [b.id]))).record;
      const d = (await putSample(store, await resultsSample('d', [a.id, c.id]))).record;
      expect(d.inputs).toEqual([a.id, c.id]);
      expect(ids(await store.lineage(d.id, 'up'))).toEqual([a.id, c.id]);
      expect(ids(await store.lineage(d.id, 'up', { transitive: true }))).toEqual([a.id, c.id, b.id]);
      expect(ids(await store.lineage(a.id, 'down'))).toEqual([b.id, d.id].sort());
      expect(new Set(ids(await store.lineage(a.id, 'down', { transitive: true })))).toEqual(new Set([b.id, c.id, d.id]));
      expect(await store.lineage(a.id, 'up')).toEqual([]);
      expect(await store.lineage(d.id, 'down')).toEqual([]);
      expect(await rejection(store.lineage('art_000000000000000000000000', 'up'))).toBeInstanceOf(ArtifactNotFoundError);
    });

    it('refuses inputs that are not stored, and stores nothing', async () => {
      const { store } = await fresh();
      const ghost = 'art_0123456789abcdef01234567';
      const r = await resultsSample('orphan', [ghost]);
      const err = await rejection(store.put(r.draft, r.bytes));
      expect(err).toBeInstanceOf(MissingInputError);
      expect(err).toMatchObject({ name: 'MissingInputError', missing: [ghost] });
      expect(await store.usage()).toMatchObject({ artifacts: 0, blobs: 0 });
      const self = await resultsSample('self', []);
      const selfId = artifactId(self.draft.contentHash);
      expect(await rejection(store.put({ ...self.draft, inputs: [selfId] }, self.bytes))).toBeInstanceOf(InvalidArtifactError);
    });

    it('refuses to delete an artifact others depend on, then allows it once they are gone', async () => {
      const { store } = await fresh();
      const a = (await putSample(store, await ohlcvSample(20))).record;
      const b = (await putSample(store, await resultsSample('b', [a.id]))).record;
      const c = (await putSample(store, await resultsSample('c', [a.id]))).record;
      const err = await rejection(store.delete(a.id));
      expect(err).toBeInstanceOf(ArtifactInUseError);
      expect(err).toMatchObject({ name: 'ArtifactInUseError', id: a.id, dependents: [b.id, c.id].sort() });
      expect(err.message).toContain(b.id);
      expect(await store.get(a.id)).toEqual(a);
      await store.delete(b.id);
      expect(await rejection(store.delete(a.id))).toMatchObject({ dependents: [c.id] });
      await store.delete(c.id);
      await store.delete(a.id);
      expect(await store.get(a.id)).toBeUndefined();
      expect(await store.find()).toEqual([]);
      expect(await rejection(store.delete(a.id))).toBeInstanceOf(ArtifactNotFoundError);
    });

    it('gc removes exactly the bytes nothing refers to', async () => {
      const { store } = await fresh();
      const a = await ohlcvSample(30);
      const b = await ohlcvSample(31);
      const ra = (await store.put(a.draft, a.bytes)).record;
      const rb = (await store.put(b.draft, b.bytes)).record;
      const bad = new TextEncoder().encode('date,open\nnot,a number\n');
      const q = (
        await store.quarantine(
          { sourceFileName: 'bad.csv', reasons: [{ code: 'bad-number', message: 'row 1: open is "a number"' }], appVersion: APP_VERSION },
          bad,
        )
      ).entry;
      expect(await store.gc()).toEqual({ removedBlobs: [], freedBytes: 0, removedTemp: 0 });
      await store.delete(ra.id);
      expect(await store.usage()).toMatchObject({ artifacts: 1, quarantined: 1, blobs: 3, unreferencedBlobs: 1, unreferencedBytes: a.bytes.length });
      const report = await store.gc();
      expect(report.removedBlobs).toEqual([ra.fileHash]);
      expect(report.freedBytes).toBe(a.bytes.length);
      expect(await store.usage()).toMatchObject({
        artifacts: 1,
        quarantined: 1,
        blobs: 2,
        unreferencedBlobs: 0,
        blobBytes: b.bytes.length + bad.length,
      });
      expect(await store.readBytes(rb.id, { verify: true })).toEqual(b.bytes);
      expect(await store.readQuarantinedBytes(q.id)).toEqual(bad);
      expect((await store.gc()).removedBlobs).toEqual([]);
      // Storing the deleted content again brings its bytes back.
      expect((await store.put(a.draft, a.bytes)).created).toBe(true);
      expect(await store.readBytes(ra.id)).toEqual(a.bytes);
    });

    it('quarantines bad files with their reasons, apart from artifacts', async () => {
      const { store, clock } = await fresh();
      const good = (await putSample(store, await ohlcvSample(40))).record;
      const garbage = new Uint8Array([0xde, 0xad, 0xbe, 0xef, 0x00, 0x01]);
      const reasons = [
        { code: 'not-parquet', message: 'bad.parquet is not a Parquet file' },
        { code: 'missing-column', message: 'column "close" is missing', row: null, column: 'close' },
      ];
      const { entry, created } = await store.quarantine(
        { sourceFileName: 'bad.parquet', reasons, appVersion: APP_VERSION, kindHint: 'ohlcv' },
        garbage,
      );
      expect(created).toBe(true);
      expect(entry).toMatchObject({
        manifestVersion: 1,
        fileHash: (await fileHash(garbage)).sha256,
        size: 6,
        sourceFileName: 'bad.parquet',
        kindHint: 'ohlcv',
        createdAt: new Date(clock.last).toISOString(),
        reasons: [
          { code: 'not-parquet', message: 'bad.parquet is not a Parquet file', row: null, column: null },
          { code: 'missing-column', message: 'column "close" is missing', row: null, column: 'close' },
        ],
      });
      expect(entry.id).toMatch(/^q_[0-9a-f]{24}$/);
      expect(await store.listQuarantine()).toEqual([entry]);
      expect(await store.getQuarantined(entry.id)).toEqual(entry);
      expect(await store.readQuarantinedBytes(entry.id)).toEqual(garbage);
      // Never an artifact: not found, not listed, not usable as an input.
      expect(ids(await store.find())).toEqual([good.id]);
      expect(await store.get(entry.id)).toBeUndefined();
      const user = await resultsSample('uses-quarantined', [`art_${entry.fileHash.slice(0, 24)}`]);
      expect(await rejection(store.put(user.draft, user.bytes))).toBeInstanceOf(MissingInputError);
      // The same bad file again is the same entry; an empty file can be quarantined too.
      expect((await store.quarantine({ sourceFileName: 'again.parquet', reasons, appVersion: APP_VERSION }, garbage)).created).toBe(false);
      const empty = await store.quarantine(
        { sourceFileName: 'empty.csv', reasons: [{ code: 'empty', message: 'empty.csv is empty (0 bytes)' }], appVersion: APP_VERSION },
        new Uint8Array(0),
      );
      expect(empty.entry.size).toBe(0);
      expect(await store.listQuarantine()).toHaveLength(2);
      await store.deleteQuarantined(entry.id);
      expect(await store.getQuarantined(entry.id)).toBeUndefined();
      expect(await rejection(store.readQuarantinedBytes(entry.id))).toBeInstanceOf(ArtifactNotFoundError);
      expect((await store.gc()).removedBlobs).toEqual([entry.fileHash]);
      expect(await rejection(store.deleteQuarantined(entry.id))).toBeInstanceOf(ArtifactNotFoundError);
      expect(await rejection(store.quarantine({ sourceFileName: 'x.csv', reasons: [], appVersion: APP_VERSION }, garbage))).toBeInstanceOf(
        InvalidArtifactError,
      );
    });

    it('finds by kind, instrument, tag, interval, hash prefix and time range', async () => {
      const { store } = await fresh();
      const goog = (await putSample(store, await ohlcvSample(50, { instrument: 'GOOG', tags: ['equities'], startMs: Date.UTC(2020, 0, 1) }))).record;
      const btc = (
        await putSample(
          store,
          await ohlcvSample(51, { instrument: 'BTCUSD', tags: ['crypto'], interval: '1h', startMs: Date.UTC(2022, 0, 1), rows: 48 }),
        )
      ).record;
      const eur = (await putSample(store, await ohlcvSample(52, { instrument: 'EURUSD', tags: ['fx', 'equities'], startMs: Date.UTC(2024, 5, 1) })))
        .record;
      const res = (await putSample(store, await resultsSample('r', [goog.id], ['equities']))).record;
      expect(ids(await store.find())).toEqual([goog.id, btc.id, eur.id, res.id]);
      expect(ids(await store.find({ kind: 'ohlcv' }))).toEqual([goog.id, btc.id, eur.id]);
      expect(ids(await store.find({ kind: 'results' }))).toEqual([res.id]);
      expect(ids(await store.find({ instrument: 'BTCUSD' }))).toEqual([btc.id]);
      expect(ids(await store.find({ instrument: 'btcusd' }))).toEqual([]);
      expect(ids(await store.find({ tag: 'equities' }))).toEqual([goog.id, eur.id, res.id]);
      expect(ids(await store.find({ tag: 'equities', kind: 'ohlcv' }))).toEqual([goog.id, eur.id]);
      expect(ids(await store.find({ interval: '1h' }))).toEqual([btc.id]);
      expect(ids(await store.find({ hashPrefix: eur.contentHash.slice(0, 10) }))).toEqual([eur.id]);
      expect(ids(await store.find({ hashPrefix: eur.id.slice(0, 12).toUpperCase() }))).toEqual([eur.id]);
      expect(ids(await store.find({ hashPrefix: btc.fileHash.slice(0, 16) }))).toEqual([btc.id]);
      expect(ids(await store.find({ timeRange: { startMs: Date.UTC(2021, 0, 1), endMs: Date.UTC(2022, 0, 1) } }))).toEqual([btc.id]);
      expect(ids(await store.find({ timeRange: { startMs: Date.UTC(2022, 0, 2) } }))).toEqual([btc.id, eur.id]);
      expect(ids(await store.find({ timeRange: { endMs: Date.UTC(2019, 11, 31) } }))).toEqual([]);
      expect(ids(await store.find({ kind: 'ohlcv', tag: 'fx', instrument: 'EURUSD', timeRange: { startMs: 0 } }))).toEqual([eur.id]);
      expect(await store.find({ kind: 'alerts' })).toEqual([]);
    });

    it('keeps records, bytes, lineage and quarantine across reopening the storage', async () => {
      const { store, reopen } = await fresh();
      const a = await ohlcvSample(60);
      const ra = (await store.put(a.draft, a.bytes)).record;
      const rb = (await putSample(store, await resultsSample('b', [ra.id], ['kept']))).record;
      const q = (
        await store.quarantine(
          { sourceFileName: 'bad.csv', reasons: [{ code: 'empty', message: 'no rows' }], appVersion: APP_VERSION },
          new Uint8Array([1, 2, 3]),
        )
      ).entry;
      const usage: StoreUsage = await store.usage();
      await store.close();
      expect(await rejection(store.find())).toBeInstanceOf(StoreClosedError);
      const again = await reopen();
      expect(await again.get(ra.id)).toEqual(ra);
      expect(await again.find()).toEqual([ra, rb]);
      expect(await again.readBytes(ra.id, { verify: true })).toEqual(a.bytes);
      expect(ids(await again.lineage(ra.id, 'down'))).toEqual([rb.id]);
      expect(await again.listQuarantine()).toEqual([q]);
      expect(await again.usage()).toEqual(usage);
      expect((await again.put(a.draft, a.bytes)).created).toBe(false);
      expect(await rejection(again.delete(ra.id))).toBeInstanceOf(ArtifactInUseError);
    });

    it('a failure while the bytes are written leaves nothing behind', async () => {
      const faults: StoreFaults = {};
      const { store, reopen } = await fresh(faults);
      const kept = (await putSample(store, await ohlcvSample(70))).record;
      const before = await store.usage();
      const a = await ohlcvSample(71, { rows: 200 });
      faults.duringBlobWrite = () => {
        throw new Error('injected: device unplugged');
      };
      expect((await rejection(store.put(a.draft, chunked(a.bytes, [64])))).message).toContain('injected');
      faults.duringBlobWrite = undefined;
      expect(await store.get(artifactId(a.draft.contentHash))).toBeUndefined();
      expect(await store.usage()).toEqual(before);
      expect(ids(await store.find())).toEqual([kept.id]);
      const after = await reopen();
      expect(await after.usage()).toEqual(before);
      // Nothing half-done blocks the same import afterwards.
      expect((await after.put(a.draft, a.bytes)).created).toBe(true);
      expect(await after.readBytes(artifactId(a.draft.contentHash), { verify: true })).toEqual(a.bytes);
    });

    it('a failure between the bytes and the record leaves no record and no loose bytes', async () => {
      const faults: StoreFaults = {};
      const { store } = await fresh(faults);
      const before = await store.usage();
      const a = await ohlcvSample(72);
      faults.beforeRecordWrite = () => {
        throw new Error('injected: crash before the record');
      };
      await rejection(store.put(a.draft, a.bytes));
      const q = await rejection(
        store.quarantine({ sourceFileName: 'q.bin', reasons: [{ code: 'x', message: 'x' }], appVersion: APP_VERSION }, new Uint8Array([9])),
      );
      expect(q.message).toContain('injected');
      faults.beforeRecordWrite = undefined;
      expect(await store.find()).toEqual([]);
      expect(await store.listQuarantine()).toEqual([]);
      await store.gc();
      expect(await store.usage()).toEqual(before);
    });

    it('reports a full storage as StorageQuotaError and keeps nothing partial', async () => {
      const faults: StoreFaults = {};
      const { store } = await fresh(faults);
      const before = await store.usage();
      const a = await ohlcvSample(80, { rows: 100 });
      faults.duringBlobWrite = () => {
        throw harness.quotaError();
      };
      const err = await rejection(store.put(a.draft, chunked(a.bytes, [100])));
      faults.duringBlobWrite = undefined;
      expect(err).toBeInstanceOf(StorageQuotaError);
      expect(err.name).toBe('StorageQuotaError');
      expect(err.message).toContain(artifactId(a.draft.contentHash));
      expect(err.message).toMatch(/nothing was kept/);
      expect(await store.usage()).toEqual(before);
      expect(await store.find()).toEqual([]);
    });

    it('refuses empty, truncated and non-Parquet bytes with a clear error, storing nothing', async () => {
      const { store } = await fresh();
      const a = await ohlcvSample(90);
      const cases: Array<[Uint8Array, string, RegExp]> = [
        [new Uint8Array(0), 'empty', /empty \(0 bytes\)/],
        [a.bytes.slice(0, a.bytes.length - 3), 'truncated', /truncated/],
        [new Uint8Array([0x50, 0x41, 0x52, 0x31, 0, 0]), 'truncated', /truncated/],
        [new TextEncoder().encode('date,open,high,low,close\n2020-01-01,1,2,0,1\n'), 'not-parquet', /not a Parquet file.*CSV/],
        [new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 'not-parquet', /not a Parquet file/],
      ];
      for (const [bytes, code, message] of cases) {
        const err = await rejection(store.put(a.draft, chunked(bytes, [2, 5])));
        expect(err).toBeInstanceOf(InvalidBytesError);
        expect(err).toMatchObject({ name: 'InvalidBytesError', code });
        expect(err.message).toMatch(message);
        expect(err.message).toContain('sym90.csv');
      }
      expect(await store.usage()).toMatchObject({ artifacts: 0, blobs: 0 });
    });

    it('refuses drafts that break the manifest rules before writing anything', async () => {
      const { store } = await fresh();
      const a = await ohlcvSample(95);
      expect(await rejection(store.put({ ...a.draft, contentHash: 'ABC' }, a.bytes))).toBeInstanceOf(InvalidArtifactError);
      const wrongSchema = await rejection(store.put({ ...a.draft, schema: [{ name: 'close', type: 'float64' }] }, a.bytes));
      expect(wrongSchema).toBeInstanceOf(InvalidArtifactError);
      expect(wrongSchema.message).toContain('timestamp:timestamp-ms-utc');
      expect(await rejection(store.put({ ...a.draft, timeRange: { startMs: 10, endMs: 1 } }, a.bytes))).toBeInstanceOf(InvalidArtifactError);
      expect(await rejection(store.put({ ...a.draft, inputs: ['GOOG.csv'] }, a.bytes))).toBeInstanceOf(InvalidArtifactError);
      expect(await store.usage()).toMatchObject({ artifacts: 0, blobs: 0 });
    });

    it('two store objects writing to the same storage at once lose nothing', async () => {
      const { store: one, reopen } = await fresh();
      const two = await reopen();
      const samples = await Promise.all(Array.from({ length: 12 }, (_, i) => ohlcvSample(100 + i)));
      const shared = await ohlcvSample(99);
      const results = await Promise.all([
        ...samples.map((s, i) => (i % 2 === 0 ? one : two).put(s.draft, s.bytes)),
        one.put(shared.draft, shared.bytes),
        two.put(shared.draft, shared.bytes),
      ]);
      expect(results.filter((r) => r.created)).toHaveLength(13);
      for (const store of [one, two]) {
        expect(await store.find()).toHaveLength(13);
        expect(await store.usage()).toMatchObject({ artifacts: 13, blobs: 13, unreferencedBlobs: 0 });
      }
      for (const s of samples) expect(await two.readBytes(artifactId(s.draft.contentHash))).toEqual(s.bytes);
    });

    it('a delete racing a put that uses it never leaves a dangling input', async () => {
      const { store: one, reopen } = await fresh();
      const two = await reopen();
      const a = (await putSample(one, await ohlcvSample(120))).record;
      const b = await resultsSample('b', [a.id]);
      const [put, del] = await Promise.allSettled([two.put(b.draft, b.bytes), one.delete(a.id)]);
      if (put.status === 'fulfilled') {
        expect(del.status).toBe('rejected');
        expect(await one.get(a.id)).toEqual(a);
      } else {
        expect(del.status).toBe('fulfilled');
        expect(put.reason).toBeInstanceOf(MissingInputError);
        expect(await one.get(a.id)).toBeUndefined();
      }
      for (const r of await one.find()) for (const input of r.inputs) expect(await one.get(input)).toBeDefined();
    });

    it('refuses every call once closed', async () => {
      const { store } = await fresh();
      const a = await ohlcvSample(130);
      await store.close();
      expect(await rejection(store.put(a.draft, a.bytes))).toBeInstanceOf(StoreClosedError);
      expect(await rejection(store.get('art_000000000000000000000000'))).toBeInstanceOf(StoreClosedError);
      expect(await rejection(store.gc())).toBeInstanceOf(StoreClosedError);
      expect(
        await rejection(
          store.quarantine({ sourceFileName: 'x', reasons: [{ code: 'x', message: 'x' }], appVersion: APP_VERSION }, fakeParquet(new Uint8Array(1))),
        ),
      ).toBeInstanceOf(StoreClosedError);
    });
  });
}
