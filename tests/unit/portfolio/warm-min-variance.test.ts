/**
 * Long-only minimum variance warm-started from the previous rebalance's holdings (warm-min-variance.ts) and the
 * screened solve from a given start (screened-qp.ts). The reference is the cold optimizer, OPTIMIZERS['min-variance'],
 * which tests/unit/portfolio/optimizers.test.ts holds to R quadprog; here the warm path must give its weights and
 * holdings. Data: ../shared/data/universe12; for more than 60 assets, 120 series made of the 12 real return series
 * at lags 0–9 days (real returns, weakly related across lags), in sliding monthly 252-day windows.
 */
import { describe, expect, it } from 'vitest';
import { OPTIMIZERS } from '../../../src/core/portfolio/optimizers';
import { screenedMinVariance } from '../../../src/core/portfolio/screened-qp';
import { scaled, type SquareMatrix } from '../../../src/core/portfolio/square-matrix';
import { heldAssets, warmMinVariance } from '../../../src/core/portfolio/warm-min-variance';
import { ledoitWolf } from '../../../src/core/risk/ledoit-wolf';
import type { ReturnsMatrix } from '../../../src/core/risk/returns-matrix';
import { sampleCovariance } from '../../../src/core/risk/sample-covariance';
import { portfolioCase } from '../../helpers/portfolio-oracle';
import { inOrder, maxAbsDiff, universe12Returns } from '../../helpers/portfolio-universe';

const { tickers, returns } = universe12Returns();
const LAGS = 10;
const WINDOW = 252;

/** 252 returns ending before row `end`, of the 12 series at lags 0..9: column lag·12 + i. */
function laggedWindow(end: number): ReturnsMatrix {
  const n = returns.cols * LAGS;
  const data = new Float64Array(WINDOW * n);
  for (let t = 0; t < WINDOW; t++)
    for (let lag = 0; lag < LAGS; lag++)
      for (let i = 0; i < returns.cols; i++) data[t * n + lag * returns.cols + i] = returns.data[(end - WINDOW + t - lag) * returns.cols + i];
  return { rows: WINDOW, cols: n, data };
}

const windows: SquareMatrix[] = [];
for (let end = WINDOW + LAGS; end <= returns.rows && windows.length < 24; end += 21) windows.push(scaled(ledoitWolf(laggedWindow(end)).cov, 252));

describe('warm-started long-only minimum variance', () => {
  it('gives the cold optimizer’s weights and holdings over 24 monthly rebalances of 120 assets', () => {
    let previous: number[] = [];
    let warmStarts = 0;
    for (const [k, cov] of windows.entries()) {
      const cold = OPTIMIZERS['min-variance'].optimize({ cov, longOnly: true });
      const warm = warmMinVariance({ cov, longOnly: true }, previous);
      expect(maxAbsDiff(warm.weights, cold.weights), `rebalance ${k}`).toBeLessThanOrEqual(1e-12);
      expect(heldAssets(warm), `rebalance ${k}`).toEqual(heldAssets(cold));
      expect(Math.abs(warm.diagnostics.variance - cold.diagnostics.variance)).toBeLessThanOrEqual(1e-15);
      if (previous.length > 0) warmStarts++;
      previous = heldAssets(warm);
      // Below the screening size the answer is a real subset: something the test would notice if it changed.
      expect(previous.length).toBeGreaterThan(3);
      expect(previous.length).toBeLessThan(cov.n);
    }
    expect(warmStarts).toBe(windows.length - 1);
  });

  it('with a 2 % cap, starts from holdings too few to hold the budget and still lands on the cold answer', () => {
    const cov = windows[5];
    const cold = OPTIMIZERS['min-variance'].optimize({ cov, longOnly: true, maxWeight: 0.02 });
    const warm = warmMinVariance({ cov, longOnly: true, maxWeight: 0.02 }, [0, 1]);
    expect(maxAbsDiff(warm.weights, cold.weights)).toBeLessThanOrEqual(1e-12);
    expect(cold.diagnostics.atUpper?.length ?? 0).toBeGreaterThan(0);
    expect(warm.diagnostics.atUpper).toEqual(cold.diagnostics.atUpper);
  });

  it('leaves to the optimizer what it was not made for: no previous holdings, 60 assets or fewer, other constraints', () => {
    const cov = windows[0];
    const bits = (w: Float64Array) => Buffer.from(w.buffer).toString('hex');
    expect(bits(warmMinVariance({ cov, longOnly: true }, []).weights)).toBe(
      bits(OPTIMIZERS['min-variance'].optimize({ cov, longOnly: true }).weights),
    );
    const small = scaled(sampleCovariance(returns), 252);
    expect(bits(warmMinVariance({ cov: small, longOnly: true }, [0]).weights)).toBe(
      bits(OPTIMIZERS['min-variance'].optimize({ cov: small, longOnly: true }).weights),
    );
    const turnover = { cov, longOnly: true, turnover: { previous: new Float64Array(cov.n).fill(1 / cov.n), max: 0.5 } };
    const outcome = (f: () => unknown) => {
      try {
        return { weights: bits((f() as { weights: Float64Array }).weights) };
      } catch (e) {
        return { error: String(e) };
      }
    };
    expect(outcome(() => warmMinVariance(turnover, [0, 1, 2]))).toEqual(outcome(() => OPTIMIZERS['min-variance'].optimize(turnover)));
  });
});

describe('screened solve from given assets', () => {
  it('reaches R quadprog’s gmv_long_only_full on universe12 from its two most volatile assets', () => {
    const cov = scaled(sampleCovariance(returns), 252);
    const byVariance = Array.from({ length: 12 }, (_, i) => i).sort((a, b) => cov.data[b * 12 + b] - cov.data[a * 12 + a]);
    const bounds = { lower: new Float64Array(12), upper: new Float64Array(12).fill(Infinity) };
    const got = screenedMinVariance('min-variance', cov, bounds, 'bounds', byVariance.slice(0, 2));
    const want = portfolioCase<{ weights: Record<string, number> }>('gmv_long_only_full').values;
    expect(maxAbsDiff(got?.weights ?? [], inOrder(tickers, want.weights))).toBeLessThanOrEqual(1e-6);
  });
});
