/**
 * Universe (version-2, lab profile) experiments made and run in Chromium, offline, as a new user would: a fresh
 * profile, the sample universe from the picker, xmom (lookback 126, skip 21, top 5, monthly) through the form, run
 * on the engine worker, then its weights, NAV against the equal-weight benchmark and attribution read back from
 * the stored artifacts; then pairs on two instruments of one sector (fin-a on fin-b). The expected experiment id,
 * resultHash and NAV return come from the same specs run in Node through the handlers on the same generated sample
 * universe (ensureSampleUniverse into a directory store, WASM engine in-process) — nothing hand-typed. Bad
 * choices (pairs with y = x, an hourly instrument in a daily universe) are refused with the field or instrument
 * named and nothing stored.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DirArtifactStore } from '../../src/adapters/node/dir-artifact-store';
import { DirExperimentTracker } from '../../src/adapters/node/dir-experiment-tracker';
import { nodeEngineRunners } from '../../src/adapters/node/engine-runners';
import { NodeParquetCodec } from '../../src/adapters/node/node-parquet-codec';
import type { ArtifactRecord } from '../../src/core/artifacts/record';
import { ensureSampleUniverse } from '../../src/handlers/ensure-sample-universe';
import { executeExperiment } from '../../src/handlers/execute-experiment';
import { createExperiment } from '../../src/handlers/experiments/create-experiment';
import { parquetBarsDecoder } from '../../src/handlers/experiments/parquet-bars-decoder';
import { readLabResults } from '../../src/handlers/experiments/read-lab-results';
import { launchOffline, type OfflineBrowser } from './browser';
import { createAndRun, experimentRow, fillLabForm, openExperiments, openLabForm, pickUniverse, universeCount } from './experiments-page';

const baseUrl = inject('baseUrl');
const root = mkdtempSync(join(tmpdir(), 'quantlab-universe-run-'));
let b: OfflineBrowser;
let page: Page;

interface NodeOutcome {
  id: string;
  resultHash: string;
  navReturn: number;
  benchmarkReturn: number;
  instruments: string[];
  fills: number;
}

/** The sample universe stored in a directory store, and a function running a raw spec over it in Node. */
async function nodeLab() {
  const codec = new NodeParquetCodec();
  let t = Date.UTC(2026, 11, 1);
  const clock = { now: () => (t += 1000) };
  const store = await DirArtifactStore.open(join(root, 'node'), { clock });
  const tracker = await DirExperimentTracker.open(join(root, 'node'));
  const records = await ensureSampleUniverse({ store, parquet: codec, appVersion: '0.1.0-test' });
  const runners = await nodeEngineRunners();
  const run = async (raw: unknown): Promise<NodeOutcome> => {
    const { record } = await createExperiment({ tracker, store, clock, appVersion: '0.1.0-test' }, raw);
    const outcome = await executeExperiment(
      {
        store,
        tracker,
        runner: runners.compat,
        lab: runners.lab,
        decodeBars: parquetBarsDecoder(codec),
        parquet: codec,
        clock,
        appVersion: '0.1.0-test',
        session: 'node',
      },
      record.id,
    );
    const results = outcome.record.results;
    if (outcome.record.status !== 'done' || !results) throw new Error(`node run ${outcome.record.status}: ${outcome.record.error?.message}`);
    const data = await readLabResults(store, codec, results);
    const last = data.nav.length - 1;
    return {
      id: record.id,
      resultHash: results.resultHash,
      // As the NAV chart computes its caption from the stored NAV.
      navReturn: (data.nav[last] / data.nav[0] - 1) * 100,
      benchmarkReturn: (data.benchmark[last] / data.benchmark[0] - 1) * 100,
      instruments: data.instruments,
      fills: data.fills.rows,
    };
  };
  const close = async () => {
    await tracker.close();
    await store.close();
  };
  return { records, run, close };
}

const byName = (records: readonly ArtifactRecord[], name: string) => records.find((r) => r.instruments[0] === name)!;
const rowCount = () => page.locator('[data-testid="experiment-row"]').count();

let xmom: NodeOutcome;
let pairs: NodeOutcome;

describe('universe experiments in Chromium, offline', () => {
  beforeAll(async () => {
    const node = await nodeLab();
    try {
      xmom = await node.run({
        specVersion: 2,
        profile: 'lab',
        strategy: 'xmom',
        params: { lookback: 126, skip: 21, top_k: 5, rebalance: 1 },
        inputs: node.records.map((r) => ({ contentHash: r.contentHash })),
      });
      pairs = await node.run({
        specVersion: 2,
        profile: 'lab',
        strategy: 'pairs',
        params: { y: 0, x: 1 },
        inputs: [byName(node.records, 'fin-a'), byName(node.records, 'fin-b')].map((r) => ({ contentHash: r.contentHash })),
        config: { allowShort: true },
      });
    } finally {
      await node.close();
    }
    b = await launchOffline();
    page = b.page;
    await page.goto(baseUrl);
    await page.getByTestId('app-ready').waitFor({ timeout: 90_000 });
    await openExperiments(page);
  }, 240_000);

  afterAll(async () => {
    await b?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('runs xmom on the sample universe: the id and resultHash of the same spec in Node', async () => {
    await openLabForm(page);
    // No universe yet: the field says so.
    await page.getByTestId('experiment-create').click();
    expect(await page.locator('[data-testid="field-error"][data-field="inputs"]').textContent()).toContain('choose the universe');
    await page.getByTestId('universe-sample').click();
    await universeCount(page, 24);
    await page.locator('[data-testid="exp-universe"][data-count="24"]').waitFor();
    await fillLabForm(page, { strategy: 'xmom', params: { lookback: '126', skip: '21', top_k: '5', rebalance: '1' } });
    const run = await createAndRun(page);
    expect(run.id).toBe(xmom.id);
    expect(run.resultHash).toBe(xmom.resultHash);
  });

  it('shows the stacked weights, NAV against the equal-weight benchmark and the attribution, from the stored results', async () => {
    const overview = page.locator('[data-testid="lab-results"] [data-testid="results-overview"]');
    await overview.waitFor({ timeout: 60_000 });
    const nav = page.getByTestId('nav-benchmark');
    expect(Number(await nav.getAttribute('data-nav-return'))).toBe(xmom.navReturn);
    expect(Number(await nav.getAttribute('data-benchmark-return'))).toBe(xmom.benchmarkReturn);
    const weights = page.getByTestId('weights-chart');
    // Long only, top 5 of 24: at most 12 bands drawn (the rest summed as "other"), the stack near the gross 0.95.
    expect(Number(await weights.getAttribute('data-bands'))).toBeGreaterThan(1);
    expect(Number(await weights.getAttribute('data-top'))).toBeGreaterThan(0.8);
    expect(Number(await weights.getAttribute('data-bottom'))).toBe(0);
    expect(await page.getByTestId('attribution-table').getAttribute('data-count')).toBe(String(xmom.instruments.length));
    expect(await page.locator('tr.attribution-row').count()).toBeGreaterThan(3);
    await page.getByTestId('kpi-strip').locator('[data-key="return_pct"]').waitFor();
    // Fills: the stored table, every row of it.
    await page.getByTestId('detail-tab-fills').click();
    expect(await page.getByTestId('lab-fills').getAttribute('data-count')).toBe(String(xmom.fills));
    expect(await page.locator('tr.lab-fills-row').count()).toBeGreaterThan(0);
    await page.getByTestId('detail-tab-artifacts').click();
    expect(await page.locator('[data-testid="result-artifact"]').count()).toBe(8);
  });

  it('runs pairs on two instruments of one sector, the legs chosen by name', async () => {
    await openLabForm(page);
    await pickUniverse(page, ['fin-a', 'fin-b']);
    await fillLabForm(page, { strategy: 'pairs', legs: { y: 'fin-a', x: 'fin-b' } });
    // One leg is short: the form says so until shorting is allowed.
    expect(await page.getByTestId('lab-short-hint').textContent()).toContain('Allow shorting');
    await fillLabForm(page, { strategy: 'pairs', allowShort: true });
    expect(await page.getByTestId('lab-short-hint').count()).toBe(0);
    const run = await createAndRun(page);
    expect(run.id).toBe(pairs.id);
    expect(run.resultHash).toBe(pairs.resultHash);
    await page.locator('[data-testid="lab-results"][data-instruments="2"] [data-testid="results-overview"]').waitFor({ timeout: 60_000 });
    expect(Number(await page.getByTestId('nav-benchmark').getAttribute('data-nav-return'))).toBe(pairs.navReturn);
    // Dollar-neutral legs: one long, one short at some point.
    expect(Number(await page.getByTestId('weights-chart').getAttribute('data-bottom'))).toBeLessThan(0);
  });

  it('"Edit as new" on the pairs run gives back its form and universe: the same spec is the same experiment', async () => {
    await page.getByTestId('experiment-duplicate').click();
    await page.locator('[data-testid="exp-profile"][data-profile="lab"]').waitFor();
    await universeCount(page, 2);
    expect(await page.getByTestId('exp-leg-y').inputValue()).toBe('fin-a');
    expect(await page.getByTestId('exp-leg-x').inputValue()).toBe('fin-b');
    expect(await page.getByTestId('exp-lab-allow-short').isChecked()).toBe(true);
    await page.getByTestId('experiment-create').click();
    await page.locator(`[data-testid="experiment-detail"][data-experiment-id="${pairs.id}"]`).waitFor();
    expect(await page.getByTestId('experiments-notice').textContent()).toContain(`This spec is ${pairs.id}`);
  });

  it('compares the two universe runs side by side: NAV overlaid and their metrics', async () => {
    await page.getByTestId('experiment-filter-strategy').selectOption('xmom');
    await expect.poll(() => rowCount()).toBe(1);
    await page.getByTestId('experiment-filter-strategy').selectOption('');
    for (const id of [xmom.id, pairs.id]) await experimentRow(page, id).getByTestId('experiment-compare-toggle').check();
    await page.getByTestId('compare-button').click();
    await page.locator('[data-testid="experiment-compare"] [data-testid="comparison-view"][data-runs="2"]').waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-testid="metric-diff"]').count()).toBeGreaterThan(0);
  });

  it('refuses pairs with y = x on the field, and stores nothing', async () => {
    const before = await rowCount();
    await openLabForm(page);
    await pickUniverse(page, ['fin-a', 'fin-b']);
    await fillLabForm(page, { strategy: 'pairs', legs: { y: 'fin-a', x: 'fin-a' } });
    await page.getByTestId('experiment-create').click();
    const error = page.locator('[data-testid="field-error"][data-field="params.x"]');
    await error.waitFor();
    expect(await error.textContent()).toContain('two different instruments');
    expect(await error.textContent()).toContain('fin-a');
    await page.getByTestId('form-problems').waitFor();
    expect(await rowCount()).toBe(before);
  });

  it('refuses an hourly instrument in a daily universe, naming it, and stores nothing', async () => {
    const before = await rowCount();
    await universeCount(page, 2);
    await page.getByTestId('universe-filter').fill('1h');
    const hourly = page.locator('[data-testid="universe-row"]').first();
    expect(await hourly.getByTestId('universe-reason').textContent()).toContain('1h bars; the selection is 1d');
    await hourly.locator('input[type="checkbox"]').click();
    await expect.poll(() => page.getByTestId('universe-notice').textContent()).toMatch(/can't be added: 1h bars; the selection is 1d/u);
    await universeCount(page, 2);
    await page.getByTestId('universe-filter').fill('');
    expect(await rowCount()).toBe(before);
  });

  it('asked for nothing outside localhost and threw nothing uncaught', () => {
    expect(b.externalRequests).toEqual([]);
    expect(b.errors).toEqual([]);
  });
});
