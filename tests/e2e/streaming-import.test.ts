/**
 * A CSV of several import batches (150,000 minute bars: three 65,536-row row groups) streams through the import
 * worker from File.stream() and becomes the artifact `quantlab artifacts import` makes of the same file: the same id
 * and the same stored Parquet bytes (fileHash).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generatedBarsCsv } from '../helpers/generated-bars-csv';
import { cliJson } from '../helpers/cli-run';
import { launchOffline, type OfflineBrowser } from './browser';
import { writeTemp } from './data-files';
import { importResult, openView, showArtifact } from './lab-page';

const baseUrl = inject('baseUrl');
let b: OfflineBrowser;
let page: Page;
const storeDir = mkdtempSync(join(tmpdir(), 'quantlab-e2e-stream-'));

describe('streaming CSV import in Chromium', () => {
  beforeAll(async () => {
    b = await launchOffline();
    page = b.page;
    await page.goto(baseUrl);
    await page.getByTestId('app-ready').waitFor({ timeout: 90_000 });
  });

  afterAll(async () => {
    await b?.close();
    rmSync(storeDir, { recursive: true, force: true });
  });

  it('a generated 3-batch CSV gets the CLI’s id and stored bytes', async () => {
    const path = writeTemp('MINUTES3.csv', generatedBarsCsv({ rows: 150_000, eol: '\r\n', quoteEvery: 997 }));
    const cli = await cliJson<{ results: { id: string; record: { fileHash: string; rowCount: number } }[] }>([
      'artifacts',
      'import',
      path,
      '--store',
      storeDir,
    ]);
    const expected = cli.results[0];
    expect(expected.record.rowCount).toBe(150_000);

    await page.getByTestId('file-input').setInputFiles([path]);
    await importResult(page, 'MINUTES3.csv', ['created'], 120_000);
    await openView(page, 'artifacts');
    await showArtifact(page, expected.id);
    expect(await page.getByTestId('detail-id').textContent()).toBe(expected.id);
    expect(await page.getByTestId('detail-file-hash').textContent()).toBe(expected.record.fileHash);
    expect(await page.getByTestId('detail-rows').textContent()).toBe('150,000');
  });
});
