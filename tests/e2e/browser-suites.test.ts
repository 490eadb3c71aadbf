import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchOffline, type OfflineBrowser } from './browser';

interface Result {
  name: string;
  ok: boolean;
  error?: string;
}

// The shared contract suites (tests/shared) run in real Chromium on its real IndexedDB; see tests/browser/.
describe('shared suites in Chromium', () => {
  let b: OfflineBrowser;
  let results: Result[] = [];

  beforeAll(async () => {
    b = await launchOffline();
    await b.page.goto(inject('browserSuitesUrl'));
    await b.page.waitForFunction(() => document.body.dataset.done === 'true', undefined, { timeout: 110_000 });
    results = (await b.page.evaluate(() => (window as unknown as { __testResults: Result[] }).__testResults)) ?? [];
  });

  afterAll(async () => {
    await b?.close();
  });

  it('the artifact-store contract passes on IndexedDB in Chromium', () => {
    const store = results.filter((r) => r.name.includes('IdbArtifactStore in Chromium'));
    expect(store.length).toBeGreaterThanOrEqual(19);
    expect(store.filter((r) => !r.ok)).toEqual([]);
  });

  it('a database written by an earlier version of the artifact store upgrades in Chromium with every record and the same answers', () => {
    const upgrade = results.filter((r) => r.name.includes('IndexedDB artifact store upgrade: Chromium'));
    expect(upgrade.length).toBeGreaterThanOrEqual(1);
    expect(upgrade.filter((r) => !r.ok)).toEqual([]);
  });

  it('the experiment-tracker contract passes on IndexedDB in Chromium', () => {
    const tracker = results.filter((r) => r.name.includes('IdbExperimentTracker in Chromium'));
    expect(tracker.length).toBeGreaterThanOrEqual(14);
    expect(tracker.filter((r) => !r.ok)).toEqual([]);
  });

  it('asked for nothing outside localhost and threw nothing uncaught', () => {
    expect(b.externalRequests).toEqual([]);
    expect(b.errors).toEqual([]);
  });
});
