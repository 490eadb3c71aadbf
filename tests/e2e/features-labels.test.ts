/**
 * "Features & labels" in Chromium, offline: universe12 TEC1 imported; triple-barrier labels with the parameters of the
 * portfolio-oracle worked case (../shared/guide/portfolio-visible.json `triple_barrier_TEC1`: AFML snippets 3.1–3.5
 * in pandas 1.5.3 — span 100, ±2 targets, 10 bars, every 20th bar) computed in the panel: 74 events, the first ones
 * the oracle's (bars and labels exact, ret to the 4 decimals the table prints), markers drawn on the price chart,
 * the artifact listed with the bars as lineage and the same id as `quantlab labels triple-barrier --publish`; a bad
 * parameter named; features drawn; and a SQL signal joining `labels_…` to `bars` answering from the labels' rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { main } from '../../src/cli/main';
import { portfolioCase } from '../helpers/portfolio-oracle';
import { sharedDataPath } from '../helpers/shared-data';
import { launchOffline, type OfflineBrowser } from './browser';
import { fillForm, openExperiments } from './experiments-page';
import { importResult, selectInstrument } from './lab-page';

const baseUrl = inject('baseUrl');
const TEC1 = sharedDataPath('universe12/TEC1.csv');

interface OracleEvent {
  t0: string;
  bar: number;
  t1: string;
  t1_bar: number;
  label: number;
  ret: number;
}
const oracle = portfolioCase<{ n_events: number; events: OracleEvent[] }>('triple_barrier_TEC1').values;

const cliRoot = mkdtempSync(join(tmpdir(), 'quantlab-e2e-labels-'));
async function cliJson<T>(args: string[]): Promise<T> {
  let out = '';
  await main([...args, '--json'], (s) => (out += s));
  return JSON.parse(out) as T;
}

let b: OfflineBrowser;
let page: Page;
let barsId = '';
let labelsId = '';
let counts = { up: 0, down: 0, vertical: 0 };

describe('features and labels in Chromium, offline', () => {
  beforeAll(async () => {
    b = await launchOffline();
    page = b.page;
    await page.goto(baseUrl);
    await page.getByTestId('app-ready').waitFor({ timeout: 90_000 });
  });

  afterAll(async () => {
    await b?.close();
    rmSync(cliRoot, { recursive: true, force: true });
  });

  it('labels TEC1 as the oracle does, draws them, and stores them as the CLI would, with the bars as lineage', async () => {
    await page.getByTestId('file-input').setInputFiles(TEC1);
    await importResult(page, 'TEC1.csv', ['created', 'existing']);
    await page.waitForFunction(() => document.querySelector('[data-testid="instrument-title"]')?.textContent === 'TEC1');
    barsId = (await page.getByTestId('instrument-artifact').getAttribute('data-artifact-id')) ?? '';
    await page.locator('[data-testid="price-chart"] canvas').waitFor();

    const panel = page.getByTestId('features-panel');
    await panel.getByTestId('fl-tab-labels').click();
    for (const [field, value] of [
      ['span', '100'],
      ['kUpper', '2'],
      ['kLower', '2'],
      ['horizon', '10'],
      ['every', '20'],
      ['first', '20'],
      ['minRet', '0'],
    ])
      await panel.getByTestId(`fl-${field}`).fill(value);
    await panel.getByTestId('fl-compute-labels').click();
    const shownCounts = panel.getByTestId('fl-counts');
    await shownCounts.waitFor({ timeout: 30_000 });
    expect(Number(await shownCounts.getAttribute('data-events'))).toBe(oracle.n_events);
    counts = {
      up: Number(await shownCounts.getAttribute('data-up')),
      down: Number(await shownCounts.getAttribute('data-down')),
      vertical: Number(await shownCounts.getAttribute('data-vertical')),
    };
    expect(counts).toEqual({
      up: oracle.events.filter((e) => e.label === 1).length,
      down: oracle.events.filter((e) => e.label === -1).length,
      vertical: oracle.events.filter((e) => e.label === 0).length,
    });

    // The events table (virtualised: the first rows are in the DOM), in t0 order.
    const rows = await panel
      .locator('tr.label-event')
      .evaluateAll((trs) =>
        trs.slice(0, 8).map((tr) => Object.fromEntries([...tr.querySelectorAll('td')].map((td) => [td.dataset.column, td.textContent?.trim()]))),
      );
    expect(rows.length).toBe(8);
    rows.forEach((r, i) => {
      const w = oracle.events[i];
      expect([r.t0, r.t1, r.label, r.ret], `event ${i}`).toEqual([
        `${w.t0} · ${w.bar}`,
        `${w.t1} · ${w.t1_bar}`,
        w.label > 0 ? '+1' : String(w.label),
        `${(w.ret * 100).toFixed(2)} %`,
      ]);
    });

    // Every event is inside the chart's full range: one marker each.
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="fl-legend"]')?.getAttribute('data-markers') === String(n),
      oracle.n_events,
    );

    const listed = panel.locator('[data-testid="fl-artifact"][data-kind="labels"]');
    await listed.waitFor();
    labelsId = (await listed.getAttribute('data-artifact-id')) ?? '';
    expect(await listed.getByTestId('fl-lineage').getAttribute('data-inputs')).toBe(barsId);
    expect(await listed.getByTestId('fl-view').textContent()).toBe(`labels_${labelsId.slice(4)}`);

    // The CLI on the same file: the same bars id and the same labels artifact (same content hash).
    const store = join(cliRoot, 'store');
    const cli = await cliJson<{ artifact: { id: string; inputs: string[] } }>([
      'labels',
      'triple-barrier',
      '--data',
      TEC1,
      '--span',
      '100',
      '--k',
      '2',
      '--horizon',
      '10',
      '--every',
      '20',
      '--publish',
      '--store',
      store,
    ]);
    expect(cli.artifact).toMatchObject({ id: labelsId, inputs: [barsId] });

    // Computing again stores nothing new.
    await panel.getByTestId('fl-compute-labels').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="fl-notice"]')?.textContent?.startsWith('Already stored'));
    expect(await panel.locator('[data-testid="fl-artifact"][data-kind="labels"]').count()).toBe(1);
  });

  it('names the field of a bad parameter and stores nothing', async () => {
    const panel = page.getByTestId('features-panel');
    await panel.getByTestId('fl-horizon').fill('0');
    await panel.getByTestId('fl-compute-labels').click();
    expect(await panel.getByTestId('fl-error-horizon').textContent()).toBe('horizon: expected an integer >= 1, got 0');
    expect(await panel.locator('[data-testid="fl-artifact"]').count()).toBe(1);
    await panel.getByTestId('fl-horizon').fill('10');
  });

  it('computes features: averages over the prices, the others in a panel below', async () => {
    const panel = page.getByTestId('features-panel');
    await panel.getByTestId('fl-tab-features').click();
    await panel.getByTestId('fl-family-sma').setChecked(true);
    await panel.getByTestId('fl-window-sma').fill('20');
    await panel.getByTestId('fl-family-rsi').setChecked(true);
    await panel.getByTestId('fl-compute-features').click();
    await panel.getByTestId('fl-features-shown').waitFor({ timeout: 30_000 });
    expect(await panel.getByTestId('fl-features-shown').textContent()).toContain('sma_20, rsi_14');
    await panel.locator('[data-testid="feature-chart"] canvas').waitFor();
    const features = panel.locator('[data-testid="fl-artifact"][data-kind="features"]');
    expect(await features.getByTestId('fl-lineage').getAttribute('data-inputs')).toBe(barsId);
    await panel.getByTestId('fl-window-sma').fill('1.5');
    await panel.getByTestId('fl-compute-features').click();
    expect(await panel.getByTestId('fl-error-sma').textContent()).toBe('sma.window: expected an integer >= 1, got 1.5');

    // Another instrument starts with a clean panel; back on TEC1, the last error about it shows again.
    const ids = await page.locator('[data-testid="instrument"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-instrument-id') ?? ''));
    const other = ids.find((id) => id !== '' && id !== barsId);
    expect(other).toBeDefined();
    await selectInstrument(page, other!);
    expect(await panel.getByTestId('fl-error-sma').count()).toBe(0);
    await selectInstrument(page, barsId);
    expect(await panel.getByTestId('fl-error-sma').textContent()).toBe('sma.window: expected an integer >= 1, got 1.5');
  });

  it('a SQL signal joins the labels view to bars and answers from its rows', async () => {
    await openExperiments(page);
    const view = `labels_${labelsId.slice(4)}`;
    await fillForm(page, {
      input: barsId,
      strategy: 'sql-signal',
      sql: `SELECT b.timestamp, COALESCE(l.label, 0) AS position FROM bars b LEFT JOIN ${view} l ON l.t0_time = b.timestamp ORDER BY b.timestamp`,
    });
    await page.getByTestId('exp-sql-test').click();
    const result = page.locator('[data-testid="signal-test"]');
    await result.waitFor({ timeout: 60_000 });
    const pct = (n: number) => `${((100 * n) / 1500).toFixed(0)} %`;
    expect(await result.getAttribute('data-ok'), (await result.textContent()) ?? '').toBe('true');
    expect(await result.textContent()).toContain(
      `1,500 positions · long ${pct(counts.up)} · short ${pct(counts.down)} · flat ${pct(1500 - counts.up - counts.down)}`,
    );
    // A view nobody published is refused by name.
    await page.getByTestId('exp-sql').fill(`SELECT timestamp, 0 AS position FROM bars, labels_${'0'.repeat(24)}`);
    await page.getByTestId('exp-sql-test').click();
    await page.locator('[data-testid="signal-test"][data-ok="false"]').waitFor();
    expect(await result.textContent()).toContain(`the query reads labels_${'0'.repeat(24)}, but no artifact`);
    expect(b.errors).toEqual([]);
  });
});
