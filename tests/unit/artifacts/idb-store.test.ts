import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { toStoreError } from '../../../src/adapters/browser/artifacts/idb-errors';
import type { LockManagerLike } from '../../../src/adapters/browser/artifacts/web-lock';
import { IdbArtifactStore, type ConnectionEvent } from '../../../src/adapters/browser/idb-artifact-store';
import { StorageQuotaError, StoreClosedError } from '../../../src/core/artifacts/errors';
import { ohlcvSample, steppingClock } from '../../shared/artifact-fixtures';
import { artifactStoreSuite } from '../../shared/artifact-store-suite';
import { idbUpgradeSuite } from '../../shared/idb-upgrade-suite';
import { DB_VERSION } from '../../../src/adapters/browser/artifacts/idb-schema';

artifactStoreSuite('IdbArtifactStore on fake-indexeddb', {
  open: ({ storage, clock, faults }) => IdbArtifactStore.open({ name: storage, clock, faults }),
  quotaError: () => new DOMException('The quota has been exceeded.', 'QuotaExceededError'),
});

idbUpgradeSuite('fake-indexeddb');

describe('IdbArtifactStore specifics', () => {
  it('creates the documented object stores and indexes', async () => {
    const store = await IdbArtifactStore.open({ name: 'idb-layout' });
    await store.close();
    const db = await openDB('idb-layout');
    expect([...db.objectStoreNames].sort()).toEqual(['blobs', 'quarantine', 'records']);
    const tx = db.transaction(['records', 'blobs', 'quarantine']);
    expect([...tx.objectStore('records').indexNames].sort()).toEqual([
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
    expect(tx.objectStore('records').index('inputs').multiEntry).toBe(true);
    expect(tx.objectStore('records').index('contentHash').unique).toBe(true);
    expect([...tx.objectStore('blobs').indexNames]).toEqual(['size']);
    expect([...tx.objectStore('quarantine').indexNames].sort()).toEqual(['created', 'fileHash']);
    db.close();
  });

  it('keeps bytes as Blobs', async () => {
    const store = await IdbArtifactStore.open({ name: 'idb-blobs' });
    const s = await ohlcvSample(1);
    const { record } = await store.put(s.draft, s.bytes);
    await store.close();
    const db = await openDB('idb-blobs');
    const stored = (await db.get('blobs', record.fileHash)) as { size: number; data: unknown };
    expect(stored.data).toBeInstanceOf(Blob);
    expect(stored.size).toBe(s.bytes.length);
    db.close();
  });

  it('takes every write through the Web Lock when one is available', async () => {
    const taken: string[] = [];
    const locks: LockManagerLike = {
      request: async (name, work) => {
        taken.push(name);
        return work();
      },
    };
    const store = await IdbArtifactStore.open({ name: 'idb-locks', locks });
    const s = await ohlcvSample(2);
    const { record } = await store.put(s.draft, s.bytes);
    await store.get(record.id);
    await store.find();
    await store.gc();
    await store.delete(record.id);
    expect(taken).toEqual(Array(3).fill('quantlab-artifact-store:idb-locks'));
    await store.close();
  });

  it('gives way to a newer version of the database and then says the page must reload', async () => {
    const events: ConnectionEvent[] = [];
    const store = await IdbArtifactStore.open({ name: 'idb-upgrade', onConnectionEvent: (e) => events.push(e), clock: steppingClock() });
    const s = await ohlcvSample(3);
    await store.put(s.draft, s.bytes);
    // Another tab running a newer lab upgrades the database: this connection must not block it.
    const newer = await openDB('idb-upgrade', DB_VERSION + 1, { upgrade: (db) => void db.createObjectStore('runs') });
    expect(events).toEqual(['blocking']);
    newer.close();
    const err = await store.find().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreClosedError);
    expect((err as Error).message).toMatch(/upgraded by a newer version of the lab.*reload/);
  });

  it('reconnects after the database is deleted by another tab', async () => {
    const store = await IdbArtifactStore.open({ name: 'idb-deleted' });
    const s = await ohlcvSample(4);
    await store.put(s.draft, s.bytes);
    await indexedDBDelete('idb-deleted');
    expect(await store.find()).toEqual([]);
    expect((await store.put(s.draft, s.bytes)).created).toBe(true);
    await store.close();
  });

  it('reads a quota overflow from the transaction error when the request only says AbortError', () => {
    const abort = new DOMException('The transaction was aborted.', 'AbortError');
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const mapped = toStoreError(abort, quota, 'ohlcv artifact art_x (GOOG.parquet, 10 bytes)');
    expect(mapped).toBeInstanceOf(StorageQuotaError);
    expect((mapped as Error).message).toBe(
      'browser storage is full: could not store ohlcv artifact art_x (GOOG.parquet, 10 bytes); nothing was kept — delete artifacts (then run gc) or allow the lab more storage, and retry',
    );
    expect((mapped as Error).cause).toBe(quota);
    expect(toStoreError(abort, null, 'x')).toBe(abort);
  });
});

function indexedDBDelete(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error ?? new Error(`deleting ${name} failed`));
  });
}
