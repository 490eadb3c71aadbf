/**
 * Per-asset bounds on the rules without a solver, on ../shared/data/universe12 (all returns, sample covariance ddof 1
 * × 252), against tests/golden/portfolio/extra-cases.json (generate.py): HRP with bounds — skfolio's bounded
 * bisection rule transcribed to numpy on SciPy's single linkage (hrp_cap10_full, hrp_min4_cap12_full, tolerance
 * 1e-9: a closed form) — and inverse volatility capped and floored, from SciPy brentq on Σ clip(k/σ) = 1
 * (inverse_vol_min5_cap10_full, 1e-9).
 */
import { describe, expect, it } from 'vitest';
import type { OptimizerInput } from '../../../src/core/portfolio/optimizer';
import { OPTIMIZERS } from '../../../src/core/portfolio/optimizers';
import { PortfolioError } from '../../../src/core/portfolio/portfolio-error';
import { sampleCovariance } from '../../../src/core/risk/sample-covariance';
import { portfolioCase } from '../../helpers/portfolio-oracle';
import { extraCase, inOrder, maxAbsDiff, universe12Returns } from '../../helpers/portfolio-universe';

const { tickers, returns } = universe12Returns();
const daily = sampleCovariance(returns);
const cov = { n: daily.n, data: daily.data.map((v) => v * 252) };
const run = (name: string, input: Omit<OptimizerInput, 'cov'> = {}) => OPTIMIZERS[name].optimize({ cov, ...input });
const sum = (w: ArrayLike<number>) => Array.from(w).reduce((a, b) => a + b, 0);

interface Bounded {
  min_weight: number;
  max_weight: number;
  weights: Record<string, number>;
  leaf_order?: string[];
}

describe('HRP with per-asset bounds (skfolio bounded bisection)', () => {
  for (const id of ['hrp_cap10_full', 'hrp_min4_cap12_full']) {
    it(id, () => {
      const want = extraCase<Bounded>(id).values;
      const got = run('hrp', { maxWeight: want.max_weight, ...(want.min_weight > 0 ? { minWeight: want.min_weight } : {}) });
      expect((got.diagnostics.leafOrder ?? []).map((i) => tickers[i])).toEqual(want.leaf_order);
      expect(maxAbsDiff(got.weights, inOrder(tickers, want.weights))).toBeLessThanOrEqual(1e-9);
      expect(Math.abs(sum(got.weights) - 1)).toBeLessThanOrEqual(1e-14);
      for (const w of got.weights) {
        expect(w).toBeLessThanOrEqual(want.max_weight + 1e-15);
        expect(w).toBeGreaterThanOrEqual(want.min_weight - 1e-15);
      }
      // The cap binds: unbounded HRP puts more than 10 % (12 %) on some assets.
      const free = run('hrp').weights;
      expect(Math.max(...free)).toBeGreaterThan(want.max_weight);
    });
  }

  it('bounds that bind nothing leave the weights bit for bit as unbounded HRP (PyPortfolioOpt)', () => {
    const plain = run('hrp').weights;
    expect(run('hrp', { longOnly: true }).weights).toEqual(plain);
    const want = portfolioCase<{ weights: Record<string, number> }>('hrp_pypfopt_single_full').values;
    expect(maxAbsDiff(plain, inOrder(tickers, want.weights))).toBeLessThanOrEqual(1e-9);
  });

  it('a cap below 1/N is infeasible and names max-weight', () => {
    let e: unknown;
    try {
      run('hrp', { maxWeight: 0.08 });
    } catch (err) {
      e = err;
    }
    expect(e).toBeInstanceOf(PortfolioError);
    expect((e as PortfolioError).constraint).toBe('max-weight');
    expect((e as PortfolioError).message).toMatch(/^hrp: the upper bounds sum to 0\.9599\d* < 1: .*max-weight 0\.08 × 12 assets/);
  });
});

describe('equal and inverse volatility with bounds (cap-and-redistribute)', () => {
  it('inverse volatility within [0.05, 0.10] (SciPy brentq)', () => {
    const want = extraCase<Bounded>('inverse_vol_min5_cap10_full').values;
    const got = run('inverse-vol', { minWeight: want.min_weight, maxWeight: want.max_weight });
    expect(maxAbsDiff(got.weights, inOrder(tickers, want.weights))).toBeLessThanOrEqual(1e-9);
    expect(got.weights.filter((w) => w === 0.1).length).toBeGreaterThan(0);
    expect(got.weights.filter((w) => w === 0.05).length).toBeGreaterThan(0);
    expect(Math.abs(sum(got.weights) - 1)).toBeLessThanOrEqual(1e-15);
  });

  it('the free assets keep their inverse-volatility ratios', () => {
    const got = run('inverse-vol', { maxWeight: 0.1 }).weights;
    const sd = Array.from({ length: 12 }, (_, i) => Math.sqrt(cov.data[i * 12 + i]));
    const free = [...got.keys()].filter((i) => got[i] < 0.1);
    expect(free.length).toBeGreaterThan(1);
    for (const i of free) expect(got[i] * sd[i]).toBeCloseTo(got[free[0]] * sd[free[0]], 14);
  });

  it('equal weight with per-asset caps gives what the capped assets leave to the others equally', () => {
    const upper = new Float64Array(12).fill(Infinity);
    upper[0] = 0.02;
    upper[1] = 0.03;
    const got = run('equal', { bounds: { lower: new Float64Array(12), upper } }).weights;
    expect(got[0]).toBe(0.02);
    expect(got[1]).toBe(0.03);
    for (let i = 2; i < 12; i++) expect(got[i]).toBeCloseTo(0.095, 15);
  });
});
