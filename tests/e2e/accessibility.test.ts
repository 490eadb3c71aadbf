/**
 * Accessibility and layout of every view, at 1024 and 1440 CSS pixels wide, in a state with content (an imported
 * file, a run, a sweep with results, finished experiments, a quarantined file, a run link being reproduced):
 * - axe-core (WCAG 2.0 / 2.1, levels A and AA) finds no violation;
 * - at 1024 px the page itself never scrolls sideways (wide tables scroll inside their own box).
 *
 * axe-core's own script is injected from node_modules as an inline <script>; the lab's Content-Security-Policy
 * forbids inline scripts, so this test alone runs with the policy bypassed (the policy is tested in
 * offline-build.test.ts and reproduce.test.ts). With QUANTLAB_SCREENSHOTS=<dir>, a full-page screenshot of each
 * view at each width is written there for a look.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { main } from '../../src/cli/main';
import { sharedDataPath } from '../helpers/shared-data';
import { GOOG_SMA_SPEC as GOOG_SPEC } from '../helpers/goog-experiment';
import { launchOffline, type OfflineBrowser } from './browser';
import { writeTemp } from './data-files';
import { createAndRun, experimentRow, fillForm, openExperiments } from './experiments-page';
import { importResult, openView, runOnce } from './lab-page';

const baseUrl = inject('baseUrl');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const WIDTHS = [1024, 1440] as const;
const HEIGHT = 800;
const SHOTS = process.env.QUANTLAB_SCREENSHOTS;
const COSTS = { commissionRelative: '0.002', exclusiveOrders: true } as const;
const GOOG_EXPERIMENT = 'exp_99c61648f98d6fec74bccb88';
const GOOG_ID = 'art_f2e4b64306bd2b8ab341951c';

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[];
}

/** Each violation as one line: rule, element, and what axe says is wrong. */
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  const result = (await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run(ctx: Document, o: object): Promise<unknown> } }).axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      }),
    TAGS,
  )) as AxeResult;
  return result.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact ?? '?'}) ${JSON.stringify(n.target)}: ${(n.failureSummary ?? v.help).replace(/\s+/g, ' ')}`),
  );
}

async function pageOverflow(page: Page): Promise<{ scrollWidth: number; clientWidth: number }> {
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
}

/** How to bring each view on screen, with its content. */
const VIEWS: { name: string; show(page: Page): Promise<void> }[] = [
  { name: 'research', show: (page) => openView(page, 'research') },
  { name: 'artifacts', show: (page) => openView(page, 'artifacts') },
  {
    name: 'artifact-detail',
    show: async (page) => {
      await openView(page, 'artifacts');
      await page.locator('[data-testid="artifact-row"][data-kind="ohlcv"] button').first().click();
      await page.locator('[data-testid="artifact-details"] [data-testid="rows-preview"]').waitFor({ timeout: 30_000 });
      await page.locator('[data-testid="artifact-details"] [data-testid="lineage-graph"]').waitFor();
    },
  },
  { name: 'quarantine', show: (page) => openView(page, 'quarantine') },
  { name: 'storage', show: (page) => openView(page, 'storage') },
  {
    name: 'sweeps',
    show: async (page) => {
      await page.getByTestId('tab-sweeps').click();
      await page.getByTestId('sweep-heatmap').waitFor();
      await page.getByTestId('multiple-testing-note').waitFor();
    },
  },
  {
    name: 'experiment-new',
    show: async (page) => {
      await openExperiments(page);
      await page.getByTestId('experiment-new').click();
      await page.getByTestId('experiment-form').waitFor();
    },
  },
  ...(['overview', 'trades', 'metrics', 'artifacts', 'spec'] as const).map((tab) => ({
    name: `experiment-detail-${tab}`,
    show: async (page: Page) => {
      await openExperiments(page);
      await page.locator('[data-testid="experiment-row"][data-status="done"] button.open').first().click();
      await page.locator('[data-testid="experiment-detail"][data-status="done"]').waitFor();
      await page.getByTestId(`detail-tab-${tab}`).click();
    },
  })),
  {
    name: 'experiment-compare',
    show: async (page) => {
      await openExperiments(page);
      await page.getByTestId('compare-button').click();
      await page.getByTestId('comparison-view').waitFor();
    },
  },
];

describe('every view is accessible (axe, WCAG 2.1 A/AA) and fits 1024 px', () => {
  let b: OfflineBrowser;
  let page: Page;
  let fragment = '';
  const work = mkdtempSync(join(tmpdir(), 'quantlab-e2e-a11y-'));

  beforeAll(async () => {
    // A run link of the pinned GOOG experiment, made with the CLI's own commands.
    const store = join(work, 'store');
    const spec = join(work, 'goog.json');
    writeFileSync(spec, JSON.stringify(GOOG_SPEC));
    const cli = async (args: string[]) => {
      let out = '';
      await main(args, (s) => (out += s));
      return out;
    };
    await cli(['artifacts', 'import', sharedDataPath('GOOG.csv'), '--store', store]);
    await cli(['experiments', 'run', spec, '--store', store]);
    fragment = (await cli(['experiments', 'link', GOOG_EXPERIMENT, '--fragment', '--store', store])).trim();
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });

    b = await launchOffline({ bypassCSP: true });
    page = b.page;
    await page.setViewportSize({ width: 1440, height: HEIGHT });
    await page.goto(baseUrl);
    await page.getByTestId('app-ready').waitFor({ timeout: 90_000 });
    // Content: GOOG and a quarantined file, a run, a sweep, two experiments.
    const bad = writeTemp('a11y-bad-bars.csv', 'date,open,high,low,close,volume\n2020-01-01,10,11,9,10,100\n2020-01-02,10,9.5,9,10,100\n');
    await page.getByTestId('file-input').setInputFiles([sharedDataPath('GOOG.csv'), bad]);
    await importResult(page, 'a11y-bad-bars.csv', ['quarantined']);
    await page.waitForFunction(() => document.querySelector('[data-testid="instrument-title"]')?.textContent === 'GOOG');
    await runOnce(page);

    await page.getByTestId('tab-sweeps').click();
    const goog = await page.locator('[data-testid="instrument"][data-source="file"]').first().getAttribute('data-instrument-id');
    await page.getByTestId('sweep-instrument').selectOption(goog);
    await page.getByTestId('sweep-strategy').selectOption('sma-cross');
    for (const [name, range] of [
      ['fast', ['5', '20', '5']],
      ['slow', ['30', '90', '20']],
    ] as const) {
      await page.getByTestId(`param-${name}-mode`).selectOption('range');
      for (const [k, v] of (['from', 'to', 'step'] as const).map((k, i) => [k, range[i]] as const))
        await page.getByTestId(`param-${name}-${k}`).fill(v);
    }
    await page.waitForFunction(() => document.querySelector<HTMLButtonElement>('[data-testid="sweep-run"]')?.disabled === false);
    await page.getByTestId('sweep-run').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="sweep-status"]')?.textContent === 'done', null, { timeout: 90_000 });

    await openExperiments(page);
    const runs: string[] = [];
    for (const [fast, slow] of [
      ['10', '20'],
      ['20', '50'],
    ]) {
      await fillForm(page, { input: GOOG_ID, strategy: 'sma-cross', params: { fast, slow, sl: '', tp: '' }, ...COSTS });
      runs.push((await createAndRun(page)).id);
    }
    for (const id of runs) await experimentRow(page, id).getByTestId('experiment-compare-toggle').check();
  }, 300_000);

  afterAll(async () => {
    await b?.close();
    rmSync(work, { recursive: true, force: true });
  });

  /** Every violation and overflow of the page as it is now, at `width`, each as one line. */
  async function problemsOf(name: string, width: number): Promise<string[]> {
    // Let layout settle before measuring.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const problems = (await axeViolations(page)).map((v) => `${width}px ${name}: ${v}`);
    if (width === 1024) {
      const o = await pageOverflow(page);
      if (o.scrollWidth > o.clientWidth)
        problems.push(`${width}px ${name}: the page scrolls sideways (scrollWidth ${o.scrollWidth} > clientWidth ${o.clientWidth})`);
    }
    if (SHOTS) await page.screenshot({ path: join(SHOTS, `${width}-${name}.png`), fullPage: true });
    return problems;
  }

  for (const width of WIDTHS) {
    it(`at ${width} px: no axe violation and no sideways page scroll in any view`, async () => {
      await page.setViewportSize({ width, height: HEIGHT });
      const problems: string[] = [];
      for (const view of VIEWS) {
        await view.show(page);
        problems.push(...(await problemsOf(view.name, width)));
      }
      expect(problems).toEqual([]);
    });
  }

  // Last: opening a link reloads the page, and a sweep's results live only in the page.
  it('a run link being reproduced (this browser has GOOG): the panel with its verdict, at both widths', async () => {
    await page.goto(`${baseUrl}${fragment}`);
    await page.getByTestId('app-ready').waitFor({ timeout: 90_000 });
    await page.locator('[data-testid="reproduce-input"][data-status="found"]').waitFor({ timeout: 60_000 });
    await page.getByTestId('reproduce-run').click();
    await page.getByTestId('reproduce-verdict').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('reproduce-verdict').textContent()).toBe('identical');
    const problems: string[] = [];
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: HEIGHT });
      problems.push(...(await problemsOf('reproduce', width)));
    }
    expect(problems).toEqual([]);
  });
});
