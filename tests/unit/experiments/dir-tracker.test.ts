import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DirArtifactStore } from '../../../src/adapters/node/dir-artifact-store';
import { DirExperimentTracker } from '../../../src/adapters/node/dir-experiment-tracker';
import { nodeSession, nodeSessionAlive } from '../../../src/adapters/node/experiments/session';
import { CorruptStoreError } from '../../../src/core/artifacts/errors';
import { prepareSpec } from '../../../src/core/experiments/identity';
import { experimentTrackerSuite } from '../../shared/experiment-tracker-suite';

const root = mkdtempSync(join(tmpdir(), 'quantlab-exp-tracker-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

experimentTrackerSuite('DirExperimentTracker', {
  open: (storage) => DirExperimentTracker.open(join(root, storage)),
});

const spec = () =>
  prepareSpec({
    specVersion: 1,
    profile: 'backtesting.py',
    strategy: 'sma-cross',
    params: { fast: 10, slow: 20 },
    inputs: [{ contentHash: 'ab'.repeat(32) }],
  });

describe('DirExperimentTracker specifics', () => {
  it('keeps one JSON record per experiment in <store>/experiments, beside the artifact store', async () => {
    const dir = join(root, 'layout');
    const tracker = await DirExperimentTracker.open(dir);
    const prepared = await spec();
    await tracker.create(prepared, { at: 0, appVersion: 'test' });
    await tracker.close();
    expect(readdirSync(dir).sort()).toEqual(['blobs', 'experiments', 'manifest', 'quarantine', 'store.json', 'tmp']);
    expect(readdirSync(join(dir, 'experiments'))).toEqual([`${prepared.id}.json`]);
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
    const stored = JSON.parse(await readFile(join(dir, 'experiments', `${prepared.id}.json`), 'utf8'));
    expect(stored).toMatchObject({ recordVersion: 1, id: prepared.id, status: 'draft' });
    // The artifact store still opens the directory: both share one store.
    await (await DirArtifactStore.open(dir)).close();
  });

  it('refuses a directory that is not a quantlab store', async () => {
    const dir = join(root, 'stranger');
    await DirExperimentTracker.open(join(dir, 'inner')); // fine: created from nothing
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    await expect(DirExperimentTracker.open(dir)).rejects.toThrow(/not a quantlab store/);
    expect(existsSync(join(dir, 'experiments'))).toBe(false);
  });

  it('reports a damaged record as CorruptStoreError naming the file', async () => {
    const dir = join(root, 'corrupt');
    const tracker = await DirExperimentTracker.open(dir);
    const prepared = await spec();
    await tracker.create(prepared, { at: 0, appVersion: 'test' });
    const path = join(dir, 'experiments', `${prepared.id}.json`);
    writeFileSync(path, '{"recordVersion": 1, "id": "oops"');
    await expect(tracker.get(prepared.id)).rejects.toThrow(CorruptStoreError);
    await expect(tracker.get(prepared.id)).rejects.toThrow(path);
    writeFileSync(path, JSON.stringify({ recordVersion: 7 }));
    await expect(tracker.list()).rejects.toThrow(/recordVersion 7; this version of the lab reads version 1/);
    await tracker.close();
  });

  it('names a Node session by host and pid, and tells a live holder from a dead one', () => {
    expect(nodeSession()).toBe(`node/${hostname()}/${process.pid}`);
    expect(nodeSessionAlive(nodeSession())).toBe(true);
    expect(nodeSessionAlive(nodeSession(2 ** 22 + 12345))).toBe(false);
    expect(nodeSessionAlive(`node/another-host-${hostname()}/1`)).toBe(true);
    expect(nodeSessionAlive('tab/1234')).toBe(true);
  });
});
