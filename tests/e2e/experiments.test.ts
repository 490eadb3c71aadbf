/**
 * Experiments in the browser, end to end, in Chromium with every non-localhost request blocked: GOOG imported, the
 * CLI's pinned case created through the form and run to `done` with the CLI's resultHash and result artifacts whose
 * lineage names GOOG; a sample instrument; a SQL signal with the same resultHash as the CLI; LEAD refused; a
 * comparison; cancel → cancelled; a reload during a run → interrupted.
 *
 * "The CLI's resultHash" is checked twice: against the literal pinned in tests/unit/cli/experiments.test.ts and
 * against the CLI itself, run in this Node process (`quantlab artifacts import` + `quantlab experiments run`) on a
 * temporary store.
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
import { createAndRun, detailWhen, experimentRow, fillForm, openExperiments } from './experiments-page';
import { importResult } from './lab-page';
import { GOOG_HASH, GOOG_SMA_RESULT_HASH as PINNED_RESULT_HASH } from '../helpers/goog-experiment';

const baseUrl = inject('baseUrl');

const GOOG_ID = 'art_f2e4b64306bd2b8ab341951c';
// The CLI's pinned case (tests/unit/cli/experiments.test.ts, docs/experiments.md).
const PINNED_ID = 'exp_99c61648f98d6fec74bccb88';

const SIGNAL_SQL =
  'SELECT timestamp, CASE WHEN close > avg(close) OVER (ORDER BY timestamp ROWS 19 PRECEDING) THEN 1 ELSE -1 END AS position FROM bars ORDER BY timestamp';
// Slow on purpose (a few seconds of DuckDB work before the answer), so a run can be caught while running.
const SLOW_SQL =
  'SELECT timestamp, CASE WHEN (SELECT count(*) FROM range(400000000) t(x) WHERE x % 7 = 3) > 0 THEN 1 ELSE -1 END AS position FROM bars ORDER BY timestamp';

const COSTS = { cash: '10000', commissionFixed: '0', commissionRelative: '0.002', spread: '0', margin: '1', exclusiveOrders: true, seed: '0' };

const cliRoot = mkdtempSync(join(tmpdir(), 'quantlab-e2e-cli-'));
let cliStore = '';

async function cli(args: string[]): Promise<string> {
  let out = '';
  await main(args, (s) => (out += s));
  return out;
}

/** Runs a spec with the CLI in this process, on a store holding GOOG; returns the experiment record. */
async function cliRun(spec: unknown): Promise<ExperimentRecord> {
  const path = join(cliRoot, `spec-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify(spec));
  return (JSON.parse(await cli(['experiments', 'run', path, '--store', cliStore, '--json'])) as { experiment: ExperimentRecord }).experiment;
}

function googSpec(strategy: string, params: Record<string, unknown>): unknown {
  return {
    specVersion: 1,
    profile: 'backtesting.py',
    strategy,
    params,
    inputs: [{ contentHash: GOOG_HASH, label: 'GOOG' }],
    broker: { cash: 10_000, exclusiveOrders: true },
    costs: { commission: { relative: 0.002 } },
    seed: 0,
  };
}

let b: OfflineBrowser;
let page: Page;
let googRun = '';
let sqlRun = '';

describe('experiments in Chromium, offline', () => {
  beforeAll(async () => {
    cliStore = join(cliRoot, 'store');
    await cli(['artifacts', 'import', sharedDataPath('GOOG.csv'), '--store', cliStore]);
    b = await launchOffline();
    page = b.page;
    await page.goto(baseUrl);
    await page.getByTestId('app-ready').waitFor({ timeout: 90_000 });
  });

  afterAll(async () => {
    await b?.close();
    rmSync(cliRoot, { recursive: true, force: true });
  });

  it('runs the CLI’s pinned case from the form: done, the CLI’s resultHash, result artifacts made from GOOG', async () => {
    await page.getByTestId('file-input').setInputFiles(sharedDataPath('GOOG.csv'));
    await importResult(page, 'GOOG.csv', ['created', 'existing']);
    await openExperiments(page);
    await fillForm(page, { input: GOOG_ID, strategy: 'sma-cross', params: { fast: '10', slow: '20', sl: '', tp: '' }, ...COSTS });
    const run = await createAndRun(page);
    googRun = run.id;
    expect(run.id).toBe(PINNED_ID);
    expect(run.resultHash).toBe(PINNED_RESULT_HASH);
    const byCli = await cliRun(googSpec('sma-cross', { fast: 10, slow: 20 }));
    expect(byCli.id).toBe(PINNED_ID);
    expect(run.resultHash).toBe(byCli.results!.resultHash);
    expect(await experimentRow(page, PINNED_ID).getAttribute('data-status')).toBe('done');
    // The worker hashed the engine.wasm it compiled: the same bytes as the CLI's, hence the same run id.
    const build = page.getByTestId('engine-build');
    expect(await build.getAttribute('data-engine-build')).toBe(byCli.provenance.engineBuildHash);
    expect(await build.getAttribute('data-run-id')).toBe(byCli.results!.runId);

    // The views read the results back from the artifacts.
    expect(await page.getByTestId('kpi-strip').locator('[data-key="trades"]').textContent()).toBe('93');
    await page.locator('[data-testid="experiment-candles"] canvas').waitFor();
    await page.locator('[data-testid="experiment-equity"] canvas').first().waitFor();
    await page.getByTestId('detail-tab-trades').click();
    await page.getByTestId('experiment-trades').waitFor();
    await page.getByTestId('detail-tab-metrics').click();
    await page.getByTestId('experiment-metrics').waitFor();

    await page.getByTestId('detail-tab-artifacts').click();
    const rows = page.getByTestId('result-artifact');
    await page.locator('[data-testid="result-artifact"][data-role="metrics"][data-inputs]').waitFor();
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="result-artifact"]')].every((r) => r.getAttribute('data-inputs') !== ''),
    );
    const artifacts = await rows.evaluateAll((els) =>
      els.map((e) => ({ role: e.getAttribute('data-role'), id: e.getAttribute('data-artifact-id'), inputs: e.getAttribute('data-inputs') })),
    );
    expect(artifacts.map((a) => a.role)).toEqual(['equity', 'trades', 'fills', 'metrics']);
    expect(artifacts.map((a) => a.id)).toEqual(['equity', 'trades', 'fills', 'metrics'].map((role) => byCli.results!.artifacts[role as 'equity'].id));
    for (const a of artifacts) expect(a.inputs).toBe(GOOG_ID);

    // The Artifacts view's lineage: the metrics table is downstream of GOOG.
    const metricsId = artifacts[3].id!;
    await page.locator('[data-testid="result-artifact"][data-role="metrics"] [data-testid="result-artifact-link"]').click();
    const details = page.locator(`[data-testid="artifact-details"][data-artifact-id="${metricsId}"]`);
    await details.waitFor();
    const graph = details.getByTestId('lineage-graph');
    expect(await graph.getAttribute('data-upstream')).toBe('1');
    expect(await graph.locator('[data-testid="lineage-node"][data-depth="-1"]').getAttribute('data-artifact-id')).toBe(GOOG_ID);
  });

  it('runs an experiment on a sample instrument', async () => {
    const sample = await page.locator('[data-testid="instrument"][data-source="sample"]').first().getAttribute('data-instrument-id');
    await openExperiments(page);
    await fillForm(page, {
      input: sample!,
      strategy: 'momentum',
      params: { lookback: '20', threshold: '0' },
      cash: '10000',
      commissionRelative: '0.001',
      exclusiveOrders: false,
    });
    const run = await createAndRun(page);
    expect(run.resultHash).toMatch(/^[0-9a-f]{64}$/);
    await page.getByTestId('detail-tab-artifacts').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="result-artifact"]').length === 4);
    const inputs = await page.getByTestId('result-artifact').evaluateAll((els) => els.map((e) => e.getAttribute('data-inputs')));
    await page.waitForFunction(
      (id) => [...document.querySelectorAll('[data-testid="result-artifact"]')].every((r) => r.getAttribute('data-inputs') === id),
      sample,
    );
    expect(inputs.length).toBe(4);
  });

  it('runs a SQL signal; its resultHash is the CLI’s for the same spec', async () => {
    await openExperiments(page);
    await fillForm(page, { input: GOOG_ID, strategy: 'sql-signal', sql: SIGNAL_SQL, ...COSTS });
    await page.getByTestId('exp-sql-test').click();
    expect(await page.locator('[data-testid="signal-test"][data-ok="true"]').textContent()).toContain('2,148 positions');
    const run = await createAndRun(page);
    sqlRun = run.id;
    const byCli = await cliRun(googSpec('sql-signal', { sql: SIGNAL_SQL }));
    expect(byCli.status).toBe('done');
    expect(run.id).toBe(byCli.id);
    expect(run.resultHash).toBe(byCli.results!.resultHash);
    expect(run.resultHash).not.toBe(PINNED_RESULT_HASH);
  });

  it('refuses a query that uses LEAD, saying why', async () => {
    const before = await page.getByTestId('experiment-row').count();
    await fillForm(page, {
      input: GOOG_ID,
      strategy: 'sql-signal',
      sql: 'SELECT timestamp, CASE WHEN LEAD(close) OVER (ORDER BY timestamp) > close THEN 1 ELSE -1 END AS position FROM bars',
    });
    const error = page.locator('[data-testid="field-error"][data-field="params.sql"]');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/LEAD\( reads later bars.*look-ahead.*\[rule: no-look-ahead\]/);
    await page.getByTestId('experiment-create-run').click();
    await page.getByTestId('form-problems').waitFor();
    expect(await page.getByTestId('experiment-row').count()).toBe(before);
  });

  it('compares two done experiments: metric differences and overlaid equity', async () => {
    await experimentRow(page, googRun).getByTestId('experiment-compare-toggle').check();
    await experimentRow(page, sqlRun).getByTestId('experiment-compare-toggle').check();
    await page.getByTestId('compare-button').click();
    const view = page.getByTestId('comparison-view');
    await view.waitFor();
    expect(await view.getAttribute('data-runs')).toBe('2');
    expect(await view.locator('canvas').count()).toBeGreaterThan(0);
    const diffs = view.getByTestId('metric-diff');
    expect(await diffs.count()).toBeGreaterThan(20);
    expect(await view.locator('[data-testid="metric-diff"][data-better="1"]').count()).toBeGreaterThan(0);
  });

  it('cancel ends a running experiment as cancelled', async () => {
    await openExperiments(page);
    await fillForm(page, { input: GOOG_ID, strategy: 'sql-signal', sql: SLOW_SQL, ...COSTS, label: 'slow signal (cancel)' });
    await page.getByTestId('experiment-create-run').click();
    await detailWhen(page, ['running']);
    await page.locator('[data-testid="experiment-progress"][data-stage="signal"]').waitFor();
    await page.getByTestId('experiment-cancel').click();
    const end = await detailWhen(page, ['cancelled', 'done', 'failed']);
    expect(end.status).toBe('cancelled');
    expect(await page.getByTestId('experiment-error').textContent()).toContain('cancelled');
    expect(await page.getByTestId('result-hash').textContent()).toBe('');
  });

  it('a reload during a running experiment leaves it interrupted', async () => {
    await fillForm(page, { input: GOOG_ID, strategy: 'sql-signal', sql: SLOW_SQL, ...COSTS, label: 'slow signal (reload)' });
    await page.getByTestId('experiment-create-run').click();
    const running = await detailWhen(page, ['running']);
    await page.reload();
    await page.getByTestId('app-ready').waitFor({ timeout: 90_000 });
    await openExperiments(page);
    const row = experimentRow(page, running.id);
    await page.locator(`[data-testid="experiment-row"][data-experiment-id="${running.id}"][data-status="interrupted"]`).waitFor({ timeout: 30_000 });
    expect(await row.getAttribute('data-status')).toBe('interrupted');
    await row.click();
    expect(await page.getByTestId('experiment-error').textContent()).toContain('ended (reload, crash or kill)');
    // The finished experiments are still there, with their results.
    expect(await experimentRow(page, PINNED_ID).getAttribute('data-status')).toBe('done');
  });

  it('asked for nothing outside localhost and logged no errors', () => {
    expect(b.externalRequests).toEqual([]);
    expect(b.errors).toEqual([]);
  });
});
