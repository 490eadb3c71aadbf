/**
 * The artifact store in the browser, end to end: import (picker, several files, progress, cancel), the CLI's ids and
 * the Node codec's bytes, quarantine, results with lineage, delete and gc, disposable projections, a reload on the
 * same profile, two tabs at once and a full storage — in Chromium with every non-localhost request blocked.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as pq from 'parquet-wasm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { NodeParquetCodec } from '../../src/adapters/node/node-parquet-codec';
import { ohlcvContentHash } from '../../src/core/artifacts/content-hash';
import { readOhlcvCsv } from '../../src/core/csv/read-ohlcv-csv';
import { canonicalOhlcvIpc, CANONICAL_PARQUET_V1 } from '../../src/handlers/import-canonical-parquet';
import { sharedDataPath } from '../helpers/shared-data';
import { launchOffline, type OfflineBrowser } from './browser';
import { minuteBarsCsv, sharedCsvAsParquet, writeTemp } from './data-files';
import { artifactIds, importResult, openView, quarantineFiles, runOnce, selectInstrument, showArtifact, storeUsage } from './lab-page';

const baseUrl = inject('baseUrl');

// The CLI's pinned ids (tests/unit/cli/artifacts.test.ts): the same bars have the same id everywhere.
const GOOG = 'art_f2e4b64306bd2b8ab341951c';
const EURUSD = 'art_65ea6e0d7688c6c98b3c820d';
const BTCUSD = 'art_d1bf23e7a26934549115f757';

let b: OfflineBrowser;
let page: Page;
let runHash = '';
let runExperiment = '';

async function importPaths(paths: string[]): Promise<void> {
  await page.getByTestId('file-input').setInputFiles(paths);
}

describe('artifacts in Chromium, offline', () => {
  beforeAll(async () => {
    b = await launchOffline();
    page = b.page;
    await page.goto(baseUrl);
    await page.getByTestId('app-ready').waitFor({ timeout: 90_000 });
  });

  afterAll(async () => {
    await b?.close();
  });

  it('the embedded samples are artifacts tagged sample, listed as instruments', async () => {
    const samples = page.locator('[data-testid="instrument"][data-source="sample"]');
    expect(await samples.count()).toBe(4);
    await openView(page, 'artifacts');
    await page.getByTestId('filter-tag').fill('sample');
    expect(await page.locator('[data-testid="artifact-row"][data-kind="ohlcv"]').count()).toBe(4);
    await page.getByTestId('filter-clear').click();
  });

  it('GOOG.csv becomes the CLI’s artifact id, with the Node codec’s canonical Parquet bytes', async () => {
    await importPaths([sharedDataPath('GOOG.csv')]);
    const r = await importResult(page, 'GOOG.csv', ['created']);
    expect(r.text).toContain('GOOG');

    const csv = readOhlcvCsv(readFileSync(sharedDataPath('GOOG.csv'), 'utf8'), { source: 'GOOG.csv' });
    const contentHash = await ohlcvContentHash(csv.table);
    const nodeBytes = await new NodeParquetCodec().writeParquet(canonicalOhlcvIpc(csv.table), CANONICAL_PARQUET_V1);
    const fileHash = createHash('sha256').update(nodeBytes).digest('hex');

    await showArtifact(page, GOOG);
    expect(await page.getByTestId('detail-id').textContent()).toBe(GOOG);
    expect(await page.getByTestId('detail-content-hash').textContent()).toBe(contentHash);
    expect(await page.getByTestId('detail-file-hash').textContent()).toBe(fileHash);
    expect(await page.getByTestId('detail-rows').textContent()).toBe('2,148');
    // Details come from DuckDB on a projection of the stored Parquet.
    expect(await page.locator('[data-testid="preview-row"]').count()).toBe(20);
    expect(await page.locator('[data-testid="rows-preview"] tbody tr').first().textContent()).toContain('2004-08-19');
    await page.getByTestId('column-stats').waitFor();
    expect(await page.locator('[data-testid="column-stats"] tbody tr').count()).toBe(6);
    const coverage = page.locator('[data-testid="coverage-report"] [data-testid="coverage-row"]');
    await coverage.waitFor();
    expect(await coverage.textContent()).toContain('2013-03-01');
  });

  it('finds artifacts by hash prefix and by date range', async () => {
    await openView(page, 'artifacts');
    const rows = page.locator('[data-testid="artifact-row"]');
    await page.getByTestId('filter-hash').fill(GOOG.slice(0, 10));
    expect(await rows.evaluateAll((r) => r.map((x) => x.getAttribute('data-artifact-id')))).toEqual([GOOG]);
    await page.getByTestId('filter-clear').click();
    // Only GOOG's bars (2004-08-19 … 2013-03-01) overlap 2005; the samples start in 2015.
    await page.getByTestId('filter-from').fill('2005-01-01');
    await page.getByTestId('filter-to').fill('2005-12-31');
    expect(await rows.evaluateAll((r) => r.map((x) => x.getAttribute('data-artifact-id')))).toEqual([GOOG]);
    await page.getByTestId('filter-clear').click();
    expect(await rows.count()).toBe(5);
  });

  it('the same bars as SNAPPY Parquet with other row groups are the same artifact: "already stored"', async () => {
    const before = await artifactIds(page);
    await importPaths([sharedCsvAsParquet('GOOG.csv', 'GOOG-snappy.parquet', pq.Compression.SNAPPY, 300)]);
    const r = await importResult(page, 'GOOG-snappy.parquet', ['existing']);
    expect(r.text).toContain('already stored');
    expect(r.text).toContain(GOOG.slice(0, 16));
    expect(await artifactIds(page)).toEqual(before);
  });

  it('an invalid CSV lands in quarantine with row, column and rule; it is no instrument and no artifact', async () => {
    const instruments = await page.locator('[data-testid="instrument"]').count();
    const artifacts = await artifactIds(page);
    const bad = writeTemp(
      'bad-bars.csv',
      'date,open,high,low,close,volume\n2020-01-01,10,11,9,10,100\n2020-01-02,10,9.5,9,10,100\n2020-01-03,10,11,9,10,-5\n',
    );
    await importPaths([bad]);
    const r = await importResult(page, 'bad-bars.csv', ['quarantined']);
    expect(r.text).toMatch(/row 3, column "high"/);

    await openView(page, 'quarantine');
    const entry = page.locator('[data-testid="quarantine-row"][data-file="bad-bars.csv"]');
    await entry.waitFor();
    const high = entry.locator('[data-testid="quarantine-reason"][data-row="3"][data-column="high"]');
    expect(await high.getAttribute('data-code')).toBe('high>=max(open,close)');
    expect(await high.textContent()).toContain('high>=max(open,close)');
    const volume = entry.locator('[data-testid="quarantine-reason"][data-row="4"][data-column="volume"]');
    expect(await volume.getAttribute('data-code')).toBe('volume>=0');

    expect(await page.locator('[data-testid="instrument"]').count()).toBe(instruments);
    expect(await artifactIds(page)).toEqual(artifacts);
  });

  it('empty, garbage and truncated files: refused or quarantined with a clear reason', async () => {
    const goog = readFileSync(sharedCsvAsParquet('GOOG.csv', 'whole.parquet', pq.Compression.ZSTD, 1000));
    await importPaths([
      writeTemp('empty.csv', ''),
      writeTemp('garbage.parquet', 'this is not parquet at all'),
      writeTemp('truncated.parquet', goog.subarray(0, Math.floor(goog.length / 2))),
      writeTemp('notes.txt', 'hello'),
    ]);
    expect((await importResult(page, 'empty.csv', ['refused'])).text).toContain('the file is empty');
    expect((await importResult(page, 'notes.txt', ['refused'])).text).toContain('unsupported file type');
    expect((await importResult(page, 'garbage.parquet', ['quarantined'])).text).toContain('not a Parquet file');
    expect((await importResult(page, 'truncated.parquet', ['quarantined'])).text).toMatch(/truncated/);
    expect(await quarantineFiles(page)).toEqual(['bad-bars.csv', 'garbage.parquet', 'truncated.parquet']);
  });

  it('a file with several problems shows every one — parse errors and rule violations — with row, column and rule', async () => {
    const lines = readFileSync(sharedDataPath('GOOG.csv'), 'utf8').trimEnd().split('\n');
    const several = [...lines];
    several[3] = several[3].replace(/,[^,]*$/, ',many'); // line 4: unparseable volume
    several[6] = '2004-08-30,1,2,3'; // line 7: too few fields
    several[9] = several[9].replace(/^([^,]*),([^,]*),/, '$1,-$2,'); // line 10: negative open
    several[14] = several[14].replace(/^[^,]*,/, 'someday,'); // line 15: unparseable date
    // Every data row with a word for its volume: more reasons than an entry keeps.
    const every = lines.map((l, i) => (i === 0 ? l : l.replace(/,[^,]*$/, ',many')));
    await importPaths([writeTemp('several-problems.csv', `${several.join('\n')}\n`), writeTemp('every-row-bad.csv', `${every.join('\n')}\n`)]);
    expect((await importResult(page, 'several-problems.csv', ['quarantined'])).text).toContain('(+4 more)');
    await importResult(page, 'every-row-bad.csv', ['quarantined']);

    await openView(page, 'quarantine');
    const entry = page.locator('[data-testid="quarantine-row"][data-file="several-problems.csv"]');
    await entry.waitFor();
    expect(await entry.getAttribute('data-reasons-total')).toBe('5');
    const reasons = await entry
      .locator('[data-testid="quarantine-reason"]')
      .evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-row'), r.getAttribute('data-column'), r.getAttribute('data-code')]));
    expect(reasons).toEqual([
      ['4', 'Volume', 'unparseable-number'],
      ['7', '', 'field-count'],
      ['10', 'open', 'price>0'],
      ['10', 'low', 'low<=min(open,close)'],
      ['15', '', 'unparseable-timestamp'],
    ]);
    // What a reader sees: the entry is headed by the file, and each reason's cells show its row, column and rule
    // (a dash for no column; GOOG.csv's timestamp column has no name in its header).
    expect(await entry.getByRole('heading', { level: 3 }).textContent()).toBe('several-problems.csv');
    const cells = await entry
      .locator('[data-testid="quarantine-reason"]')
      .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent?.trim())));
    expect(cells).toEqual([
      ['4', 'Volume', 'unparseable-number'],
      ['7', '—', 'field-count'],
      ['10', 'open', 'price>0'],
      ['10', 'low', 'low<=min(open,close)'],
      ['15', '(unnamed)', 'unparseable-timestamp'],
    ]);
    expect(await entry.locator('[data-testid="quarantine-reason"][data-row="7"]').textContent()).toContain(
      'expected 6 fields as in the header, found 4',
    );

    const capped = page.locator('[data-testid="quarantine-row"][data-file="every-row-bad.csv"]');
    expect(await capped.getAttribute('data-reasons-total')).toBe(String(lines.length - 1));
    expect(await capped.getAttribute('data-reasons-listed')).toBe('1000');
    expect(await capped.locator('[data-testid="quarantine-reason"]').count()).toBe(1000);
    expect(await capped.getByTestId('quarantine-capped').textContent()).toContain('the first 1,000 are listed');
    expect(await capped.textContent()).toContain(`${(lines.length - 1).toLocaleString('en-US')} reasons`);
  });

  it('several files at once with progress; cancel stops the file in flight and keeps nothing of it', async () => {
    const artifactsBefore = await artifactIds(page);
    const big = writeTemp('big-minutes.csv', minuteBarsCsv(1_200_000));
    await importPaths([sharedDataPath('EURUSD.csv'), big, sharedDataPath('BTCUSD.csv')]);

    const progress = page.getByTestId('import-progress');
    await progress.waitFor();
    // Cancel while the big file is being decoded (the longest stage).
    await page.locator('[data-testid="import-current"][data-file="big-minutes.csv"][data-stage="decoding"]').waitFor({ timeout: 30_000 });
    expect(await progress.textContent()).toContain('Importing 2 of 3');
    const percent = Number(await progress.locator('[role="progressbar"]').getAttribute('aria-valuenow'));
    expect(percent).toBeGreaterThan(0);
    expect(percent).toBeLessThan(100);
    await page.getByTestId('import-cancel').click();

    expect((await importResult(page, 'big-minutes.csv', ['cancelled'])).text).toContain('cancelled');
    expect((await importResult(page, 'BTCUSD.csv', ['cancelled'])).text).toContain('not imported');
    expect((await importResult(page, 'EURUSD.csv', ['created'])).status).toBe('created');
    await progress.waitFor({ state: 'detached' });

    expect(await artifactIds(page)).toEqual([...artifactsBefore, EURUSD].sort());
    expect(await quarantineFiles(page)).not.toContain('big-minutes.csv');
    expect((await storeUsage(page)).unreferenced).toBe(0);

    // The importer starts again after a cancel.
    await importPaths([sharedDataPath('BTCUSD.csv')]);
    expect((await importResult(page, 'BTCUSD.csv', ['created'])).status).toBe('created');
  });

  it('a Run publishes its results (equity, trades, fills, metrics) as artifacts made from the bars: lineage both ways', async () => {
    await openView(page, 'research');
    await selectInstrument(page, GOOG);
    runHash = await runOnce(page);
    runExperiment = (await page.getByTestId('run-experiment').getAttribute('data-experiment-id')) ?? '';
    const results = await page.getByTestId('run-artifact').getAttribute('data-artifact-id');
    expect(results).toMatch(/^art_[0-9a-f]{24}$/);

    await page.getByTestId('run-artifact').click();
    await page.locator(`[data-testid="artifact-details"][data-artifact-id="${results}"]`).waitFor();
    expect(await page.locator(`[data-testid="artifact-row"][data-artifact-id="${results}"]`).getAttribute('data-kind')).toBe('results');
    const graph = page.getByTestId('lineage-graph');
    expect(await graph.getAttribute('data-upstream')).toBe('1');
    expect(await graph.locator(`[data-testid="lineage-node"][data-depth="-1"]`).getAttribute('data-artifact-id')).toBe(GOOG);

    // Following the arrow back to the bars shows the result downstream.
    await graph.locator(`[data-testid="lineage-node"][data-artifact-id="${GOOG}"]`).click();
    await page.locator(`[data-testid="artifact-details"][data-artifact-id="${GOOG}"]`).waitFor();
    expect(await page.getByTestId('lineage-graph').getAttribute('data-downstream')).toBe('4');
    const downstream = await page
      .locator('[data-testid="lineage-node"][data-depth="1"]')
      .evaluateAll((n) => n.map((e) => e.getAttribute('data-artifact-id')));
    expect(downstream).toContain(results);
  });

  it('delete is refused while something depends on the artifact, with the reason; gc frees what a delete leaves', async () => {
    const results = await page.locator('[data-testid="lineage-node"][data-depth="1"]').first().getAttribute('data-artifact-id');
    await showArtifact(page, GOOG);
    await page.getByTestId('artifact-delete').click();
    await page.getByTestId('artifact-delete-confirm').click();
    const refusal = await page.getByTestId('artifact-delete-error').textContent();
    expect(refusal).toContain(`cannot delete ${GOOG}`);
    expect(refusal).toContain(runExperiment);
    expect(await artifactIds(page)).toContain(GOOG);

    // The Run's results belong to its experiment: refused too, naming it.
    await showArtifact(page, results!);
    await page.getByTestId('artifact-delete').click();
    await page.getByTestId('artifact-delete-confirm').click();
    const held = page.getByTestId('artifact-delete-error').filter({ hasText: `cannot delete ${results}` });
    await held.waitFor();
    expect(await held.textContent()).toContain(`result of experiment ${runExperiment}`);
    expect(await artifactIds(page)).toContain(results);

    // Something nothing depends on goes, and leaves its bytes for gc.
    const before = await artifactIds(page);
    await importPaths([writeTemp('DELETE-ME.csv', minuteBarsCsv(2_000, 90))]);
    await importResult(page, 'DELETE-ME.csv', ['created']);
    const loose = (await artifactIds(page)).find((id) => !before.includes(id))!;
    await showArtifact(page, loose);
    await page.getByTestId('artifact-delete').click();
    await page.getByTestId('artifact-delete-confirm').click();
    await page.locator(`[data-testid="artifact-row"][data-artifact-id="${loose}"]`).waitFor({ state: 'detached' });
    expect((await storeUsage(page)).unreferenced).toBe(1);
    await page.getByTestId('artifact-gc').click();
    await page.getByTestId('gc-report').waitFor();
    expect(await page.getByTestId('gc-report').textContent()).toContain('1 blob removed');
    expect((await storeUsage(page)).unreferenced).toBe(0);

    // What the browser says about storage, and the request to keep it.
    expect(await page.getByTestId('storage-usage').textContent()).toMatch(/of \d/);
    if ((await page.getByTestId('storage-persisted').getAttribute('data-persisted')) !== 'true') {
      await page.getByTestId('storage-persist').click();
      await page.getByTestId('storage-persist-answer').waitFor();
    }
  });

  it('drop all projections, rebuild from stored Parquet: the identical result hash', async () => {
    await openView(page, 'research');
    await selectInstrument(page, GOOG);
    expect(await runOnce(page)).toBe(runHash);

    await openView(page, 'storage');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="projection-count"]')?.textContent) > 0);
    await page.getByTestId('projections-drop-all').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="projection-count"]')?.textContent === '0');
    await page.getByTestId('projections-rebuild').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="projection-count"]')?.textContent) > 0);

    await openView(page, 'research');
    await page.locator('[data-testid="price-chart"] canvas').waitFor();
    expect(await page.getByTestId('price-chart').getAttribute('data-points')).toBe('2148');
    expect(await runOnce(page)).toBe(runHash);
  });

  it('a reload in the middle of an import leaves no half artifact', async () => {
    const artifacts = await artifactIds(page);
    const quarantined = await quarantineFiles(page);
    await importPaths([writeTemp('interrupted.csv', minuteBarsCsv(1_200_000))]);
    // The bars are streamed, validated, hashed and written as canonical Parquet to temporary space; the put is running.
    await page.locator('[data-testid="import-current"][data-file="interrupted.csv"][data-stage="storing"]').waitFor({ timeout: 60_000 });
    await page.reload();
    await page.getByTestId('app-ready').waitFor({ timeout: 90_000 });

    // Whole or nothing: the record and its bytes are written in one transaction, which the reload aborts unless it
    // had committed already.
    const after = await artifactIds(page);
    const added = after.filter((id) => !artifacts.includes(id));
    expect(added.length).toBeLessThanOrEqual(1);
    if (added.length === 1) {
      await showArtifact(page, added[0]);
      expect(await page.getByTestId('detail-rows').textContent()).toBe('1,200,000');
    }
    expect(await quarantineFiles(page)).toEqual(quarantined);
    expect((await storeUsage(page)).unreferenced).toBe(0);
  });

  it('everything survives a reload: artifacts, quarantine, instruments, and charts from rebuilt projections', async () => {
    const artifacts = await artifactIds(page);
    const quarantined = await quarantineFiles(page);
    const instruments = await page.locator('[data-testid="instrument"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-instrument-id')));

    await page.reload();
    await page.getByTestId('app-ready').waitFor({ timeout: 90_000 });
    expect(await page.locator('[data-testid="instrument"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-instrument-id')))).toEqual(
      instruments,
    );
    expect(await artifactIds(page)).toEqual(artifacts);
    expect(await quarantineFiles(page)).toEqual(quarantined);
    expect(instruments).toEqual(expect.arrayContaining([GOOG, EURUSD, BTCUSD]));

    // A fresh DuckDB: only what was rebuilt since the reload exists.
    await openView(page, 'research');
    await selectInstrument(page, GOOG);
    expect(await page.getByTestId('price-chart').getAttribute('data-points')).toBe('2148');
    expect(await runOnce(page)).toBe(runHash);
    await openView(page, 'storage');
    const tables = await page.locator('[data-testid="projection-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-table')));
    expect(tables).toContain(GOOG);
    expect(tables).not.toContain(EURUSD);
  });

  it('two tabs importing at once lose nothing, and each sees the other’s import', async () => {
    const other = await b.context.newPage();
    other.on('pageerror', (e) => b.errors.push(`pageerror (tab 2): ${e.message}`));
    try {
      await other.goto(baseUrl);
      await other.getByTestId('app-ready').waitFor({ timeout: 90_000 });
      const one = writeTemp('TAB-ONE.csv', minuteBarsCsv(20_000, 50));
      const two = writeTemp('TAB-TWO.csv', minuteBarsCsv(20_000, 70));
      await Promise.all([page.getByTestId('file-input').setInputFiles(one), other.getByTestId('file-input').setInputFiles(two)]);
      await importResult(page, 'TAB-ONE.csv', ['created']);
      const r2 = other.locator('[data-testid="import-result"][data-file="TAB-TWO.csv"][data-status="created"]');
      await r2.waitFor({ timeout: 60_000 });

      for (const p of [page, other]) {
        await p.locator('[data-testid="instrument"]', { hasText: 'TAB-ONE' }).waitFor();
        await p.locator('[data-testid="instrument"]', { hasText: 'TAB-TWO' }).waitFor();
      }
    } finally {
      await other.close();
    }
  });

  it('a full storage is reported clearly, stops the import queue and leaves nothing behind', async () => {
    // Chromium here ignores CDP's quota override, so the platform's answer is simulated where it arises: IndexedDB
    // refuses the bytes with a QuotaExceededError, in the import worker (imports) and in the page (run results).
    const quotaFull = () => {
      const original = IDBObjectStore.prototype.put;
      (globalThis as { restorePut?: () => void }).restorePut = () => void (IDBObjectStore.prototype.put = original);
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
        if (this.name === 'blobs') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return original.call(this, value, key);
      };
    };
    const restore = () => (globalThis as { restorePut?: () => void }).restorePut?.();
    const importer = page.workers().find((w) => w.url().includes('import.worker'));
    expect(importer, 'the import worker of this page').toBeDefined();
    const artifacts = await artifactIds(page);

    await importer!.evaluate(quotaFull);
    try {
      await importPaths([writeTemp('FULL-ONE.csv', minuteBarsCsv(5_000, 30)), writeTemp('FULL-TWO.csv', minuteBarsCsv(5_000, 40))]);
      const first = await importResult(page, 'FULL-ONE.csv', ['failed', 'created']);
      expect(first.status).toBe('failed');
      expect(first.text).toContain('browser storage is full');
      expect((await importResult(page, 'FULL-TWO.csv', ['cancelled', 'failed', 'created'])).text).toContain('not imported: browser storage is full');
    } finally {
      await importer!.evaluate(restore);
    }
    expect(await artifactIds(page)).toEqual(artifacts);
    expect((await storeUsage(page)).unreferenced).toBe(0);

    await openView(page, 'research');
    await selectInstrument(page, GOOG);
    await page.getByTestId('param-seed').fill('7');
    await page.evaluate(quotaFull);
    try {
      // The experiment fails at publishing, saying why; nothing of it is stored.
      await expect(runOnce(page)).rejects.toThrow(/run failed: .*browser storage is full/);
    } finally {
      await page.evaluate(restore);
      await page.getByTestId('param-seed').fill('1');
    }
    expect(await artifactIds(page)).toEqual(artifacts);
  });

  it('asked for nothing outside localhost and threw nothing uncaught', () => {
    expect(b.externalRequests).toEqual([]);
    expect(b.errors).toEqual([]);
  });
});
