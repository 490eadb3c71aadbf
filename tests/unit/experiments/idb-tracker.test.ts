import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { IdbExperimentTracker, type ExperimentConnectionEvent } from '../../../src/adapters/browser/idb-experiment-tracker';
import { StoreClosedError } from '../../../src/core/artifacts/errors';
import { prepareSpec } from '../../../src/core/experiments/identity';
import { experimentTrackerSuite } from '../../shared/experiment-tracker-suite';

experimentTrackerSuite('IdbExperimentTracker on fake-indexeddb', {
  open: (storage) => IdbExperimentTracker.open({ name: storage }),
});

const spec = () =>
  prepareSpec({
    specVersion: 1,
    profile: 'backtesting.py',
    strategy: 'sma-cross',
    params: { fast: 10, slow: 20 },
    inputs: [{ contentHash: 'ab'.repeat(32) }],
  });

describe('IdbExperimentTracker specifics', () => {
  it('uses its own database with the documented store and indexes', async () => {
    const tracker = await IdbExperimentTracker.open({ name: 'exp-layout' });
    await tracker.create(await spec(), { at: 0, appVersion: 'test' });
    await tracker.close();
    const db = await openDB('exp-layout');
    expect(db.version).toBe(1);
    expect([...db.objectStoreNames]).toEqual(['experiments']);
    const store = db.transaction('experiments').objectStore('experiments');
    expect(store.keyPath).toBe('id');
    expect([...store.indexNames].sort()).toEqual(['createdAt', 'status', 'strategy']);
    expect(store.index('strategy').keyPath).toBe('spec.strategy');
    expect(store.index('createdAt').keyPath).toBe('provenance.createdAt');
    db.close();
  });

  it('gives way to a newer version of its database and then says the page must reload', async () => {
    const events: ExperimentConnectionEvent[] = [];
    const tracker = await IdbExperimentTracker.open({ name: 'exp-upgrade', onConnectionEvent: (e) => events.push(e) });
    const newer = await openDB('exp-upgrade', 2, { upgrade: (db) => void db.createObjectStore('later') });
    expect(events).toEqual(['blocking']);
    newer.close();
    const err = await tracker.list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreClosedError);
    expect((err as Error).message).toMatch(/upgraded by a newer version of the lab.*reload/);
  });
});
