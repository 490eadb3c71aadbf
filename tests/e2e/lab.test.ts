import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { launchOffline, type OfflineBrowser } from './browser';
import { sharedDataPath } from '../helpers/shared-data';
import { GOOG_SMA_RESULT_HASH } from '../helpers/goog-experiment';
import * as pq from 'parquet-wasm';
import { sharedCsvAsParquet, writeTemp } from './data-files';

const baseUrl = inject('baseUrl');
/** The id of the GOOG sma-cross 10/20 spec (tests/helpers/goog-experiment.ts) with cash 10,000 and seed 0. */
const PINNED_EXPERIMENT = 'exp_99c61648f98d6fec74bccb88';
let b: OfflineBrowser;

async function runOnce(): Promise<string> {
  const { page } = b;
  await page.getByTestId('run-button').click();
  await page.waitForFunction(() => {
    const s = document.querySelector('[data-testid="run-status"]')?.textContent;
    return s === 'done' || s === 'failed';
  });
  expect(await page.getByTestId('run-status').textContent()).toBe('done');
  return (await page.getByTestId('result-hash').textContent()) ?? '';
}

describe('the lab in Chromium, offline', () => {
  beforeAll(async () => {
    b = await launchOffline();
    await b.page.goto(baseUrl);
    await b.page.getByTestId('app-ready').waitFor({ timeout: 90_000 });
  });

  afterAll(async () => {
    await b?.close();
  });

  it('reaches app-ready with every non-localhost request blocked, and asks for none', async () => {
    expect(await b.page.getByTestId('app-ready').count()).toBe(1);
    expect(await b.page.getByTestId('run-status').textContent()).toBe('idle');
    expect(b.externalRequests).toEqual([]);
    expect(b.errors).toEqual([]);
  });

  it('lists the sample instruments and charts the selected one from DuckDB', async () => {
    const { page } = b;
    const samples = page.locator('[data-testid="instrument"][data-source="sample"]');
    expect(await samples.count()).toBeGreaterThanOrEqual(3);
    const chart = page.getByTestId('price-chart');
    await chart.locator('canvas').waitFor();
    const firstPoints = Number(await chart.getAttribute('data-points'));
    expect(firstPoints).toBeGreaterThan(200);

    await samples.nth(2).click();
    const name = await samples.nth(2).locator('.name').textContent();
    await page.waitForFunction((n) => document.querySelector('[data-testid="instrument-title"]')?.textContent === n, name);
    const box = await chart.locator('canvas').boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    expect(box!.height).toBeGreaterThan(100);
  });

  it('imports GOOG.csv from the file input and charts all its bars', async () => {
    const { page } = b;
    await page.getByTestId('file-input').setInputFiles(sharedDataPath('GOOG.csv'));
    // An imported file is an instrument named after it (an artifact of its bars), selected once stored.
    await page.waitForFunction(() => document.querySelector('[data-testid="instrument-title"]')?.textContent === 'GOOG');
    expect(await page.getByTestId('price-chart').getAttribute('data-points')).toBe('2148');
    expect(await page.locator('.prices .meta').textContent()).toContain('2004-08-19');
    expect(await page.locator('.prices .meta').textContent()).toContain('2013-03-01');
  });

  it('imports a file dropped on the drop zone (BTCUSD.csv, monthly)', async () => {
    const { page } = b;
    const text = readFileSync(sharedDataPath('BTCUSD.csv'), 'utf8');
    const transfer = await page.evaluateHandle((csv) => {
      const dt = new DataTransfer();
      dt.items.add(new File([csv], 'BTCUSD.csv', { type: 'text/csv' }));
      return dt;
    }, text);
    await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer: transfer });
    await page.waitForFunction(() => document.querySelector('[data-testid="instrument-title"]')?.textContent === 'BTCUSD');
    expect(await page.getByTestId('price-chart').getAttribute('data-points')).toBe('156');
    // Back to GOOG for the runs below.
    await page.locator('[data-testid="instrument"]', { hasText: 'GOOG' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="instrument-title"]')?.textContent === 'GOOG');
    await page.getByTestId('price-chart').locator('canvas').waitFor();
  });

  it('Run is a tracked experiment: 10/20 at 0.002 without slippage is the CLI’s pinned GOOG experiment, same id and result hash', async () => {
    const { page } = b;
    await page.getByTestId('param-slow').fill('20');
    await page.getByTestId('param-commission').fill('0.002');
    await page.getByTestId('param-slippage').fill('0');
    await page.getByTestId('param-seed').fill('0');
    const first = await runOnce();
    // The resultHash the CLI and the experiment tests pin for this spec: the same engine, statistics and encoding.
    expect(first).toBe(GOOG_SMA_RESULT_HASH);
    const experiment = page.getByTestId('run-experiment');
    expect(await experiment.getAttribute('data-experiment-id')).toBe(PINNED_EXPERIMENT);
    expect(await experiment.getAttribute('data-status')).toBe('done');
    // What the panel shows is read back from the experiment's artifacts: equity over every bar, its trades, statistics.
    expect(await page.getByTestId('trade-count').textContent()).toBe('93');
    expect(await page.getByTestId('equity-chart').getAttribute('data-points')).toBe('2148');
    expect(await page.locator('[data-testid="run-trades"] tbody tr').count()).toBeGreaterThan(5);
    expect(await page.getByTestId('run-artifact').getAttribute('data-artifact-id')).toMatch(/^art_[0-9a-f]{24}$/);
    // Run again: a second attempt of the same experiment, the same bits.
    expect(await runOnce()).toBe(first);

    // Listed under Experiments with its status, provenance, results and run link.
    await experiment.click();
    const detail = page.locator(`[data-testid="experiment-detail"][data-experiment-id="${PINNED_EXPERIMENT}"][data-status="done"]`);
    await detail.waitFor();
    expect(await detail.getByTestId('result-hash').textContent()).toBe(GOOG_SMA_RESULT_HASH);
    expect(await detail.getByTestId('engine-build').getAttribute('data-engine-build')).toMatch(/^[0-9a-f]{64}$/);
    expect(await detail.getByTestId('copy-run-link').isEnabled()).toBe(true);
    expect(await page.locator(`[data-testid="experiment-row"][data-experiment-id="${PINNED_EXPERIMENT}"]`).count()).toBe(1);
    await page.getByTestId('tab-research').click();
    await page.getByTestId('run-status').waitFor();
  });

  it('slippage is a cost: another experiment, a lower final equity; back to none, the pinned hash again', async () => {
    const { page } = b;
    const money = async () => Number((await page.getByTestId('final-equity').textContent())!.replace(/[^0-9.-]/g, ''));
    expect(await runOnce()).toBe(GOOG_SMA_RESULT_HASH);
    const without = await money();
    await page.getByTestId('param-slippage').fill('5');
    const slipped = await runOnce();
    expect(slipped).not.toBe(GOOG_SMA_RESULT_HASH);
    expect(await page.getByTestId('run-experiment').getAttribute('data-experiment-id')).not.toBe(PINNED_EXPERIMENT);
    expect(await money()).toBeLessThan(without);
    await page.getByTestId('param-slippage').fill('0');
    expect(await runOnce()).toBe(GOOG_SMA_RESULT_HASH);
  });

  it('the same data as Parquet is the same artifact, with the same result hash as the CSV', async () => {
    const { page } = b;
    const csvHash = await page.getByTestId('result-hash').textContent();
    const instruments = await page.locator('[data-testid="instrument"]').count();
    const parquetPath = sharedCsvAsParquet('GOOG.csv', 'GOOG.parquet', pq.Compression.ZSTD, 1_000_000);
    await page.getByTestId('file-input').setInputFiles(parquetPath);
    const result = page.locator('[data-testid="import-result"][data-file="GOOG.parquet"]');
    await result.and(page.locator('[data-status="existing"]')).waitFor();
    expect(await result.textContent()).toContain('already stored');
    expect(await page.locator('[data-testid="instrument"]').count()).toBe(instruments);
    await page.waitForFunction(() => document.querySelector('[data-testid="instrument-title"]')?.textContent === 'GOOG');
    await page.getByTestId('price-chart').locator('canvas').waitFor();
    expect(await page.getByTestId('price-chart').getAttribute('data-points')).toBe('2148');
    expect(await runOnce()).toBe(csvHash);
  });

  it('quarantines a CSV that breaks OHLC rules, naming file, row, column and rule', async () => {
    const { page } = b;
    const bad = writeTemp('bad-bars.csv', 'date,open,high,low,close,volume\n2020-01-01,10,11,9,10,100\n2020-01-02,10,9.5,9,10,100\n');
    const before = await page.locator('[data-testid="instrument"]').count();
    await page.getByTestId('file-input').setInputFiles(bad);
    const err = page.locator('[data-testid="import-result"][data-file="bad-bars.csv"][data-status="quarantined"]');
    await err.waitFor();
    expect(await err.textContent()).toMatch(/bad-bars\.csv: row 3, column "high".*\[rule: high>=max\(open,close\)\]/);
    expect(await page.locator('[data-testid="instrument"]').count()).toBe(before);
  });

  it('quarantines a garbage file with a message naming it, and keeps what was loaded', async () => {
    const { page } = b;
    const bad = writeTemp('broken.parquet', 'this is not parquet');
    const before = await page.locator('[data-testid="instrument"]').count();
    await page.getByTestId('file-input').setInputFiles(bad);
    const err = page.locator('[data-testid="import-result"][data-file="broken.parquet"][data-status="quarantined"]');
    await err.waitFor();
    expect(await err.textContent()).toMatch(/broken\.parquet: not a Parquet file/);
    expect(await page.locator('[data-testid="instrument"]').count()).toBe(before);
    expect(b.externalRequests).toEqual([]);
  });
});
