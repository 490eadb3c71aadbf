import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { launchOffline, type OfflineBrowser } from './browser';
import { sharedDataPath } from '../helpers/shared-data';
import { GOOG_SMA_10_20_STATS } from '../helpers/goog-golden';
import { GOOG_SMA_RESULT_HASH as PINNED_RESULT_HASH } from '../helpers/goog-experiment';
import { loadSharedBars } from '../unit/compat/load-csv';
import { compileNodeEngine } from '../../src/adapters/node/engine-loader';
import type { Bars } from '../../src/core/compat';
import { generateSample } from '../../src/core/sample';
import {
  combinationParams,
  deflatedSharpeOfBest,
  planSweep,
  SweepResults,
  sweepCsv,
  sweepTrials,
  type SweepPlan,
  type SweepSpec,
} from '../../src/core/sweeps';
import { createEngine, type Engine } from '../../src/engine/engine-module';
import type { SweepParamsOf } from '../../src/engine/sweep-engine';
import { formatRatio } from '../../src/ui/results/format';

// The Sweeps tab in Chromium, offline: a sweep runs on the pool of engine workers with progress, can be cancelled
// keeping what it finished, and gives, row for row and bit for bit, what one SweepEngine gives in Node; a row opens
// as its own tracked experiment (the pinned GOOG experiment for metrics.md's row).

const baseUrl = inject('baseUrl');
/** metrics.md's GOOG run as an experiment (tests/e2e/experiments.test.ts pins it too). */
const PINNED_ID = 'exp_99c61648f98d6fec74bccb88';
let b: OfflineBrowser;
let engine: Engine;

interface SweepForm {
  instrumentId: string;
  fast: { from: number; to: number; step: number };
  slow: { from: number; to: number; step: number };
  random?: { count: number; seed: number };
}

/** The broker every sweep here uses: metrics.md's (commission 0.002, exclusive orders). */
const OPTIONS: SweepSpec['options'] = {
  cash: 10_000,
  commission: { fixed: 0, relative: 0.002 },
  spread: 0,
  margin: 1,
  exclusiveOrders: true,
  tradeOnClose: false,
  hedging: false,
  finalizeTrades: false,
};

function specOf(form: SweepForm): SweepSpec {
  return {
    strategy: 'sma-cross',
    params: { fast: form.fast, slow: form.slow },
    search: form.random ? { mode: 'random', ...form.random } : { mode: 'grid' },
    options: OPTIONS,
  };
}

async function configure(page: Page, form: SweepForm): Promise<void> {
  await page.getByTestId('sweep-instrument').selectOption(form.instrumentId);
  await page.getByTestId('sweep-strategy').selectOption('sma-cross');
  for (const name of ['fast', 'slow'] as const) {
    await page.getByTestId(`param-${name}-mode`).selectOption('range');
    for (const k of ['from', 'to', 'step'] as const) await page.getByTestId(`param-${name}-${k}`).fill(String(form[name][k]));
  }
  for (const name of ['sl', 'tp']) await page.getByTestId(`param-${name}-mode`).selectOption('off');
  if (form.random) {
    await page.getByTestId('sweep-mode-random').check({ force: true });
    await page.getByTestId('sweep-random-count').fill(String(form.random.count));
    await page.getByTestId('sweep-random-seed').fill(String(form.random.seed));
  } else {
    await page.getByTestId('sweep-mode-grid').check({ force: true });
  }
  await page.getByTestId('cost-cash').fill('10000');
  await page.getByTestId('cost-commission').fill('0.002');
  await page.getByTestId('cost-commission-fixed').fill('0');
  await page.getByTestId('cost-spread').fill('0');
  await page.getByTestId('cost-margin').fill('1');
  await page.getByTestId('cost-exclusive-orders').setChecked(true);
  for (const flag of ['cost-trade-on-close', 'cost-hedging', 'cost-finalize-trades']) await page.getByTestId(flag).setChecked(false);
  // The bars of the picked instrument are loaded (Run is enabled only then).
  await page.waitForFunction(() => document.querySelector<HTMLButtonElement>('[data-testid="sweep-run"]')?.disabled === false);
}

async function shownCount(page: Page): Promise<{ runs: number; space: number; skipped: number }> {
  const el = page.getByTestId('sweep-count');
  return {
    runs: Number(await el.getAttribute('data-runs')),
    space: Number(await el.getAttribute('data-space')),
    skipped: Number(await el.getAttribute('data-skipped')),
  };
}

/**
 * Runs the configured sweep. Every value `sweep-progress` takes for `data-done` is recorded in the page as it
 * changes (a MutationObserver, so no intermediate state is missed between polls); with `cancelAt`, Cancel is
 * clicked the moment done reaches it.
 */
async function runSweep(page: Page, cancelAt?: number): Promise<{ status: string; seen: number[] }> {
  await page.evaluate((at) => {
    const el = document.querySelector('[data-testid="sweep-progress"]')!;
    const w = window as unknown as { __sweepSeen: number[]; __sweepObserver?: MutationObserver };
    w.__sweepObserver?.disconnect();
    w.__sweepSeen = [];
    let clicked = false;
    w.__sweepObserver = new MutationObserver(() => {
      const done = Number(el.getAttribute('data-done'));
      w.__sweepSeen.push(done);
      if (at !== null && !clicked && done >= at) {
        clicked = true;
        (document.querySelector('[data-testid="sweep-cancel"]') as HTMLButtonElement).click();
      }
    });
    w.__sweepObserver.observe(el, { attributes: true, attributeFilter: ['data-done'] });
  }, cancelAt ?? null);
  await page.getByTestId('sweep-run').click();
  await page.waitForFunction(
    () => ['done', 'cancelled', 'failed'].includes(document.querySelector('[data-testid="sweep-status"]')?.textContent ?? ''),
    null,
    {
      timeout: 90_000,
    },
  );
  const status = (await page.getByTestId('sweep-status').textContent()) ?? '';
  const seen = await page.evaluate(() => (window as unknown as { __sweepSeen: number[] }).__sweepSeen);
  return { status, seen };
}

/** The sweep's CSV export, downloaded: header and lines by combination index. */
async function exportedCsv(page: Page): Promise<{ text: string; header: string[]; lines: Map<number, string> }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('sweep-export').click()]);
  const text = readFileSync(await download.path(), 'utf8');
  const [head, ...rest] = text.trim().split('\n');
  return { text, header: head.split(','), lines: new Map(rest.map((l) => [Number(l.split(',')[0]), l])) };
}

function cell(header: string[], line: string, column: string): string {
  return line.split(',')[header.indexOf(column)];
}

/** The plan a spec expands to, and the CSV lines one SweepEngine in Node gives for it, by combination. */
function nodeSweep(spec: SweepSpec, bars: Bars): { plan: SweepPlan; results: SweepResults; lines: Map<number, string> } {
  const outcome = planSweep(spec);
  if (!outcome.plan) throw new Error(JSON.stringify(outcome.problems));
  const plan = outcome.plan;
  engine.sweep.prepare(bars);
  const sets = Array.from(
    { length: plan.runs },
    (_, c) => combinationParams(plan.paramNames, plan.values, c) as unknown as SweepParamsOf['sma-cross'],
  );
  const results = new SweepResults(plan.runs);
  results.write(0, engine.sweep.run('sma-cross', sets, plan.options).stats);
  const [, ...rest] = sweepCsv(plan.paramNames, plan.values, results).trim().split('\n');
  return { plan, results, lines: new Map(rest.map((l) => [Number(l.split(',')[0]), l])) };
}

function sampleBars(id: string): Bars {
  const t = generateSample(id);
  return { time: t.timestamp, open: t.open, high: t.high, low: t.low, close: t.close, volume: t.volume };
}

async function instrumentId(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).first().getAttribute('data-instrument-id'))!;
}

function closeTo(actual: number, expected: number, rtol = 1e-6): boolean {
  return Math.abs(actual - expected) <= rtol * Math.abs(expected);
}

describe('Sweeps in Chromium, offline', () => {
  let goog: string;

  beforeAll(async () => {
    engine = await createEngine(await compileNodeEngine());
    b = await launchOffline();
    await b.page.goto(baseUrl);
    await b.page.getByTestId('app-ready').waitFor({ timeout: 90_000 });
    await b.page.getByTestId('file-input').setInputFiles(sharedDataPath('GOOG.csv'));
    await b.page.waitForFunction(() => document.querySelector('[data-testid="instrument-title"]')?.textContent === 'GOOG');
    goog = await instrumentId(b.page, '[data-testid="instrument"][data-source="file"]');
    await b.page.getByTestId('tab-sweeps').click();
    await b.page.getByTestId('sweeps-view').waitFor();
    expect(await b.page.getByTestId('sweep-status').textContent()).toBe('idle');
  });

  afterAll(async () => {
    await b?.close();
  });

  it('GOOG: a 200-combination sma-cross grid shows progress, completes, and matches metrics.md and Node', async () => {
    const { page } = b;
    const form: SweepForm = { instrumentId: goog, fast: { from: 1, to: 10, step: 1 }, slow: { from: 20, to: 115, step: 5 } };
    await configure(page, form);
    expect(await shownCount(page)).toEqual({ runs: 200, space: 200, skipped: 0 });

    const { status, seen } = await runSweep(page);
    expect(status).toBe('done');
    expect(
      seen.some((d) => d > 0 && d < 200),
      `progress seen: ${seen.join(',')}`,
    ).toBe(true);
    expect(await page.getByTestId('sweep-progress').getAttribute('data-done')).toBe('200');
    expect(await page.getByTestId('sweep-progress').getAttribute('data-total')).toBe('200');
    expect(await page.getByTestId('sweep-results').getAttribute('data-count')).toBe('200');
    await page.screenshot({ path: '/tmp/quantlab-sweeps-goog.png', fullPage: true });

    const csv = await exportedCsv(page);
    expect(csv.lines.size).toBe(200);
    // Bit for bit what one SweepEngine gives in Node for the same plan on GOOG.csv.
    const node = nodeSweep(specOf(form), loadSharedBars('GOOG.csv'));
    for (const [c, line] of node.lines) expect(csv.lines.get(c), `combination ${c}`).toBe(line);

    // The best Sharpe row is the maximum of the table, in the best-per-metric panel, first in the table and in the note.
    const sharpes = [...csv.lines.values()].map((l) => Number(cell(csv.header, l, 'sharpe_ratio')));
    const max = Math.max(...sharpes);
    const best = page.locator('[data-testid="sweep-best-item"][data-metric="sharpe_ratio"]');
    expect(Number(await best.getAttribute('data-value'))).toBe(max);
    const bestCombination = Number(await best.getAttribute('data-combination'));
    expect(Number(cell(csv.header, csv.lines.get(bestCombination)!, 'sharpe_ratio'))).toBe(max);
    expect(Number(await page.locator('[data-testid="sweep-results"] tr.combo').first().getAttribute('data-index'))).toBe(bestCombination);
    const note = page.getByTestId('multiple-testing-note');
    await note.waitFor();
    expect(await note.getByTestId('trial-count').textContent()).toBe('200');
    expect(await note.getByTestId('best-sharpe').textContent()).toBe(formatRatio(max));
    const dsr = Number(await note.getByTestId('deflated-sharpe').textContent());
    expect(dsr).toBeGreaterThanOrEqual(0);
    expect(dsr).toBeLessThanOrEqual(1);
    // The Sharpe expected by luck and the deflated Sharpe are Node's, in the table's Sharpe definition.
    const trials = sweepTrials(node.results);
    const p = combinationParams(node.plan.paramNames, node.plan.values, trials.bestCombination!);
    const googBars = loadSharedBars('GOOG.csv');
    const bestRun = engine.compat.run(googBars, { name: 'sma-cross', params: { fast: p.fast, slow: p.slow } }, node.plan.options);
    const selection = deflatedSharpeOfBest({ equity: bestRun.equity, time: googBars.time }, trials);
    expect(await note.getByTestId('deflated-sharpe').textContent()).toBe(selection.deflatedSharpe!.toFixed(2));
    expect(await note.getByTestId('expected-max-sharpe').textContent()).toBe(formatRatio(selection.expectedMaxSharpe!));
    expect(await note.getByTestId('sharpe-definition').textContent()).toContain('÷ √252');

    // metrics.md's golden run is the fast=10 slow=20 row: from the export, and from the heatmap cell it selects.
    const golden = [...csv.lines.values()].find((l) => cell(csv.header, l, 'fast') === '10' && cell(csv.header, l, 'slow') === '20')!;
    for (const key of ['sharpe_ratio', 'return_pct', 'trades'] as const) {
      expect(closeTo(Number(cell(csv.header, golden, key)), GOOG_SMA_10_20_STATS[key] as number), key).toBe(true);
    }
    await page.locator('[data-testid="heatmap-cell"][data-x="10"][data-y="20"] button').click();
    const row = page.getByTestId('sweep-row');
    await page.waitForFunction(
      () => JSON.parse(document.querySelector('[data-testid="sweep-row"]')?.getAttribute('data-params') ?? '{}').slow === 20,
    );
    expect(JSON.parse((await row.getAttribute('data-params'))!)).toEqual({ fast: 10, slow: 20 });
    const stats = JSON.parse((await row.getAttribute('data-stats'))!) as Record<string, number>;
    for (const key of ['sharpe_ratio', 'return_pct', 'trades'] as const)
      expect(closeTo(stats[key], GOOG_SMA_10_20_STATS[key] as number), key).toBe(true);
  });

  it('"Open as experiment" on the fast=10 slow=20 row is metrics.md\'s pinned GOOG experiment: its id and resultHash', async () => {
    const { page } = b;
    const row = page.getByTestId('sweep-row');
    expect(JSON.parse((await row.getAttribute('data-params'))!)).toEqual({ fast: 10, slow: 20 });
    await row.getByTestId('sweep-open-experiment').click();
    const detail = page.locator(`[data-testid="experiment-detail"][data-experiment-id="${PINNED_ID}"][data-status="done"]`);
    await detail.waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('experiments-view').isVisible()).toBe(true);
    expect(await page.getByTestId('result-hash').textContent()).toBe(PINNED_RESULT_HASH);
    expect(await page.locator(`[data-testid="experiment-row"][data-experiment-id="${PINNED_ID}"]`).getAttribute('data-status')).toBe('done');
    // Back to the sweep: its results are still there.
    await page.getByTestId('tab-sweeps').click();
    await page.getByTestId('sweeps-view').waitFor();
    expect(await page.getByTestId('sweep-results').getAttribute('data-count')).toBe('200');
  });

  it('a sample instrument: grid combinations with fast ≥ slow are skipped, the rest run, as in Node', async () => {
    const { page } = b;
    const id = await instrumentId(page, '[data-testid="instrument"][data-source="sample"]:has-text("large-cap")');
    const form: SweepForm = { instrumentId: id, fast: { from: 5, to: 50, step: 5 }, slow: { from: 10, to: 200, step: 10 } };
    await configure(page, form);
    // 200 combinations, 25 with fast ≥ slow (documented in src/core/sweeps/rules.ts): 175 runs, shown before running.
    expect(await shownCount(page)).toEqual({ runs: 175, space: 200, skipped: 25 });
    expect(await page.getByTestId('sweep-count').textContent()).toContain('25 skipped (fast < slow)');

    const { status, seen } = await runSweep(page);
    expect(status).toBe('done');
    expect(seen.some((d) => d > 0 && d < 175)).toBe(true);
    expect(await page.getByTestId('sweep-results').getAttribute('data-count')).toBe('175');
    const csv = await exportedCsv(page);
    expect(csv.lines.size).toBe(175);
    const node = nodeSweep(specOf(form), sampleBars('synth-trend-equity'));
    for (const [c, line] of node.lines) expect(csv.lines.get(c), `combination ${c}`).toBe(line);
    const max = Math.max(...[...csv.lines.values()].map((l) => Number(cell(csv.header, l, 'sharpe_ratio'))));
    expect(Number(await page.locator('[data-testid="sweep-best-item"][data-metric="sharpe_ratio"]').getAttribute('data-value'))).toBe(max);
  });

  it('a 5,000-combination sweep cancelled midway keeps its completed rows and reports cancelled', async () => {
    const { page } = b;
    const fx = await instrumentId(page, '[data-testid="instrument"][data-source="sample"]:has-text("FX")');
    const form: SweepForm = { instrumentId: fx, fast: { from: 2, to: 51, step: 1 }, slow: { from: 52, to: 151, step: 1 } };
    await configure(page, form);
    expect(await shownCount(page)).toEqual({ runs: 5000, space: 5000, skipped: 0 });

    const { status, seen } = await runSweep(page, 500);
    expect(status).toBe('cancelled');
    const done = Number(await page.getByTestId('sweep-progress').getAttribute('data-done'));
    expect(done).toBeGreaterThanOrEqual(500);
    expect(done).toBeLessThan(5000);
    expect(seen.at(-1)).toBe(done);
    expect(await page.getByTestId('sweep-outcome').textContent()).toBe(`cancelled after ${done.toLocaleString('en-US')} of 5,000 runs`);
    expect(await page.getByTestId('sweep-results').getAttribute('data-count')).toBe(String(done));
    expect(await page.getByTestId('multiple-testing-note').getByTestId('trial-count').textContent()).toBe(done.toLocaleString('en-US'));
    await page.screenshot({ path: '/tmp/quantlab-sweeps-cancelled.png', fullPage: true });

    // The kept rows are those of the same combinations run in one SweepEngine.
    const csv = await exportedCsv(page);
    expect(csv.lines.size).toBe(done);
    const node = nodeSweep(specOf(form), sampleBars('synth-fx-hourly'));
    for (const [c, line] of csv.lines) expect(line, `combination ${c}`).toBe(node.lines.get(c));
    // Nothing arrives after the cancel, and the next sweep can start.
    await page.waitForTimeout(300);
    expect(Number(await page.getByTestId('sweep-progress').getAttribute('data-done'))).toBe(done);
    expect(await page.getByTestId('sweep-run').isEnabled()).toBe(true);
  });

  it('a seeded random search of 50 gives the same rows twice', async () => {
    const { page } = b;
    const form: SweepForm = {
      instrumentId: goog,
      fast: { from: 2, to: 60, step: 1 },
      slow: { from: 5, to: 200, step: 5 },
      random: { count: 50, seed: 7 },
    };
    await configure(page, form);
    const count = await shownCount(page);
    expect(count.runs).toBe(50);
    expect(count.skipped).toBeGreaterThan(0);

    expect((await runSweep(page)).status).toBe('done');
    const first = await exportedCsv(page);
    expect((await runSweep(page)).status).toBe('done');
    const second = await exportedCsv(page);
    expect(second.text).toBe(first.text);
    expect(first.lines.size).toBe(50);
    await page.screenshot({ path: '/tmp/quantlab-sweeps-random.png', fullPage: true });

    // The draws are the plan's (seeded, distinct, fast < slow), and the rows are Node's.
    const node = nodeSweep(specOf(form), loadSharedBars('GOOG.csv'));
    expect([...first.lines.keys()]).toEqual([...node.lines.keys()]);
    for (const [c, line] of node.lines) expect(first.lines.get(c)).toBe(line);
    const pairs = [...first.lines.values()].map((l) => `${cell(first.header, l, 'fast')}/${cell(first.header, l, 'slow')}`);
    expect(new Set(pairs).size).toBe(50);
  });

  it('asked for nothing outside localhost and raised no page error', () => {
    expect(b.externalRequests).toEqual([]);
    expect(b.errors).toEqual([]);
  });
});
