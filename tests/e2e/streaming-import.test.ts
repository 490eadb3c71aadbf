/**
 * A CSV of several import batches (150,000 minute bars: three 65,536-row row groups) streams through the import
 * worker from File.stream() and becomes the artifact `quantlab artifacts import` makes of the same file: the same id
 * and the same stored Parquet bytes (fileHash). The same bars as Parquet, read row group by row group from the File,
 * are that artifact. A larger CSV's progress shows its bytes read advancing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import * as pq from 'parquet-wasm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readOhlcvCsv } from '../../src/core/csv/read-ohlcv-csv';
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

  it('the same bars as Parquet of 40,000-row groups stream from the File into that artifact', async () => {
    const t = readOhlcvCsv(generatedBarsCsv({ rows: 150_000, eol: '\r\n', quoteEvery: 997 }), { source: 'x.csv' }).table;
    const table = tableFromArrays({
      time: Array.from(t.timestamp, (ms) => new Date(ms)),
      open: t.open,
      high: t.high,
      low: t.low,
      close: t.close,
      volume: t.volume,
    });
    const props = new pq.WriterPropertiesBuilder().setCompression(pq.Compression.SNAPPY).setMaxRowGroupSize(40_000).build();
    const path = writeTemp('MINUTES3.parquet', pq.writeParquet(pq.Table.fromIPCStream(tableToIPC(table, 'stream')), props));
    await page.getByTestId('file-input').setInputFiles([path]);
    // The CSV of the test above stored this content: the Parquet file is the same artifact.
    const r = await importResult(page, 'MINUTES3.parquet', ['existing', 'created'], 120_000);
    expect(r.status).toBe('existing');
  });

  it('a larger CSV’s progress shows its bytes read advancing to the whole file', async () => {
    const path = writeTemp('MINUTES8.csv', generatedBarsCsv({ rows: 600_000, seed: 11 }));
    await page.getByTestId('file-input').setInputFiles([path]);
    // Sampled in the page every animation frame until the progress bar goes: bytes read, size and the bar's value.
    const samples = await page.evaluate(
      () =>
        new Promise<{ read: number; total: number; bar: number; text: string }[]>((resolve) => {
          const out: { read: number; total: number; bar: number; text: string }[] = [];
          let seen = false;
          const tick = () => {
            const current = document.querySelector('[data-testid="import-current"][data-file="MINUTES8.csv"]');
            const bar = document.querySelector('[data-testid="import-progress"] [role="progressbar"]');
            if (current && bar) {
              seen = true;
              out.push({
                read: Number(current.getAttribute('data-bytes-read')),
                total: Number(current.getAttribute('data-bytes-total')),
                bar: Number(bar.getAttribute('aria-valuenow')),
                text: current.querySelector('[data-testid="import-bytes"]')?.textContent ?? '',
              });
            } else if (seen || document.querySelector('[data-testid="import-result"][data-file="MINUTES8.csv"]')) {
              resolve(out);
              return;
            }
            requestAnimationFrame(tick);
          };
          tick();
        }),
    );
    await importResult(page, 'MINUTES8.csv', ['created'], 180_000);
    const total = samples[0]?.total ?? 0;
    expect(total).toBeGreaterThan(30_000_000);
    const reads = [...new Set(samples.map((s) => s.read))];
    // Several distinct values strictly between nothing and the whole file, never going back, ending at the size.
    expect(reads.filter((r) => r > 0 && r < total).length).toBeGreaterThanOrEqual(5);
    expect(reads.every((r, i) => i === 0 || r > reads[i - 1])).toBe(true);
    expect(reads.at(-1)).toBe(total);
    const bars = samples.map((s) => s.bar);
    expect(bars.every((v, i) => i === 0 || v >= bars[i - 1])).toBe(true);
    expect(new Set(bars.filter((v) => v > 0 && v < 55)).size).toBeGreaterThanOrEqual(5);
    expect(samples.some((s) => / of .* read$/.test(s.text))).toBe(true);
  });
});
