// The universe result views in real Chromium, offline, on the results gallery (tests/browser/results-gallery/): a
// momentum long/short run on the sample universe, computed in the page (universe-demo.ts), drawn by the stacked
// weights chart, the NAV-vs-benchmark chart and the attribution table; checked against the data they were given.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { AttributionRow } from '../../src/ui/universe/result-types';
import type { OfflineBrowser } from './browser';
import { openResultsGallery } from './results-gallery';

interface Probe {
  navReturn: number;
  benchmarkReturn: number;
  attribution: AttributionRow[];
}

let b: OfflineBrowser;
let page: Page;
let probe: Probe;

async function data(testid: string): Promise<Record<string, string>> {
  return page.getByTestId(testid).evaluate((el) => Object.assign({}, (el as HTMLElement).dataset) as Record<string, string>);
}

const firstInstrument = () =>
  page.locator('[data-testid="attribution-table"] tr.attribution-row').first().locator('[data-column="instrument"]').textContent();

describe('universe result views in Chromium, offline', () => {
  beforeAll(async () => {
    b = await openResultsGallery();
    page = b.page;
    probe = (await page.evaluate(() => (window as unknown as { __universeGallery: unknown }).__universeGallery)) as Probe;
  });

  afterAll(async () => {
    await b?.close();
  });

  it('stacks weights: longs up to 100 % above zero, shorts down to −50 % below, in 12 bands (11 + other)', async () => {
    const d = await data('weights-chart');
    // Right after a rebalance the longs are 4 × 25 % and the shorts 4 × −12.5 %; drift moves them between.
    expect(Number(d.top)).toBeGreaterThanOrEqual(1 - 1e-9);
    expect(Number(d.top)).toBeLessThan(1.6);
    expect(Number(d.bottom)).toBeLessThanOrEqual(-0.5 + 1e-9);
    expect(Number(d.bottom)).toBeGreaterThan(-1.2);
    expect(Number(d.bands)).toBe(12);
    expect(await page.getByTestId('weights-band').last().getAttribute('data-label')).toMatch(/^other \(\d+\)$/);
    // The innermost band (the most-held instrument) is painted, not only described.
    const painted = await page.getByTestId('weights-chart').evaluate((el) => {
      const canvas = el.querySelector('canvas')!;
      const px = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 0; i < px.length; i += 4) if (Math.abs(px[i] - 56) < 6 && Math.abs(px[i + 1] - 189) < 6 && Math.abs(px[i + 2] - 248) < 6) n++;
      return n;
    });
    expect(painted).toBeGreaterThan(1000);
  });

  it('draws NAV against the equal-weight benchmark with the returns of the data it was given', async () => {
    const d = await data('nav-benchmark');
    expect(Number(d.navReturn)).toBeCloseTo(probe.navReturn, 9);
    expect(Number(d.benchmarkReturn)).toBeCloseTo(probe.benchmarkReturn, 9);
    expect(Number((await data('nav-benchmark-chart')).series)).toBe(2);
    expect(await page.locator('[data-testid="nav-benchmark-chart"] canvas').count()).toBeGreaterThan(0);
  });

  it('lists attribution per instrument, largest contribution first, and sorts by any column', async () => {
    const d = await data('attribution-table');
    expect(Number(d.count)).toBe(24);
    const byContribution = [...probe.attribution].sort((a, b) => b.contribution - a.contribution);
    expect(await firstInstrument()).toBe(byContribution[0].instrument);
    await page.locator('[data-testid="attribution-table"] th button[data-column="contribution"]').click();
    expect(await firstInstrument()).toBe(byContribution[byContribution.length - 1].instrument);
    await page.locator('[data-testid="attribution-table"] th button[data-column="costs"]').click();
    expect(await firstInstrument()).toBe([...probe.attribution].sort((a, b) => b.costs - a.costs)[0].instrument);
    await page.locator('[data-testid="attribution-table"] th button[data-column="instrument"]').click();
    expect(await firstInstrument()).toBe('energy-a');
    // Contributions add up to the run's return (no interest on cash).
    const total = probe.attribution.reduce((s, r) => s + r.contribution, 0);
    expect(total * 100).toBeCloseTo(probe.navReturn, 6);
    expect(await page.getByTestId('attribution-total').textContent()).toContain(`${total < 0 ? '−' : ''}${Math.abs(total * 100).toFixed(2)} %`);
  });

  it('asked for nothing outside localhost and threw nothing uncaught', () => {
    expect(b.externalRequests).toEqual([]);
    expect(b.errors).toEqual([]);
  });
});
