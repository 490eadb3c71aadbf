/**
 * A version-2 (lab profile) experiment shared between browser profiles, in Chromium with every non-localhost
 * request blocked:
 * - made with the CLI in Node: xmom on all twelve instruments of ../shared/data/universe12, exported as a bundle with
 *   its inputs; profile A imports the bundle in the page, the Experiments tab lists the experiment done with the
 *   bundle as provenance, and its detail copies the run link — the same link the CLI prints;
 * - profile B, fresh, opens the link: the reproduce panel lists the twelve inputs missing (name, contentHash,
 *   rows); a dropped file holding other data is named and refused (nothing stored); the universe12 folder picked
 *   as one folder (twelve instruments, and a closes table that is not one) admits each input by contentHash; the
 *   re-run on the page's lab engine is `identical`, with the resultHash the CLI computed;
 * - the CLI reproduces the page's link from the folder with the same resultHash.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { main } from '../../src/cli/main';
import type { ExperimentRecord } from '../../src/core/experiments/record';
import { decodeRunLink } from '../../src/core/reproduce/run-link';
import { sharedDataPath } from '../helpers/shared-data';
import { launchOffline, type OfflineBrowser } from './browser';
import { experimentRow, openExperiments } from './experiments-page';
import { openView } from './lab-page';

const baseUrl = inject('baseUrl');
const NAMES = ['FIN1', 'FIN2', 'FIN3', 'FIN4', 'NRG1', 'NRG2', 'NRG3', 'NRG4', 'TEC1', 'TEC2', 'TEC3', 'TEC4'];
const FOLDER = sharedDataPath('universe12');

const work = mkdtempSync(join(tmpdir(), 'quantlab-e2e-universe-share-'));
let run: ExperimentRecord;
let cliFragment = '';
let bundle = '';
let pageLink = '';

async function cli(args: string[]): Promise<string> {
  let out = '';
  await main(args, (s) => (out += s));
  return out;
}

beforeAll(async () => {
  const store = join(work, 'store');
  const imported = JSON.parse(await cli(['artifacts', 'import', ...NAMES.map((n) => join(FOLDER, `${n}.csv`)), '--store', store, '--json'])) as {
    results: Array<{ record: { contentHash: string } }>;
  };
  const spec = {
    specVersion: 2,
    profile: 'lab',
    label: 'universe12 xmom 12-1',
    strategy: 'xmom',
    params: { lookback: 252, skip: 21, rebalance: 1, top_k: 3, bottom_k: 3 },
    inputs: imported.results.map((r) => ({ contentHash: r.record.contentHash })),
    config: { commission: { relative: 0.001 }, allowShort: true },
  };
  writeFileSync(join(work, 'xmom.json'), JSON.stringify(spec));
  run = (JSON.parse(await cli(['experiments', 'run', join(work, 'xmom.json'), '--store', store, '--json'])) as { experiment: ExperimentRecord })
    .experiment;
  cliFragment = (await cli(['experiments', 'link', run.id, '--fragment', '--store', store])).trim();
  bundle = join(work, 'universe12-xmom.zip');
  await cli(['experiments', 'export', run.id, bundle, '--with-inputs', '--store', store]);
}, 240_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a universe experiment from one profile to another', () => {
  const browsers: OfflineBrowser[] = [];

  afterAll(async () => {
    for (const b of browsers) await b.close();
  });

  it('profile A imports its bundle: listed done, from the bundle; its run link is the one the CLI prints', async () => {
    expect(run.status).toBe('done');
    const a = await launchOffline();
    browsers.push(a);
    const page = a.page;
    await page.goto(baseUrl);
    await page.getByTestId('app-ready').waitFor({ timeout: 90_000 });
    await openView(page, 'research');
    await page.getByTestId('bundle-input').setInputFiles(bundle);
    const imported = page.locator('[data-testid="bundle-result"][data-status="imported"]');
    await imported.waitFor({ timeout: 120_000 });
    expect(await imported.getAttribute('data-experiment-id')).toBe(run.id);
    expect(await imported.getAttribute('data-experiment')).toBe('created');

    await openExperiments(page);
    const row = experimentRow(page, run.id);
    await row.waitFor({ timeout: 30_000 });
    expect(await row.getAttribute('data-status')).toBe('done');
    await row.click();
    await page.locator(`[data-testid="experiment-detail"][data-experiment-id="${run.id}"][data-status="done"]`).waitFor();
    expect(await page.getByTestId('experiment-imported').textContent()).toContain('from universe12-xmom.zip');
    await page.getByTestId('copy-run-link').click();
    // Headless Chromium may refuse the clipboard; the action then shows the link to copy by hand.
    await page.getByTestId('run-link-text').waitFor();
    pageLink = (await page.getByTestId('run-link-text').inputValue()) ?? '';
    expect(pageLink.slice(pageLink.indexOf('#'))).toBe(cliFragment);
    expect(a.externalRequests).toEqual([]);
  }, 300_000);

  it('profile B lists the twelve missing inputs, refuses a wrong file, takes the folder and re-runs: identical', async () => {
    const b = await launchOffline();
    browsers.push(b);
    const page = b.page;
    await page.goto(`${baseUrl}${pageLink.slice(pageLink.indexOf('#'))}`);
    await page.getByTestId('app-ready').waitFor({ timeout: 90_000 });
    const missing = page.locator('[data-testid="reproduce-input"][data-status="missing"]');
    await missing.first().waitFor();
    expect(await missing.count()).toBe(12);
    expect(await page.getByTestId('reproduce-missing-count').getAttribute('data-missing')).toBe('12');
    const link = decodeRunLink(pageLink);
    expect(await missing.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-content-hash')))).toEqual(link.inputs.map((i) => i.contentHash));
    expect(await missing.first().textContent()).toMatch(/FIN1\s*1,500 rows · contentHash/);

    // A file dropped on the panel that holds other bars: named, refused, nothing stored.
    const goog = readFileSync(sharedDataPath('GOOG.csv')).toString('base64');
    await page.getByTestId('reproduce-drop').evaluate((zone, base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'GOOG.csv', { type: 'text/csv' }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, goog);
    const refused = page.locator('[data-testid="reproduce-admission"][data-status="refused"][data-file="GOOG.csv"]');
    await refused.waitFor({ timeout: 60_000 });
    expect(await refused.textContent()).toMatch(
      /^GOOG\.csv holds other data \(contentHash [0-9a-f]{12}…\); this run needs FIN1 .*; nothing was stored$/,
    );
    expect(await page.getByTestId('reproduce-reason').textContent()).toBe('input-mismatch');
    expect(await missing.count()).toBe(12);

    // The whole folder at once: every instrument admitted by contentHash, the closes table refused by name.
    await page.getByTestId('reproduce-folder-input').setInputFiles(FOLDER);
    await page.locator('[data-testid="reproduce-input"][data-status="found"]').nth(11).waitFor({ timeout: 120_000 });
    expect(await missing.count()).toBe(0);
    const accepted = page.locator('[data-testid="reproduce-admission"][data-status="accepted"]');
    expect((await accepted.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-file')))).sort()).toEqual(NAMES.map((n) => `${n}.csv`));
    await page.locator('[data-testid="reproduce-admission"][data-status="refused"][data-file="closes.csv"]').waitFor();
    // Complete now: the mismatch of the wrong file no longer stands.
    expect(await page.getByTestId('reproduce-verdict').count()).toBe(0);

    await page.getByTestId('reproduce-run').click();
    await page.locator('[data-testid="reproduce-verdict"], [data-testid="reproduce-error"]').first().waitFor({ timeout: 180_000 });
    expect((await page.getByTestId('reproduce-error').count()) ? await page.getByTestId('reproduce-error').textContent() : null).toBeNull();
    expect(await page.getByTestId('reproduce-verdict').textContent()).toBe('identical');
    expect(await page.getByTestId('reproduce-result-hash').textContent()).toBe(run.results!.resultHash);
    expect(await page.getByTestId('reproduce-experiment').textContent()).toBe(run.id);
    expect(b.externalRequests).toEqual([]);
    expect(b.errors).toEqual([]);
  }, 400_000);

  it('the command line reproduces the page’s link from the folder with the same resultHash', async () => {
    const out = JSON.parse(await cli(['reproduce', pageLink, '--data', FOLDER, '--store', join(work, 'fresh'), '--json'])) as {
      verdict: string;
      actual: { resultHash: string };
    };
    expect(out.verdict).toBe('identical');
    expect(out.actual.resultHash).toBe(run.results!.resultHash);
  });
});
