/**
 * Experiments that arrive from elsewhere, in Chromium with every non-localhost request blocked (fresh profiles):
 * - a result bundle made by the CLI, imported in the page: the Experiments tab lists the experiment done, with the
 *   bundle's resultHash, and its detail opens with its results and where it came from; importing it again keeps
 *   one record;
 * - its equity artifact cannot be deleted in the Artifacts view: refused naming the experiment, nothing changes;
 * - a SQL-signal run link made by the CLI re-runs in the reproduce panel: `identical`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { main } from '../../src/cli/main';
import type { ExperimentRecord } from '../../src/core/experiments/record';
import { sharedDataPath } from '../helpers/shared-data';
import { launchOffline, type OfflineBrowser } from './browser';
import { experimentRow, openExperiments } from './experiments-page';
import { artifactIds, openView, showArtifact } from './lab-page';
import { GOOG_HASH, GOOG_SMA_RESULT_HASH as RESULT_HASH } from '../helpers/goog-experiment';

const baseUrl = inject('baseUrl');
const EXPERIMENT_ID = 'exp_99c61648f98d6fec74bccb88';
const SIGNAL_SQL =
  'SELECT timestamp, CASE WHEN close > avg(close) OVER (ORDER BY timestamp ROWS 19 PRECEDING) THEN 1 ELSE -1 END AS position FROM bars ORDER BY timestamp';

const spec = (strategy: string, params: Record<string, unknown>, label: string) => ({
  specVersion: 1,
  profile: 'backtesting.py',
  label,
  strategy,
  params,
  inputs: [{ contentHash: GOOG_HASH, label: 'GOOG' }],
  broker: { exclusiveOrders: true },
  costs: { commission: { relative: 0.002 } },
});

const work = mkdtempSync(join(tmpdir(), 'quantlab-e2e-imported-'));
let bundle = '';
let sqlFragment = '';
let sqlRun: ExperimentRecord;

async function cli(args: string[]): Promise<string> {
  let out = '';
  await main(args, (s) => (out += s));
  return out;
}

beforeAll(async () => {
  const store = join(work, 'store');
  await cli(['artifacts', 'import', sharedDataPath('GOOG.csv'), '--store', store]);
  const pinned = join(work, 'goog.json');
  writeFileSync(pinned, JSON.stringify(spec('sma-cross', { fast: 10, slow: 20 }, 'GOOG sma 10/20')));
  await cli(['experiments', 'run', pinned, '--store', store]);
  bundle = join(work, 'goog-run.zip');
  await cli(['experiments', 'export', EXPERIMENT_ID, bundle, '--with-inputs', '--store', store]);
  const signal = join(work, 'signal.json');
  writeFileSync(signal, JSON.stringify(spec('sql-signal', { sql: SIGNAL_SQL }, 'GOOG above its 20-bar mean')));
  sqlRun = (JSON.parse(await cli(['experiments', 'run', signal, '--store', store, '--json'])) as { experiment: ExperimentRecord }).experiment;
  sqlFragment = (await cli(['experiments', 'link', sqlRun.id, '--fragment', '--store', store])).trim();
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a bundle imported in a fresh profile', () => {
  let b: OfflineBrowser;
  let page: Page;

  beforeAll(async () => {
    b = await launchOffline();
    page = b.page;
    await page.goto(baseUrl);
    await page.getByTestId('app-ready').waitFor({ timeout: 90_000 });
  });

  afterAll(async () => {
    await b?.close();
  });

  async function importBundle(): Promise<string | null> {
    await openView(page, 'research');
    await page.getByTestId('bundle-input').setInputFiles(bundle);
    const imported = page.locator('[data-testid="bundle-result"][data-status="imported"]');
    await imported.waitFor({ timeout: 60_000 });
    expect(await imported.getAttribute('data-experiment-id')).toBe(EXPERIMENT_ID);
    return imported.getAttribute('data-experiment');
  }

  it('lists the experiment in the Experiments tab, done, and its detail opens with the bundle as provenance', async () => {
    expect(await importBundle()).toBe('created');
    await openExperiments(page);
    const row = experimentRow(page, EXPERIMENT_ID);
    await row.waitFor({ timeout: 30_000 });
    expect(await row.getAttribute('data-status')).toBe('done');
    expect(await page.locator('[data-testid="experiment-row"]').count()).toBe(1);
    await row.click();
    const detail = page.locator(`[data-testid="experiment-detail"][data-experiment-id="${EXPERIMENT_ID}"][data-status="done"]`);
    await detail.waitFor();
    expect(await page.getByTestId('result-hash').textContent()).toBe(RESULT_HASH);
    expect(await page.getByTestId('experiment-imported').textContent()).toContain('from goog-run.zip');
    // Its results open like those of a run here: the equity artifact, made from GOOG.
    await page.getByTestId('detail-tab-artifacts').click();
    const equity = page.locator('[data-testid="result-artifact"][data-role="equity"]');
    await equity.waitFor({ timeout: 30_000 });
    expect(await equity.getAttribute('data-artifact-id')).toMatch(/^art_[0-9a-f]{24}$/);
    expect(await equity.getAttribute('data-inputs')).toBe('art_f2e4b64306bd2b8ab341951c');
  });

  it('importing the same bundle again keeps one record', async () => {
    expect(await importBundle()).toBe('existing');
    await openExperiments(page);
    await experimentRow(page, EXPERIMENT_ID).waitFor();
    expect(await page.locator('[data-testid="experiment-row"]').count()).toBe(1);
  });

  it('refuses to delete its equity artifact in the Artifacts view, naming the experiment; nothing changes', async () => {
    await openExperiments(page);
    await experimentRow(page, EXPERIMENT_ID).click();
    await page.getByTestId('detail-tab-artifacts').click();
    const equity = await page.locator('[data-testid="result-artifact"][data-role="equity"]').getAttribute('data-artifact-id');
    const ids = await artifactIds(page);
    expect(ids).toContain(equity);
    await showArtifact(page, equity!);
    await page.getByTestId('artifact-delete').click();
    await page.getByTestId('artifact-delete-confirm').click();
    const refusal = page.getByTestId('artifact-delete-error');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(
      `cannot delete ${equity}: it is the equity result of experiment ${EXPERIMENT_ID} (GOOG sma 10/20), done`,
    );
    expect(await artifactIds(page)).toEqual(ids);
    await openExperiments(page);
    expect(await experimentRow(page, EXPERIMENT_ID).getAttribute('data-status')).toBe('done');
  });

  it('made no request outside localhost and threw nothing', () => {
    expect(b.externalRequests).toEqual([]);
    expect(b.errors).toEqual([]);
  });
});

describe('a SQL-signal run link in a fresh profile', () => {
  let b: OfflineBrowser;

  beforeAll(async () => {
    b = await launchOffline();
  });

  afterAll(async () => {
    await b?.close();
  });

  it('re-runs in the reproduce panel: identical, with the CLI’s resultHash', async () => {
    const page = b.page;
    await page.goto(`${baseUrl}${sqlFragment}`);
    await page.getByTestId('app-ready').waitFor({ timeout: 90_000 });
    await page.locator('[data-testid="reproduce-input"][data-status="missing"]').waitFor();
    await page.getByTestId('reproduce-file-input').setInputFiles(sharedDataPath('GOOG.csv'));
    await page.locator('[data-testid="reproduce-input"][data-status="found"]').waitFor();
    await page.getByTestId('reproduce-run').click();
    await page.getByTestId('reproduce-verdict').waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('reproduce-verdict').textContent()).toBe('identical');
    expect(await page.getByTestId('reproduce-result-hash').textContent()).toBe(sqlRun.results!.resultHash);
    expect(await page.getByTestId('reproduce-experiment').textContent()).toBe(sqlRun.id);
    expect(b.externalRequests).toEqual([]);
    expect(b.errors).toEqual([]);
  });
});
