import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { launchOffline, type OfflineBrowser } from './browser';
import { sharedDataPath, readSharedCloses } from '../helpers/shared-data';
import { loadNodeEngine } from '../../src/adapters/node/engine-loader';
import { kernelResultHash } from '../../src/core/result-hash';
import * as pq from 'parquet-wasm';
import { sharedCsvAsParquet, writeTemp } from './data-files';

const baseUrl = inject('baseUrl');
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

  it('runs the WASM kernel: a result hash, the same twice, equal to the Node engine on the same bars', async () => {
    const first = await runOnce();
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(Number(await b.page.getByTestId('trade-count').textContent())).toBeGreaterThan(10);
    const second = await runOnce();
    expect(second).toBe(first);

    // The browser read GOOG from its stored Parquet through a DuckDB projection; Node reads the CSV directly.
    const { open, close } = readSharedCloses('GOOG.csv');
    const engine = await loadNodeEngine();
    const r = engine.smaCross(open, close, { fast: 10, slow: 30, cash: 10_000, commission: 0.001, slippageBps: 2, seed: 1 });
    expect(await kernelResultHash(r.equity, r.trades)).toBe(first);
  });

  it('a different seed gives a different hash (slippage is seeded)', async () => {
    const before = await b.page.getByTestId('result-hash').textContent();
    await b.page.getByTestId('param-seed').fill('2');
    const other = await runOnce();
    expect(other).not.toBe(before);
    await b.page.getByTestId('param-seed').fill('1');
    expect(await runOnce()).toBe(before);
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
