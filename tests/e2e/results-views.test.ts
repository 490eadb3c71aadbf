// The result views in real Chromium, offline: the gallery page (tests/browser/results-gallery/) computes a
// backtest, a comparison and a sweep in the page and mounts every view; these tests check what the views show
// against the data they were given.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import type { OfflineBrowser } from './browser';
import { openResultsGallery } from './results-gallery';

interface GalleryProbe {
  mainTrades: { entryBar: number; exitBar: number; pnl: number }[];
  largeTrades: number;
  largeBars: number;
  sweepCount: number;
  bestSweepIndex: number;
}

/** A number as the views print it: typographic minus, grouping, units. */
function parseShown(text: string): number {
  return Number(text.replace('\u2212', '-').replace(/[^0-9.+-]/g, ''));
}

let b: OfflineBrowser;
let probe: GalleryProbe;

async function dataset(locator: Locator): Promise<Record<string, string>> {
  return locator.evaluate((el) => Object.assign({}, (el as HTMLElement).dataset) as Record<string, string>);
}

function expectedMarkers(from: number, to: number): number {
  let n = 0;
  for (const t of probe.mainTrades) n += (t.entryBar >= from && t.entryBar < to ? 1 : 0) + (t.exitBar >= from && t.exitBar < to ? 1 : 0);
  return n;
}

describe('result views in Chromium, offline', () => {
  beforeAll(async () => {
    b = await openResultsGallery();
    probe = (await b.page.evaluate(() => window.__gallery)) as GalleryProbe;
  });

  afterAll(async () => {
    await b?.close();
  });

  it('draws candles (green and red pixels on the canvas) with the OHLC series behind the legend', async () => {
    const chart = b.page.getByTestId('candlestick-chart');
    const counts = await chart.evaluate((el) => {
      const canvas = el.querySelector('canvas')!;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let up = 0;
      let down = 0;
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, bl] = [data[i], data[i + 1], data[i + 2]];
        if (Math.abs(r - 34) < 8 && Math.abs(g - 197) < 8 && Math.abs(bl - 94) < 8) up++;
        if (Math.abs(r - 239) < 8 && Math.abs(g - 68) < 8 && Math.abs(bl - 68) < 8) down++;
      }
      return { up, down, series: el.querySelectorAll('.u-legend .u-series').length };
    });
    expect(counts.up).toBeGreaterThan(500);
    expect(counts.down).toBeGreaterThan(500);
    // Bar, O, H, L, C and volume.
    expect(counts.series).toBe(6);
    const d = await dataset(chart);
    expect(Number(d.bars)).toBe(2610);
    expect(Number(d.viewFrom)).toBe(0);
    expect(Number(d.viewTo)).toBe(2610);
  });

  it('marks every closed trade twice (entry and exit) in the visible range, also after a drag-zoom and a reset', async () => {
    const { page } = b;
    const chart = page.getByTestId('candlestick-chart');
    expect(probe.mainTrades.length).toBeGreaterThan(5);
    expect(Number((await dataset(chart)).markers)).toBe(probe.mainTrades.length * 2);

    const over = (await chart.locator('.u-over').boundingBox())!;
    await page.mouse.move(over.x + over.width * 0.3, over.y + over.height / 2);
    await page.mouse.down();
    await page.mouse.move(over.x + over.width * 0.55, over.y + over.height / 2, { steps: 6 });
    await page.mouse.up();
    await page.waitForFunction(() => Number(document.querySelector<HTMLElement>('[data-testid="candlestick-chart"]')!.dataset.viewFrom) > 0);
    const zoomed = await dataset(chart);
    const from = Number(zoomed.viewFrom);
    const to = Number(zoomed.viewTo);
    expect(to - from).toBeLessThan(2610 * 0.4);
    expect(Number(zoomed.markers)).toBe(expectedMarkers(from, to));
    expect(Number(zoomed.markers)).toBeLessThan(probe.mainTrades.length * 2);

    await page.mouse.dblclick(over.x + over.width / 2, over.y + over.height / 2);
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-testid="candlestick-chart"]')!.dataset.viewFrom === '0');
    expect(Number((await dataset(chart)).markers)).toBe(probe.mainTrades.length * 2);
  });

  it('sorts the trades table by PnL (largest first, then smallest), and a row click focuses the chart on the trade', async () => {
    const { page } = b;
    const table = page.getByTestId('trades-table');
    await table.locator('th button[data-column="pnl"]').click();
    const firstIndex = Number(await table.locator('tr.trade').first().getAttribute('data-index'));
    const pnls = probe.mainTrades.map((t) => t.pnl);
    expect(probe.mainTrades[firstIndex].pnl).toBe(Math.max(...pnls));
    expect(parseShown((await table.locator('tr.trade').first().locator('td[data-column="pnl"]').textContent())!)).toBeCloseTo(Math.max(...pnls), 2);
    expect(await table.locator('th[aria-sort="descending"] button').getAttribute('data-column')).toBe('pnl');

    await table.locator('th button[data-column="pnl"]').click();
    const lowest = Number(await table.locator('tr.trade').first().getAttribute('data-index'));
    expect(probe.mainTrades[lowest].pnl).toBe(Math.min(...pnls));

    await table.locator('tr.trade').first().click();
    await expect.poll(async () => await table.locator('tr.selected').count()).toBe(1);
    const trade = probe.mainTrades[lowest];
    const chart = page.getByTestId('candlestick-chart');
    await expect.poll(async () => Number((await dataset(chart)).viewFrom)).toBeGreaterThan(0);
    const view = await dataset(chart);
    expect(Number(view.viewFrom)).toBeLessThanOrEqual(trade.entryBar);
    expect(Number(view.viewTo)).toBeGreaterThan(trade.exitBar);
    expect(Number(view.markers)).toBe(expectedMarkers(Number(view.viewFrom), Number(view.viewTo)));
  });

  it('shows a trade in a tooltip when the cursor is on its marker', async () => {
    const { page } = b;
    const chart = page.getByTestId('candlestick-chart');
    const view = await dataset(chart);
    const trade = probe.mainTrades.find((t) => t.entryBar >= Number(view.viewFrom) && t.entryBar < Number(view.viewTo))!;
    const over = (await chart.locator('.u-over').boundingBox())!;
    // Bar i is at x = (i - min) / (max - min) of the plot, with half a bar of room at each end of the view.
    const min = Number(view.viewFrom) - 0.5;
    const max = Number(view.viewTo) - 0.5;
    const x = over.x + ((trade.entryBar - min) / (max - min)) * over.width;
    const tip = chart.locator('.trade-tip');
    let shown = false;
    for (let y = over.y + 2; y < over.y + over.height && !shown; y += 3) {
      await page.mouse.move(x, y);
      shown = await tip.isVisible();
    }
    expect(shown).toBe(true);
    expect(await tip.textContent()).toMatch(/#\d+ (Long|Short) (entry|exit)/);
    await page.mouse.move(over.x + 1, over.y + 1);
  });

  it('lays the sweep out as a rows × cols heatmap, blank where no run exists, best cell highlighted', async () => {
    const heatmap = b.page.getByTestId('sweep-heatmap');
    const d = await dataset(heatmap);
    const rows = Number(d.rows);
    const cols = Number(d.cols);
    expect(rows * cols).toBeGreaterThan(probe.sweepCount);
    const cells = heatmap.getByTestId('heatmap-cell');
    expect(await cells.count()).toBe(rows * cols);
    const values = await cells.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.value ?? null));
    const filled = values.filter((v) => v !== null).map(Number);
    expect(filled.length).toBe(probe.sweepCount);
    const best = heatmap.locator('[data-testid="heatmap-cell"][data-best="true"]');
    expect(await best.count()).toBe(1);
    expect(Number(await best.getAttribute('data-value'))).toBe(Math.max(...filled));
    await best.locator('button').scrollIntoViewIfNeeded();
    await best.locator('button').hover();
    const where = `fast = ${await best.getAttribute('data-x')}, slow = ${await best.getAttribute('data-y')}`;
    await expect.poll(async () => heatmap.getByTestId('heatmap-readout').textContent()).toContain(`${where} → Sharpe Ratio`);
    await b.page.getByTestId('color-legend').first().waitFor();

    // A metric where lower is better: the best cell is the smallest value.
    await heatmap.getByTestId('heatmap-metric').selectOption('volatility_ann_pct');
    const vols = (await cells.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.value ?? null))).filter((v) => v !== null).map(Number);
    expect(Number(await heatmap.locator('[data-best="true"]').getAttribute('data-value'))).toBe(Math.min(...vols));
    await heatmap.getByTestId('heatmap-metric').selectOption('sharpe_ratio');
  });

  it('sorts the sweep table by any metric and highlights the best value of each', async () => {
    const table = b.page.getByTestId('sweep-results');
    expect(Number(await table.getAttribute('data-count'))).toBe(probe.sweepCount);
    // Sorted by Sharpe by default: the first row is the sweep's best run.
    expect(Number(await table.locator('tr.combo').first().getAttribute('data-index'))).toBe(probe.bestSweepIndex);
    await table.locator('th button[data-column="return_pct"]').click();
    const first = table.locator('tr.combo').first().locator('td[data-column="return_pct"]');
    expect(await first.getAttribute('data-best')).toBe('true');
    await table.locator('th button[data-column="volatility_ann_pct"]').click();
    await table.locator('th button[data-column="volatility_ann_pct"]').click();
    expect(await table.locator('tr.combo').first().locator('td[data-column="volatility_ann_pct"]').getAttribute('data-best')).toBe('true');
    // Only the rows in view are rendered: sort the best Sharpe back to the top to see its mark.
    await table.locator('th button[data-column="sharpe_ratio"]').click();
    expect(await table.locator('tr.combo').first().locator('td[data-column="sharpe_ratio"]').getAttribute('data-best')).toBe('true');
    expect(await table.locator('td[data-best="true"][data-column="sharpe_ratio"]').count()).toBe(1);
  });

  it('states the number of trials beside the best Sharpe and the deflated Sharpe', async () => {
    const note = b.page.getByTestId('multiple-testing-note');
    expect(parseShown((await note.getByTestId('trial-count').textContent())!)).toBe(probe.sweepCount);
    expect(Number.isFinite(parseShown((await note.getByTestId('best-sharpe').textContent())!))).toBe(true);
    const dsr = parseShown((await note.getByTestId('deflated-sharpe').textContent())!);
    expect(dsr).toBeGreaterThanOrEqual(0);
    expect(dsr).toBeLessThanOrEqual(1);
  });

  it('compares runs: each metric beside the reference with its difference, and overlaid equity', async () => {
    const view = b.page.getByTestId('comparison-view');
    const runs = Number(await view.getAttribute('data-runs'));
    expect(runs).toBe(3);
    const rows = view.locator('tbody tr[data-key]');
    const metrics = await rows.count();
    expect(await view.getByTestId('metric-diff').count()).toBe(metrics * (runs - 1));
    const ret = view.locator('tr[data-key="return_pct"]');
    const values = (await ret.locator('td.value').allTextContents()).map(parseShown);
    const diffs = (await ret.getByTestId('metric-diff').allTextContents()).map(parseShown);
    expect(diffs[0]).toBeCloseTo(values[1] - values[0], 1);
    expect(diffs[1]).toBeCloseTo(values[2] - values[0], 1);
    const better = await ret.getByTestId('metric-diff').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.better)));
    expect(better).toEqual(diffs.map((d) => Math.sign(d)));
    expect(Number(await view.getByTestId('equity-overlay').getAttribute('data-series'))).toBe(3);
    await view.getByTestId('normalize-toggle').uncheck();
    await view.getByTestId('normalize-toggle').check();
    expect(await view.getByTestId('equity-overlay').locator('canvas').count()).toBe(1);
  });

  it('shows the compat statistics, the extended report and a year × month table', async () => {
    const report = b.page.getByTestId('metrics-report');
    expect(await report.locator('.row').count()).toBeGreaterThanOrEqual(32 + 20);
    expect((await report.locator('[data-key="trades"] dd').textContent())?.trim()).toBe(String(probe.mainTrades.length));
    const years = await report.locator('[data-testid="monthly-returns"] tbody tr').count();
    expect(await report.getByTestId('monthly-cell').count()).toBe(years * 12);
    const chart = b.page.getByTestId('equity-drawdown-chart');
    expect(await chart.locator('canvas').count()).toBe(2);
  });

  it('keeps 100k bars to a few hundred candles and renders only the visible rows of 2,000+ trades', async () => {
    const { page } = b;
    const chart = page.getByTestId('candlestick-large');
    const d = await dataset(chart);
    expect(Number(d.bars)).toBe(probe.largeBars);
    const width = (await chart.locator('.u-over').boundingBox())!.width;
    expect(Number(d.buckets)).toBeLessThanOrEqual(Math.ceil(width / 3));
    expect(Number(d.bucketSize)).toBeGreaterThan(100);
    expect(Number(d.markers)).toBe(probe.largeTrades * 2);

    const table = page.getByTestId('trades-large');
    expect(Number(await table.getAttribute('data-count'))).toBe(probe.largeTrades);
    expect(await table.locator('tr.trade').count()).toBeLessThan(60);
    await table.locator('.scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect.poll(async () => table.locator('tr.trade').last().getAttribute('data-index')).toBe(String(probe.largeTrades - 1));
    expect(await table.locator('tr.trade').count()).toBeLessThan(60);
  });

  it('raised no page errors and made no external requests', () => {
    expect(b.errors).toEqual([]);
    expect(b.externalRequests).toEqual([]);
  });
});
