import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { main } from '../../src/cli/main';
import type { ExperimentRecord } from '../../src/core/experiments/record';
import { launchOffline, type OfflineBrowser } from './browser';
import { compileNodeEngine } from '../../src/adapters/node/engine-loader';
import { ohlcvContentHash } from '../../src/core/artifacts/content-hash';
import { simulateSampleUniverse } from '../../src/core/sample';
import { attribution } from '../../src/core/universe/attribution';
import { labExperimentSpec, planLabSweep, type LabSweepPlan } from '../../src/core/sweeps';
import { createEngine } from '../../src/engine/engine-module';
import { InProcessLabRunner } from '../../src/engine/lab-runner';
import { runLabUniverseBacktest } from '../../src/handlers/run-lab-backtest';

// The Sweeps tab's universe (lab) mode in Chromium, offline: an xmom sweep over the sample universe runs on the pool
// of engine workers with progress, draws its heatmap, and a cell's metric is, to the bit, the statistic of the same
// combination run alone as a version-2 experiment in Node; "Open as experiment" on a row creates and runs that
// experiment (the CLI's id and resultHash for the same spec); a cancelled sweep keeps the rows it finished.

const baseUrl = inject('baseUrl');
let b: OfflineBrowser;
const work = mkdtempSync(join(tmpdir(), 'quantlab-e2e-sweeps-lab-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function cli(args: string[]): Promise<string> {
  let out = '';
  await main(args, (s) => (out += s));
  return out;
}

/** A spec run by `quantlab experiments run` in a store holding the sample universe (`quantlab sample universe`). */
async function cliRun(spec: unknown): Promise<{ experiment: ExperimentRecord; stats: Record<string, number | null> }> {
  const folder = join(work, 'sample-universe');
  const store = join(work, 'store');
  const written = JSON.parse(await cli(['sample', 'universe', '--out', folder, '--json'])) as { files: Array<{ file: string }> };
  await cli(['artifacts', 'import', ...written.files.map((f) => join(folder, f.file)), '--store', store, '--json']);
  writeFileSync(join(work, 'spec.json'), JSON.stringify(spec));
  const { experiment } = JSON.parse(await cli(['experiments', 'run', join(work, 'spec.json'), '--store', store, '--json'])) as {
    experiment: ExperimentRecord;
  };
  // The full statistics are in the metrics artifact, which `experiments get` reads.
  const { stats } = JSON.parse(await cli(['experiments', 'get', experiment.id, '--store', store, '--json'])) as {
    stats: Record<string, number | null>;
  };
  return { experiment, stats };
}

const COSTS = {
  cash: 100_000,
  commission: 0.001,
  commissionFixed: 0,
  spread: 0.0005,
  slippage: { model: 'random', bps: 3 },
  fillTiming: 'close',
  seed: 7,
} as const;
const named = simulateSampleUniverse().members.map((m) => ({ name: m.id, table: m.bars }));

/** The plan the form describes, over the sample universe in the picker's order. */
async function nodePlan(lookback: number[], topK: number[]): Promise<LabSweepPlan> {
  const inputs = await Promise.all(named.map(async (n) => ({ contentHash: await ohlcvContentHash(n.table), name: n.name })));
  const outcome = planLabSweep({
    strategy: 'xmom',
    params: { lookback, top_k: topK },
    search: { mode: 'grid' },
    inputs,
    config: {
      cash: COSTS.cash,
      commission: { fixed: COSTS.commissionFixed, relative: COSTS.commission },
      spread: COSTS.spread,
      allowShort: false,
      slippage: COSTS.slippage,
      fillTiming: COSTS.fillTiming,
      seed: COSTS.seed,
    },
  });
  if (!outcome.plan) throw new Error(JSON.stringify(outcome.problems));
  return outcome.plan;
}

async function configure(page: Page, lookback: number[], topK: number[]): Promise<void> {
  await page.getByTestId('sweep-lab-strategy').selectOption('xmom');
  await page.getByTestId('sweep-mode-grid').check({ force: true });
  await page.getByTestId('param-lookback-mode').selectOption('list');
  await page.getByTestId('param-lookback-list').fill(lookback.join(', '));
  await page.getByTestId('param-top_k-mode').selectOption('list');
  await page.getByTestId('param-top_k-list').fill(topK.join(', '));
  await page.getByTestId('lab-cost-cash').fill(String(COSTS.cash));
  await page.getByTestId('lab-cost-commissionRelative').fill(String(COSTS.commission));
  await page.getByTestId('lab-cost-commissionFixed').fill(String(COSTS.commissionFixed));
  await page.getByTestId('lab-cost-spread').fill(String(COSTS.spread));
  await page.getByTestId('lab-cost-allow-short').setChecked(false);
  // Beyond costs, the rest of the lab configuration: the experiment form's own fields.
  await page.getByTestId('lab-cost-slippage').selectOption(COSTS.slippage.model);
  await page.getByTestId('lab-cost-slippageBps').fill(String(COSTS.slippage.bps));
  await page.getByTestId('lab-cost-fill-timing').selectOption(COSTS.fillTiming);
  await page.getByTestId('lab-cost-seed').fill(String(COSTS.seed));
  await page.locator(`[data-testid="sweep-count"][data-runs="${lookback.length * topK.length}"]`).waitFor();
  await page.waitForFunction(() => document.querySelector<HTMLButtonElement>('[data-testid="sweep-run"]')?.disabled === false);
}

/** Runs the configured sweep, recording every `data-done` value; with `cancelAt`, Cancel is clicked once done reaches it. */
async function runSweep(page: Page, cancelAt?: number): Promise<{ status: string; seen: number[] }> {
  await page.evaluate((at) => {
    const el = document.querySelector('[data-testid="sweep-progress"]')!;
    const w = window as unknown as { __labSeen: number[]; __labObserver?: MutationObserver };
    w.__labObserver?.disconnect();
    w.__labSeen = [];
    let clicked = false;
    w.__labObserver = new MutationObserver(() => {
      const done = Number(el.getAttribute('data-done'));
      w.__labSeen.push(done);
      if (at !== null && !clicked && done >= at) {
        clicked = true;
        (document.querySelector('[data-testid="sweep-cancel"]') as HTMLButtonElement).click();
      }
    });
    w.__labObserver.observe(el, { attributes: true, attributeFilter: ['data-done'] });
  }, cancelAt ?? null);
  await page.getByTestId('sweep-run').click();
  await page.waitForFunction(
    () => ['done', 'cancelled', 'failed'].includes(document.querySelector('[data-testid="sweep-status"]')?.textContent ?? ''),
    null,
    { timeout: 180_000 },
  );
  const status = (await page.getByTestId('sweep-status').textContent()) ?? '';
  const seen = await page.evaluate(() => (window as unknown as { __labSeen: number[] }).__labSeen);
  return { status, seen };
}

describe('Sweeps over a universe (lab profile) in Chromium, offline', () => {
  beforeAll(async () => {
    b = await launchOffline();
    await b.page.goto(baseUrl);
    await b.page.getByTestId('app-ready').waitFor({ timeout: 90_000 });
    await b.page.getByTestId('tab-sweeps').click();
    await b.page.getByTestId('sweeps-view').waitFor();
    await b.page.getByTestId('sweep-source-universe').check({ force: true });
    await b.page.getByTestId('universe-sample').click();
    await b.page.locator('[data-testid="universe-count"][data-count="24"]').waitFor({ timeout: 90_000 });
  }, 180_000);

  afterAll(async () => {
    await b?.close();
  });

  it('xmom lookback × top_k (3 × 3) on the sample universe: progress to done, a heatmap, a cell equal to the single experiment in Node', async () => {
    const { page } = b;
    const lookback = [63, 126, 252];
    const topK = [2, 3, 4];
    await configure(page, lookback, topK);
    const { status, seen } = await runSweep(page);
    expect(status).toBe('done');
    expect(seen.at(-1)).toBe(9);
    expect(seen.some((d) => d > 0 && d < 9)).toBe(true);
    expect(await page.getByTestId('sweep-progress').getAttribute('data-total')).toBe('9');
    expect(await page.getByTestId('sweep-results').getAttribute('data-count')).toBe('9');
    await expect.poll(() => page.getByTestId('heatmap-cell').count()).toBe(9);
    await page.getByTestId('multiple-testing-note').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('trial-count').textContent()).toContain('9');

    // One cell, lookback 126 × top_k 3, against the same combination run alone as a version-2 experiment in Node.
    const plan = await nodePlan(lookback, topK);
    const c = Array.from({ length: plan.runs }, (_, k) => k).find((k) => plan.values[2 * k] === 126 && plan.values[2 * k + 1] === 3)!;
    const one = labExperimentSpec(plan, c);
    const runner = new InProcessLabRunner(await createEngine(await compileNodeEngine()), 'e2e');
    const single = await runLabUniverseBacktest(runner, named, { strategy: one.strategy, params: one.params, config: one.config });
    const heatX = await page.locator('[data-testid="heatmap-cell"]').first().getAttribute('data-x');
    const [x, y] = Number(heatX) === lookback[0] ? [126, 3] : [3, 126];
    const value = await page.locator(`[data-testid="heatmap-cell"][data-x="${x}"][data-y="${y}"]`).getAttribute('data-value');
    expect(single.stats.sharpe_ratio).not.toBeNull();
    expect(Object.is(Number(value), single.stats.sharpe_ratio)).toBe(true);

    // The table's turnover of that combination: the experiment's attribution turnover summed over the instruments.
    const r = single.result;
    const a = attribution({
      instruments: named.length,
      positions: r.positions,
      close: single.timeline.close,
      nav: r.nav,
      cash: COSTS.cash,
      fills: r.fills,
    });
    const rows = await page.locator('[data-testid="sweep-results"] tr.combo').evaluateAll((trs) =>
      trs.map((tr) => ({
        params: [...tr.querySelectorAll('td.param')].map((td) => Number(td.textContent)),
        turnover: Number(tr.querySelector('[data-column="extra:turnover"]')?.getAttribute('data-value')),
      })),
    );
    expect(rows).toHaveLength(9);
    const shown = rows.find((row) => row.params[0] === 126 && row.params[1] === 3)!;
    expect(
      Object.is(
        shown.turnover,
        a.turnover.reduce((s, t) => s + t, 0),
      ),
    ).toBe(true);
  }, 300_000);

  it('"Open as experiment" on lookback 126 × top_k 3: the version-2 experiment of that combination, as the CLI runs it', async () => {
    const { page } = b;
    const heatX = await page.locator('[data-testid="heatmap-cell"]').first().getAttribute('data-x');
    const [x, y] = Number(heatX) === 63 ? [126, 3] : [3, 126];
    await page.locator(`[data-testid="heatmap-cell"][data-x="${x}"][data-y="${y}"] button`).click();
    const row = page.getByTestId('sweep-row');
    await page.waitForFunction(() => {
      const p = JSON.parse(document.querySelector('[data-testid="sweep-row"]')?.getAttribute('data-params') ?? '{}') as Record<string, number>;
      return p.lookback === 126 && p.top_k === 3;
    });
    const rowStats = JSON.parse((await row.getAttribute('data-stats'))!) as Record<string, number | null>;

    // The same combination alone, as a spec file run by the CLI on the sample universe written as files.
    const plan = await nodePlan([63, 126, 252], [2, 3, 4]);
    const c = Array.from({ length: plan.runs }, (_, k) => k).find((k) => plan.values[2 * k] === 126 && plan.values[2 * k + 1] === 3)!;
    const cli = await cliRun(labExperimentSpec(plan, c));
    expect(cli.experiment.status).toBe('done');

    await row.getByTestId('sweep-open-experiment').click();
    const detail = page.locator(`[data-testid="experiment-detail"][data-experiment-id="${cli.experiment.id}"][data-status="done"]`);
    await detail.waitFor({ timeout: 180_000 });
    expect(await page.getByTestId('result-hash').textContent()).toBe(cli.experiment.results!.resultHash);
    // Its statistics are the row's, to the bit.
    for (const key of ['sharpe_ratio', 'return_pct', 'max_drawdown_pct'] as const) expect(Object.is(cli.stats[key], rowStats[key]), key).toBe(true);
    await page.getByTestId('tab-sweeps').click();
    await page.getByTestId('sweeps-view').waitFor();
  }, 300_000);

  it('cancel midway keeps the rows it finished', async () => {
    const { page } = b;
    const lookback = Array.from({ length: 20 }, (_, i) => 40 + 10 * i);
    const topK = [2, 3, 4, 5, 6];
    await configure(page, lookback, topK);
    const { status } = await runSweep(page, 4);
    expect(status).toBe('cancelled');
    const kept = Number(await page.getByTestId('sweep-results').getAttribute('data-count'));
    expect(kept).toBeGreaterThanOrEqual(4);
    expect(kept).toBeLessThan(100);
    expect(await page.getByTestId('sweep-outcome').textContent()).toContain(`cancelled after ${kept} of 100 runs`);
    expect(await page.getByTestId('sweep-row').count()).toBeGreaterThan(0);
  }, 300_000);
});
