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
      const listed = await page.locator('[data-testid="instrument"]').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-source')}:${r.getAttribute('data-instrument-id')}`));
      expect(listed.filter((i) => i.startsWith('sample:'))).toHaveLength(4);
      expect(listed).toContain(`file:${GOOG}`);
      expect(await page.getByText('Nothing imported yet.').count()).toBe(0);
      expect(await page.getByTestId('app-ready').count()).toBe(0);
      const before = await marks(b);
      expect(before.slice(0, 2)).toEqual(['shell-ready', 'instruments-listed']);
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
    // With DuckDB up, the selected instrument's bars are charted from it.
    await page.locator('[data-testid="price-chart"] canvas').waitFor({ timeout: 60_000 });
    expect(b.externalRequests).toEqual([]);
    expect(b.errors).toEqual([]);
  });
});
