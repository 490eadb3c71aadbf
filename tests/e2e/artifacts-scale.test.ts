/**
 * The browser store at the size of a research lake: 5,000 OHLCV artifacts of 500 instruments (and 300 quarantined
 * files) written straight into IndexedDB, then the lab reloaded on them. The Artifacts view, the instrument list and
 * the Quarantine view keep only the rows near their viewport in the DOM, filter as the user types, scroll to the
 * last row and move by keyboard. Timings are bench lines (bench/artifacts-view.ts), not assertions here.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seededInstrument, seededStore, writeSeededStore } from '../helpers/seed-browser-store';
import { launchOffline, type OfflineBrowser } from './browser';
import { openView } from './lab-page';

const baseUrl = inject('baseUrl');
const COUNT = 5000;
const INSTRUMENTS = 500;
const QUARANTINED = 300;
const SAMPLES = 4;
const TOTAL = COUNT + SAMPLES;
const seeded = seededStore(COUNT, INSTRUMENTS, QUARANTINED);
const seededIds = new Set(seeded.records.map((r) => r.id));
/** Seeded artifacts newest first, as the view lists them. */
const newestFirst = seeded.records.map((r) => r.id).reverse();

let b: OfflineBrowser;
let page: Page;

const rowIds = () => page.locator('[data-testid="artifact-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-artifact-id') ?? ''));
const countText = (testId: string, text: string) =>
  page.waitForFunction(([id, t]) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() === t, [testId, text] as const, {
    timeout: 10_000,
  });
const focusedIndex = () => page.evaluate(() => document.activeElement?.getAttribute('data-index') ?? null);

describe('a store of 5,000 artifacts in Chromium', () => {
  beforeAll(async () => {
    b = await launchOffline();
    page = b.page;
    await page.goto(baseUrl);
    await page.getByTestId('app-ready').waitFor({ timeout: 90_000 });
    await writeSeededStore(page, seeded);
    await page.reload();
    await page.locator('[data-testid="instrument-list"][data-listed="true"]').waitFor({ timeout: 60_000 });
  }, 180_000);

  afterAll(async () => {
    await b?.close();
  });

  it('the Artifacts view lists every artifact, newest first, with only the rows near the viewport in the DOM', async () => {
    await openView(page, 'artifacts');
    await countText('artifact-count', `${TOTAL} of ${TOTAL}`);
    const ids = await rowIds();
    expect(ids.length).toBeGreaterThan(5);
    expect(ids.length).toBeLessThan(100);
    const shown = ids.filter((id) => seededIds.has(id));
    expect(shown).toEqual(newestFirst.slice(0, shown.length));
    expect(await page.locator('[data-testid="artifact-scroll"] table').getAttribute('aria-rowcount')).toBe(String(TOTAL + 1));
  });

  it('filtering by instrument narrows with each keystroke to exactly that instrument’s artifacts', async () => {
    const input = page.getByTestId('filter-instrument');
    await input.pressSequentially('ins004');
    await countText('artifact-count', `${10 * (COUNT / INSTRUMENTS)} of ${TOTAL}`);
    await input.pressSequentially('2');
    await countText('artifact-count', `${COUNT / INSTRUMENTS} of ${TOTAL}`);
    const expected = newestFirst.filter((id) => seeded.records.find((r) => r.id === id)!.instruments[0] === 'INS0042');
    expect(expected).toHaveLength(10);
    expect(await rowIds()).toEqual(expected);
    await page.getByTestId('filter-clear').click();
    await countText('artifact-count', `${TOTAL} of ${TOTAL}`);
  });

  it('scrolling to the end shows the last artifact, still with few rows in the DOM', async () => {
    const oldest = seeded.records[0].id;
    await page.getByTestId('artifact-scroll').evaluate((box) => (box.scrollTop = box.scrollHeight));
    const last = page.locator(`[data-testid="artifact-row"][data-artifact-id="${oldest}"]`);
    await last.waitFor({ state: 'visible' });
    expect(await last.getAttribute('aria-rowindex')).toBe(String(TOTAL + 1));
    const ids = await rowIds();
    expect(ids[ids.length - 1]).toBe(oldest);
    expect(ids.length).toBeLessThan(100);
    const inBox = await page.getByTestId('artifact-scroll').evaluate((box, id) => {
      const row = box.querySelector(`[data-artifact-id="${id}"]`)!.getBoundingClientRect();
      const view = box.getBoundingClientRect();
      return row.top >= view.top && row.bottom <= view.bottom + 1;
    }, oldest);
    expect(inBox).toBe(true);
  });

  it('keyboard: Home, End and the arrows move focus across all rows, bringing them into the DOM', async () => {
    await page.locator('[data-testid="artifact-row"] button').last().focus();
    await page.keyboard.press('Home');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-index') === '0');
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-index') === '1');
    await page.keyboard.press('End');
    await page.waitForFunction((n) => document.activeElement?.getAttribute('data-index') === String(n - 1), TOTAL);
    expect(await page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-artifact-id'))).toBe(seeded.records[0].id);
    await page.keyboard.press('ArrowUp');
    expect(await focusedIndex()).toBe(String(TOTAL - 2));
  });

  it('the instrument list holds 5,000 imported instruments with few in the DOM, and finds one as you type', async () => {
    const files = page.locator('[data-testid="instrument"][data-source="file"]');
    const inDom = await files.count();
    expect(inDom).toBeGreaterThan(3);
    expect(inDom).toBeLessThan(100);
    expect(await page.locator('[data-testid="instrument-scroll"] li').first().getAttribute('aria-setsize')).toBe(String(COUNT));
    await page.getByTestId('instrument-filter').pressSequentially('INS0042');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="instrument"][data-source="file"]').length === 10);
    const names = await files.locator('.name').allTextContents();
    expect(new Set(names)).toEqual(new Set([seededInstrument(42, INSTRUMENTS)]));
    await page.getByTestId('instrument-filter').fill('');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="instrument"][data-source="file"]').length === n, inDom);
  });

  it('the Quarantine view lists 300 refused files with few in the DOM, and finds one as you type', async () => {
    await openView(page, 'quarantine');
    await countText('quarantine-count', `${QUARANTINED} of ${QUARANTINED}`);
    const rows = page.locator('[data-testid="quarantine-row"]');
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await rows.count()).toBeLessThan(40);
    await page.getByTestId('quarantine-filter').pressSequentially('refused-0042');
    await countText('quarantine-count', `1 of ${QUARANTINED}`);
    expect(await rows.evaluateAll((r) => r.map((x) => x.getAttribute('data-file')))).toEqual(['refused-0042.csv']);
    expect(await rows.first().locator('[data-testid="quarantine-reason"]').count()).toBe(1 + (42 % 4));
  });

  it('asked for nothing outside localhost and threw nothing uncaught', () => {
    expect(b.externalRequests).toEqual([]);
    expect(b.errors).toEqual([]);
  });
});
