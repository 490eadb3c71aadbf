// Portfolio numerics in a Chromium worker against Node, bit for bit: Ledoit–Wolf (TypeScript X'X and the engine
// module's f64x2 twin), the sample covariance, and long-only minimum variance (with and without a cap), max Sharpe,
// ERC and HRP on ../shared/data/universe12, all and the last 252 returns. The worker is the portfolio page of the
// in-browser test build (tests/browser/portfolio/, a production Vite build): it fetches and compiles the engine
// module and runs the same code (tests/helpers/portfolio-bits.ts) that runs here in Node.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadNodeEngines } from '../../src/adapters/node/engine-loader';
import type { Engine } from '../../src/engine/engine-module';
import { portfolioBits } from '../helpers/portfolio-bits';
import { universe12Returns } from '../helpers/portfolio-universe';
import { launchOffline, type OfflineBrowser } from './browser';

describe('portfolio numerics: Chromium worker and Node give the same bits', () => {
  let b: OfflineBrowser;
  let engine: Engine;

  beforeAll(async () => {
    engine = await loadNodeEngines();
    b = await launchOffline();
    await b.page.goto(new URL('portfolio/', inject('browserSuitesUrl')).href);
    await b.page.waitForFunction(() => document.body.dataset.ready === 'true');
  });

  afterAll(async () => {
    await b?.close();
  });

  for (const window of [undefined, 252]) {
    it(`on universe12, ${window === undefined ? 'all 1,499 returns' : `the last ${window} returns`}`, async () => {
      const { returns } = universe12Returns(window);
      const node = portfolioBits(returns, engine.risk.kernel);
      const browser = await b.page.evaluate(([rows, cols, data]) => globalThis.window.__portfolio!.bits(rows, cols, data), [
        returns.rows,
        returns.cols,
        Array.from(returns.data),
      ] as [number, number, number[]]);
      expect(Object.keys(browser)).toEqual(Object.keys(node));
      for (const key of Object.keys(node)) expect(browser[key], key).toBe(node[key]);
      // 12 weights per optimizer, a 12 × 12 matrix and the coefficient per Ledoit–Wolf: the figures are really there.
      expect(node.hrp).toHaveLength(12 * 16);
      expect(node["ledoit-wolf (engine X'X)"]).toHaveLength((144 + 1) * 16);
      // The engine's X'X is the reference's inside each runtime too.
      expect(browser["ledoit-wolf (engine X'X)"]).toBe(browser["ledoit-wolf (TypeScript X'X)"]);
    });
  }

  it('asked for nothing outside localhost and threw nothing uncaught', () => {
    expect(b.externalRequests).toEqual([]);
    expect(b.errors).toEqual([]);
  });
});
