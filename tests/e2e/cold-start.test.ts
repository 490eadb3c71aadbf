import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchOffline, type OfflineBrowser } from './browser';
import { importResult } from './lab-page';
import { sharedDataPath } from '../helpers/shared-data';

const baseUrl = inject('baseUrl');
const GOOG = 'art_f2e4b64306bd2b8ab341951c';
const DUCKDB_WASM = /\/assets\/duckdb-(eh|mvp)-[^/]*\.wasm$/;

/** The start-up marks the page recorded (`quantlab:<name>`), in the order it recorded them. */
async function marks(b: OfflineBrowser): Promise<string[]> {
  return b.page.evaluate(() =>
    performance
      .getEntriesByType('mark')
      .map((m) => m.name)
      .filter((n) => n.startsWith('quantlab:'))
      .map((n) => n.slice('quantlab:'.length)),
  );
}

describe('start-up: what is stored is listed before DuckDB is up', () => {
  let b: OfflineBrowser;

  beforeAll(async () => {
    // No service worker: every request of the reload goes through the routes below, DuckDB's wasm included.
    b = await launchOffline({ serviceWorkers: 'block' });
    await b.page.goto(baseUrl);
    await b.page.getByTestId('app-ready').waitFor({ timeout: 90_000 });
    await b.page.getByTestId('file-input').setInputFiles(sharedDataPath('GOOG.csv'));
    expect((await importResult(b.page, 'GOOG.csv', ['created'])).status).toBe('created');
  });

  afterAll(async () => {
    await b?.close();
  });

  it('lists the stored instruments from the store while DuckDB cannot have started, then starts DuckDB', async () => {
    const { page, context } = b;
    // DuckDB's wasm is held until the list has been seen: DuckDB cannot be ready before, whatever the timing.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const held: string[] = [];
    await context.route(DUCKDB_WASM, async (route) => {
      held.push(route.request().url());
      await released;
      await route.fallback();
    });
    try {
      await page.reload();
      await page.locator('[data-testid="instrument-list"][data-listed="true"]').waitFor({ timeout: 30_000 });
      const listed = await page
        .locator('[data-testid="instrument"]')
        .evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-source')}:${r.getAttribute('data-instrument-id')}`));
      expect(listed.filter((i) => i.startsWith('sample:'))).toHaveLength(4);
      expect(listed).toContain(`file:${GOOG}`);
      expect(await page.getByText('Nothing imported yet.').count()).toBe(0);
      expect(await page.getByTestId('app-ready').count()).toBe(0);
      const before = await marks(b);
      // The engine may report at any point after the shell (its own worker); DuckDB and the app not yet.
      expect(before.filter((m) => m !== 'engine-ready').slice(0, 2)).toEqual(['shell-ready', 'instruments-listed']);
      expect(before).not.toContain('duckdb-ready');
      expect(before).not.toContain('app-ready');
    } finally {
      release();
    }
    await page.getByTestId('app-ready').waitFor({ timeout: 90_000 });
    expect(held.length).toBeGreaterThan(0);
    // The engine may start before or after the list; DuckDB comes after it, and app-ready last.
    const order = await marks(b);
    expect(order.filter((m) => m !== 'engine-ready')).toEqual(['shell-ready', 'instruments-listed', 'duckdb-ready', 'app-ready']);
    expect(order).toContain('engine-ready');
    // DuckDB's start, phase by phase in the page (its worker marks fetch and compile in its own timeline).
    const phases = await page.evaluate(() =>
      performance
        .getEntriesByType('mark')
        .map((m) => m.name)
        .filter((n) => n.startsWith('quantlab-duckdb:')),
    );
    expect(phases).toEqual(['client-loaded', 'instantiated', 'opened', 'configured'].map((p) => `quantlab-duckdb:${p}`));
    // With DuckDB up, the selected instrument's bars are charted from it.
    await page.locator('[data-testid="price-chart"] canvas').waitFor({ timeout: 60_000 });
    expect(b.externalRequests).toEqual([]);
    expect(b.errors).toEqual([]);
  });
});

describe('start-up: the views other than the first are chunks of their own, loaded when opened', () => {
  let b: OfflineBrowser;

  beforeAll(async () => {
    b = await launchOffline();
  });

  afterAll(async () => {
    await b?.close();
  });

  it('loads none of them with the page; each view opens, from the service worker with the network off', async () => {
    const { page, context } = b;
    const scripts: { path: string; fromServiceWorker: boolean }[] = [];
    page.on('response', (r) => {
      if (r.request().resourceType() === 'script') scripts.push({ path: new URL(r.url()).pathname, fromServiceWorker: r.fromServiceWorker() });
    });
    await page.goto(baseUrl);
    await page.getByTestId('app-ready').waitFor({ timeout: 90_000 });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 90_000, polling: 100 });
    // The view chunks were not loaded with the first view.
    const firstLoad = scripts.map((s) => s.path);
    for (const view of ['experiments', 'sweeps', 'artifacts', 'quarantine', 'storage']) {
      expect(
        firstLoad.some((p) => p.includes(`/${view}-view-`)),
        `${view} view loaded with the page`,
      ).toBe(false);
    }
    await context.setOffline(true);
    scripts.length = 0;
    await page.reload();
    await page.getByTestId('app-ready').waitFor({ timeout: 90_000 });
    for (const view of ['experiments', 'sweeps', 'artifacts', 'quarantine', 'storage']) {
      await page.getByTestId(`tab-${view}`).click();
      await page.getByTestId(`${view}-view`).waitFor({ timeout: 30_000 });
    }
    const viewChunks = scripts.map((s) => /^\/assets\/([a-z]+)-view-[^/]*\.js$/.exec(s.path)?.[1]).filter((v) => v !== undefined);
    expect(viewChunks.sort()).toEqual(['artifacts', 'experiments', 'quarantine', 'storage', 'sweeps']);
    expect(scripts.filter((s) => !s.fromServiceWorker)).toEqual([]);
    expect(b.externalRequests).toEqual([]);
    expect(b.errors).toEqual([]);
  });
});

describe("start-up: DuckDB's wasm is requested before the lab's code has loaded", () => {
  let b: OfflineBrowser;

  beforeAll(async () => {
    // No service worker: every request goes through the routes below.
    b = await launchOffline({ serviceWorkers: 'block' });
  });

  afterAll(async () => {
    await b?.close();
  });

  it('fetches the wasm while the main chunk (Svelte, the views, the store) is held, then starts as usual', async () => {
    const { page, context } = b;
    const MAIN_CHUNK = /\/assets\/main-[^/]*\.js$/;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let wasmRequested!: () => void;
    const wasmSeen = new Promise<void>((resolve) => (wasmRequested = resolve));
    const mainHeld: string[] = [];
    await context.route(MAIN_CHUNK, async (route) => {
      mainHeld.push(route.request().url());
      await released;
      await route.fallback();
    });
    await context.route(DUCKDB_WASM, async (route) => {
      wasmRequested();
      await route.fallback();
    });
    try {
      await page.goto(baseUrl);
      // Only the page's small entry has run: if it did not start DuckDB's worker, no wasm request comes while held.
      const seen = await Promise.race([wasmSeen.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 30_000))]);
      expect(seen, 'no DuckDB wasm request while the main chunk was held').toBe(true);
      expect(mainHeld.length).toBeGreaterThan(0);
      expect(await page.getByTestId('app-ready').count()).toBe(0);
    } finally {
      release();
    }
    await page.getByTestId('app-ready').waitFor({ timeout: 90_000 });
    expect(b.externalRequests).toEqual([]);
    expect(b.errors).toEqual([]);
  });
});
