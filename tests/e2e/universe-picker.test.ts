/**
 * The universe picker in Chromium, offline: in the new-experiment pane, take the sample universe (stored on demand,
 * 24 instruments), filter as you type, tick several, import a folder of files (universe12) and see them selected,
 * then "all of your data".
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sharedDataPath } from '../helpers/shared-data';
import { launchOffline, type OfflineBrowser } from './browser';
import { openExperiments } from './experiments-page';

const baseUrl = inject('baseUrl');
let b: OfflineBrowser;
let page: Page;

async function count(page: Page, n: number, timeout = 60_000): Promise<void> {
  await page.locator(`[data-testid="universe-count"][data-count="${n}"]`).waitFor({ timeout });
}

const rows = () => page.locator('[data-testid="universe-row"]');
const row = (instrument: string) => rows().filter({ has: page.locator('.name', { hasText: new RegExp(`^${instrument}$`) }) });

describe('universe picker in Chromium, offline', () => {
  beforeAll(async () => {
    b = await launchOffline();
    page = b.page;
    await page.goto(baseUrl);
    await page.getByTestId('app-ready').waitFor({ timeout: 90_000 });
    await openExperiments(page);
    await page.getByTestId('experiment-new').click();
    await page.getByTestId('universe-picker').waitFor();
  });

  afterAll(async () => {
    await b?.close();
  });

  it('takes the sample universe: 24 daily instruments stored once and selected', async () => {
    // Not stored at start: only the four samples are.
    expect(await page.locator('[data-testid="instrument"][data-source="sample"]').count()).toBe(4);
    await count(page, 0);
    await page.getByTestId('universe-sample').click();
    await count(page, 24);
    expect(await page.getByTestId('universe-count').getAttribute('data-interval')).toBe('1d');
    expect(await page.getByTestId('universe-count').textContent()).toContain('24 selected · 1d bars');
    // Stored as instruments of their own, listed with the samples.
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="instrument"][data-source="sample"]').length === 28);
  });

  it('filters as you type, adds what the filter shows, and ticks and unticks rows', async () => {
    await page.getByTestId('universe-clear').click();
    await count(page, 0);
    await page.getByTestId('universe-filter').fill('energy');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="universe-row"]').length === 6);
    await page.getByTestId('universe-filter').fill('TECH');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="universe-row"]').length === 6);
    await page.getByTestId('universe-add-matching').click();
    await count(page, 6);
    await page.getByTestId('universe-filter').fill('fin-');
    await row('fin-a').locator('input[type="checkbox"]').check();
    await row('fin-b').locator('input[type="checkbox"]').check();
    await count(page, 8);
    expect(await row('fin-a').getAttribute('data-selected')).toBe('true');
    await row('fin-a').locator('input[type="checkbox"]').uncheck();
    await count(page, 7);
    expect(await row('fin-a').getAttribute('data-selected')).toBe('false');
    await page.getByTestId('universe-filter').fill('');
  });

  it('imports a folder of files and selects the bars among them; a file that is not bars is named', async () => {
    await page.getByTestId('universe-folder-input').setInputFiles(sharedDataPath('universe12'));
    // 7 chosen before, and universe12's 12 daily instruments; closes.csv (closes only) is quarantined.
    await count(page, 19, 120_000);
    await expect.poll(() => page.getByTestId('universe-notice').textContent()).toContain('closes.csv: quarantined');
    expect(await page.locator('[data-testid="instrument"][data-source="file"]').count()).toBe(12);
  });

  it('"all of your data" is every imported instrument, not the samples', async () => {
    await page.getByTestId('universe-your-data').click();
    await count(page, 12);
    await page.getByTestId('universe-filter').fill('TEC');
    const selected = await rows().evaluateAll((els) => els.map((e) => `${e.querySelector('.name')?.textContent}:${e.getAttribute('data-selected')}`));
    expect(selected).toEqual(expect.arrayContaining(['TEC1:true', 'TEC2:true', 'TEC3:true', 'TEC4:true', 'tech-a:false']));
  });

  it('asked for nothing outside localhost and threw nothing uncaught', () => {
    expect(b.externalRequests).toEqual([]);
    expect(b.errors).toEqual([]);
  });
});
