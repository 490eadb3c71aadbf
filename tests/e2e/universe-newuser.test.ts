/**
 * The new-user flow of universe experiments, in one chain, in one Chromium with every non-localhost request blocked:
 * - profile A, fresh: Experiments → New → "Universe (lab)" → the picker's Sample universe → xmom with the form's
 *   defaults → Create & run; the stacked weights, NAV against the equal-weight benchmark and attribution are on
 *   screen; its run link is copied;
 * - profile B, fresh (a new browser context): the link opens the reproduce panel, which lists the 24 inputs as
 *   missing and offers the sample universe; "Use the sample universe" generates it here and stores the members the
 *   run names; Re-run is `identical`, with A's resultHash;
 * - the CLI: `quantlab sample universe --out DIR` and `quantlab reproduce LINK --data DIR` print identical with the
 *   same resultHash, and the NAV, benchmark and attribution the page showed are the ones the CLI's run stored;
 * - then pairs on fin-a / fin-b, the same way, with a profile C that gets only those two members stored.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DirArtifactStore } from '../../src/adapters/node/dir-artifact-store';
import { NodeParquetCodec } from '../../src/adapters/node/node-parquet-codec';
import { main } from '../../src/cli/main';
import type { ExperimentRecord } from '../../src/core/experiments/record';
import { decodeRunLink } from '../../src/core/reproduce/run-link';
import { sampleUniverseMembers } from '../../src/core/sample';
import { readLabResults } from '../../src/handlers/experiments/read-lab-results';
import { launchOfflineChromium, type OfflineBrowser, type OfflineChromium } from './browser';
import { createAndRun, fillLabForm, openExperiments, openLabForm, pickUniverse, universeCount } from './experiments-page';

const baseUrl = inject('baseUrl');
const work = mkdtempSync(join(tmpdir(), 'quantlab-e2e-universe-newuser-'));
const folder = join(work, 'sample-universe');
const MEMBERS = sampleUniverseMembers().map((m) => m.id);

let chromium: OfflineChromium;
const profiles: OfflineBrowser[] = [];

async function cli(args: string[]): Promise<string> {
  let out = '';
  await main(args, (s) => (out += s));
  return out;
}

/** A fresh profile with the lab open at `hash` (or its start page). */
async function freshProfile(hash = ''): Promise<Page> {
  const profile = await chromium.newProfile();
  profiles.push(profile);
  await profile.page.goto(`${baseUrl}${hash}`);
  await profile.page.getByTestId('app-ready').waitFor({ timeout: 90_000 });
  return profile.page;
}

/** What the page shows of a finished universe run, read from its hooks. */
interface Shown {
  id: string;
  resultHash: string;
  navReturn: number;
  benchmarkReturn: number;
  attributionRows: number;
  bands: number;
  top: number;
  bottom: number;
}

/** Asserts the three result views are drawn with content and returns what they show. */
async function resultViews(page: Page, instruments: number): Promise<Omit<Shown, 'id' | 'resultHash'>> {
  await page.locator(`[data-testid="lab-results"][data-instruments="${instruments}"] [data-testid="results-overview"]`).waitFor({ timeout: 60_000 });
  const weights = page.getByTestId('weights-chart');
  const bands = Number(await weights.getAttribute('data-bands'));
  expect(bands).toBeGreaterThan(1);
  expect(await page.getByTestId('weights-band').count()).toBe(bands);
  // NAV and the equal-weight benchmark: two drawn series, the benchmark named in the legend.
  const nav = page.getByTestId('nav-benchmark');
  const chart = page.getByTestId('nav-benchmark-chart');
  expect(await chart.getAttribute('data-series')).toBe('2');
  await chart.locator('canvas').first().waitFor();
  expect(await nav.locator('figcaption').textContent()).toMatch(/Strategy\s*-?[\d.,]+\s*%\s*·\s*Equal weight\s*-?[\d.,]+\s*%/u);
  const attribution = page.getByTestId('attribution-table');
  const attributionRows = Number(await attribution.getAttribute('data-count'));
  expect(attributionRows).toBe(instruments);
  expect(await page.locator('tr.attribution-row').count()).toBeGreaterThan(1);
  expect(await page.getByTestId('attribution-total').textContent()).toMatch(/^Total: /);
  return {
    navReturn: Number(await nav.getAttribute('data-nav-return')),
    benchmarkReturn: Number(await nav.getAttribute('data-benchmark-return')),
    attributionRows,
    bands,
    top: Number(await weights.getAttribute('data-top')),
    bottom: Number(await weights.getAttribute('data-bottom')),
  };
}

/** The finished run's link, as "Copy run link" gives it (the text field when the clipboard is refused). */
async function copyRunLink(page: Page): Promise<string> {
  await page.getByTestId('copy-run-link').click();
  await page.getByTestId('run-link-text').waitFor();
  const link = await page.getByTestId('run-link-text').inputValue();
  expect(link).toMatch(/#\/run\/v1\//);
  return link.slice(link.indexOf('#'));
}

/** Profile B's side: the panel lists the inputs missing, the sample universe fills them, the re-run's verdict. */
async function reproduceWithSampleUniverse(page: Page, link: string, expected: { id: string; resultHash: string }): Promise<string[]> {
  const decoded = decodeRunLink(link);
  await page.getByTestId('reproduce-panel').waitFor();
  const missing = page.locator('[data-testid="reproduce-input"][data-status="missing"]');
  await missing.first().waitFor({ timeout: 30_000 });
  expect(await missing.count()).toBe(decoded.inputs.length);
  expect(await page.getByTestId('reproduce-missing-count').getAttribute('data-missing')).toBe(String(decoded.inputs.length));
  expect(await missing.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-content-hash')))).toEqual(decoded.inputs.map((i) => i.contentHash));
  expect(await page.getByTestId('reproduce-run').isDisabled()).toBe(true);

  await page.getByTestId('reproduce-sample-universe').click();
  await page
    .locator('[data-testid="reproduce-input"][data-status="found"]')
    .nth(decoded.inputs.length - 1)
    .waitFor({ timeout: 120_000 });
  expect(await missing.count()).toBe(0);
  const accepted = await page
    .locator('[data-testid="reproduce-admission"][data-status="accepted"]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-file') ?? ''));
  expect(accepted).toEqual(decoded.inputs.map((i) => i.label));

  await page.getByTestId('reproduce-run').click();
  await page.locator('[data-testid="reproduce-verdict"], [data-testid="reproduce-error"]').first().waitFor({ timeout: 180_000 });
  expect((await page.getByTestId('reproduce-error').count()) ? await page.getByTestId('reproduce-error').textContent() : null).toBeNull();
  expect(await page.getByTestId('reproduce-verdict').textContent()).toBe('identical');
  expect(await page.getByTestId('reproduce-result-hash').textContent()).toBe(expected.resultHash);
  expect(await page.getByTestId('reproduce-experiment').textContent()).toBe(expected.id);
  return accepted;
}

/** `quantlab reproduce LINK --data DIR` into a fresh store: its verdict, and the results it stored. */
async function cliReproduce(link: string, store: string) {
  const text = await cli(['reproduce', `${baseUrl}${link}`, '--data', folder, '--store', store]);
  const json = JSON.parse(await cli(['reproduce', `${baseUrl}${link}`, '--data', folder, '--store', store, '--json'])) as {
    verdict: string;
    actual: { resultHash: string };
    experiment: ExperimentRecord;
  };
  const artifacts = await DirArtifactStore.open(store);
  try {
    const data = await readLabResults(artifacts, new NodeParquetCodec(), json.experiment.results!);
    const last = data.nav.length - 1;
    return {
      text,
      json,
      // As the NAV chart computes its caption from the stored NAV.
      navReturn: (data.nav[last] / data.nav[0] - 1) * 100,
      benchmarkReturn: (data.benchmark[last] / data.benchmark[0] - 1) * 100,
      attributionRows: data.attribution.rows,
    };
  } finally {
    await artifacts.close();
  }
}

beforeAll(async () => {
  chromium = await launchOfflineChromium();
}, 60_000);

afterAll(async () => {
  for (const p of profiles) await p.close();
  await chromium?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('a new user runs universe experiments on the sample universe and has them reproduced', () => {
  let a: Page;
  let xmom: Shown;
  let xmomLink = '';

  it('profile A: Experiments → New → Universe (lab) → Sample universe → xmom → run; weights, NAV vs benchmark, attribution', async () => {
    a = await freshProfile();
    await openExperiments(a);
    await openLabForm(a);
    await a.getByTestId('universe-sample').click();
    await universeCount(a, 24);
    await a.locator('[data-testid="exp-universe"][data-count="24"]').waitFor();
    // The form's defaults: lookback 252, skip 21, monthly, top 3, long only.
    await fillLabForm(a, { strategy: 'xmom' });
    const run = await createAndRun(a);
    expect(run.resultHash).toMatch(/^[0-9a-f]{64}$/);
    const shown = await resultViews(a, 24);
    // Long only: nothing below zero, the stack up to the 0.95 gross at rebalances.
    expect(shown.bottom).toBe(0);
    expect(shown.top).toBeGreaterThan(0.8);
    xmom = { id: run.id, resultHash: run.resultHash, ...shown };
    xmomLink = await copyRunLink(a);
    expect(decodeRunLink(xmomLink).expectedResultHash).toBe(run.resultHash);
    expect(decodeRunLink(xmomLink).inputs.map((i) => i.label)).toEqual(MEMBERS);
  }, 300_000);

  it('profile B opens the link: 24 inputs missing, "Use the sample universe", Re-run → identical, the same resultHash', async () => {
    const b = await freshProfile(xmomLink);
    const stored = await reproduceWithSampleUniverse(b, xmomLink, xmom);
    expect(stored).toHaveLength(24);
  }, 400_000);

  it('the CLI: sample universe --out DIR, then reproduce LINK --data DIR prints identical with the same hash and results', async () => {
    const written = JSON.parse(await cli(['sample', 'universe', '--out', folder, '--json'])) as { files: Array<{ contentHash: string }> };
    expect(written.files.map((f) => f.contentHash)).toEqual(decodeRunLink(xmomLink).inputs.map((i) => i.contentHash));
    const r = await cliReproduce(xmomLink, join(work, 'cli-xmom'));
    expect(r.text.split('\n')[0]).toBe('identical');
    expect(r.text).toContain(xmom.resultHash);
    expect(r.json.verdict).toBe('identical');
    expect(r.json.actual.resultHash).toBe(xmom.resultHash);
    expect(r.json.experiment.id).toBe(xmom.id);
    expect(r.navReturn).toBe(xmom.navReturn);
    expect(r.benchmarkReturn).toBe(xmom.benchmarkReturn);
    expect(r.attributionRows).toBe(xmom.attributionRows);
  }, 240_000);

  it('pairs on fin-a / fin-b: run in A, reproduced in a fresh profile C from the sample universe and by the CLI', async () => {
    await openLabForm(a);
    await pickUniverse(a, ['fin-a', 'fin-b']);
    await fillLabForm(a, { strategy: 'pairs', legs: { y: 'fin-a', x: 'fin-b' }, allowShort: true });
    const run = await createAndRun(a);
    const shown = await resultViews(a, 2);
    // Dollar-neutral legs: one of them short at some point.
    expect(shown.bottom).toBeLessThan(0);
    const link = await copyRunLink(a);

    const c = await freshProfile(link);
    // Only the two members the run names are stored, not the whole universe.
    expect(await reproduceWithSampleUniverse(c, link, run)).toEqual(['fin-a', 'fin-b']);

    const r = await cliReproduce(link, join(work, 'cli-pairs'));
    expect(r.text.split('\n')[0]).toBe('identical');
    expect(r.json.actual.resultHash).toBe(run.resultHash);
    expect(r.navReturn).toBe(shown.navReturn);
    expect(r.benchmarkReturn).toBe(shown.benchmarkReturn);
  }, 500_000);

  it('asked for nothing outside localhost and threw nothing uncaught, in any profile', () => {
    for (const p of profiles) {
      expect(p.externalRequests).toEqual([]);
      expect(p.errors).toEqual([]);
    }
  });
});
