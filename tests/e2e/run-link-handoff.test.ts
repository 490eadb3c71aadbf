/**
 * The reproducibility promise end to end: an experiment run from the UI in one browser profile, its run link copied
 * from the finished experiment, opened in a fresh profile (only localhost reachable) that is given the input file:
 * the re-run is identical, and the command line reproduces the same link with the same resultHash.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { main } from '../../src/cli/main';
import { sharedDataPath } from '../helpers/shared-data';
import { launchOffline, type OfflineBrowser } from './browser';
import { createAndRun, fillForm, openExperiments } from './experiments-page';
import { importResult } from './lab-page';

const baseUrl = inject('baseUrl');
const GOOG_ID = 'art_f2e4b64306bd2b8ab341951c';
const PINNED_RESULT_HASH = '09528be8afd1884cd397730e30c8bd93fba75b6a2ff7675eecfbcf931a940786';
const COSTS = { cash: '10000', commissionFixed: '0', commissionRelative: '0.002', spread: '0', margin: '1', exclusiveOrders: true, seed: '0' };

describe('run link handed from one profile to another', () => {
  const browsers: OfflineBrowser[] = [];
  const store = mkdtempSync(join(tmpdir(), 'quantlab-handoff-'));
  let link = '';

  afterAll(async () => {
    for (const b of browsers) await b.close();
    rmSync(store, { recursive: true, force: true });
  });

  it('profile A runs GOOG sma-cross 10/20 from the form and copies its run link', async () => {
    const a = await launchOffline();
    browsers.push(a);
    await a.page.goto(baseUrl);
    await a.page.getByTestId('app-ready').waitFor({ timeout: 90_000 });
    await a.page.getByTestId('file-input').setInputFiles(sharedDataPath('GOOG.csv'));
    await importResult(a.page, 'GOOG.csv', ['created', 'existing']);
    await openExperiments(a.page);
    await fillForm(a.page, { input: GOOG_ID, strategy: 'sma-cross', params: { fast: '10', slow: '20', sl: '', tp: '' }, ...COSTS });
    const run = await createAndRun(a.page);
    expect(run.resultHash).toBe(PINNED_RESULT_HASH);
    await a.page.getByTestId('copy-run-link').click();
    // Headless Chromium may refuse the clipboard; the action then shows the link to copy by hand. Either way it is here:
    await a.page.getByTestId('run-link-text').waitFor();
    link = (await a.page.getByTestId('run-link-text').inputValue()) ?? '';
    expect(link).toMatch(/#\/run\/v1\/[A-Za-z0-9_-]+$/);
    expect(a.externalRequests).toEqual([]);
  });

  it('profile A exports the run as a bundle with its inputs; the CLI verifies it and re-runs it: identical', async () => {
    const a = browsers[0];
    await a.page.getByTestId('export-with-inputs').check();
    const [download] = await Promise.all([a.page.waitForEvent('download'), a.page.getByTestId('export-bundle').click()]);
    expect(download.suggestedFilename()).toMatch(/^exp_[0-9a-f]+\.zip$/);
    const zip = join(store, download.suggestedFilename());
    await download.saveAs(zip);
    let out = '';
    await main(['reproduce', zip, '--store', join(store, 'bundle-store'), '--json'], (s) => (out += s));
    expect((JSON.parse(out) as { verdict: string }).verdict).toBe('identical');
    expect(out).toContain(PINNED_RESULT_HASH);
  });

  it('profile B, fresh and offline but for localhost, is given GOOG.csv and finds the result identical', async () => {
    const b = await launchOffline();
    browsers.push(b);
    await b.page.goto(`${baseUrl}${link.slice(link.indexOf('#'))}`);
    await b.page.getByTestId('app-ready').waitFor({ timeout: 90_000 });
    await b.page.locator('[data-testid="reproduce-input"][data-status="missing"]').waitFor();
    await b.page.getByTestId('reproduce-file-input').setInputFiles(sharedDataPath('GOOG.csv'));
    await b.page.locator('[data-testid="reproduce-input"][data-status="found"]').waitFor();
    await b.page.getByTestId('reproduce-run').click();
    await b.page.getByTestId('reproduce-verdict').waitFor({ timeout: 90_000 });
    expect(await b.page.getByTestId('reproduce-verdict').textContent()).toBe('identical');
    expect(await b.page.getByTestId('reproduce-result-hash').textContent()).toBe(PINNED_RESULT_HASH);
    expect(b.externalRequests).toEqual([]);
    expect(b.errors).toEqual([]);
  });

  it('the command line reproduces the same link with the same resultHash', async () => {
    let out = '';
    await main(['reproduce', link, '--data', dirname(sharedDataPath('GOOG.csv')), '--store', join(store, 'link-store'), '--json'], (s) => (out += s));
    const verdict = JSON.parse(out) as { verdict: string; actual?: { resultHash?: string }; resultHash?: string };
    expect(verdict.verdict).toBe('identical');
    expect(JSON.stringify(verdict)).toContain(PINNED_RESULT_HASH);
  });
});
