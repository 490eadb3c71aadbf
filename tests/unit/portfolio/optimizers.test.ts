/**
 * Every optimizer on ../shared/data/universe12 (all 1,499 returns, sample covariance ddof 1 × 252) against outside
 * references. From ../shared/guide/portfolio-visible.json: R quadprog solve.QP (gmv_long_only_full, gmv_cap25_full,
 * max_sharpe_full), SciPy trust-exact on Spinu's form (erc_full), PyPortfolioOpt HRPOpt 'single'
 * (hrp_pypfopt_single_full). From tests/golden/portfolio/extra-cases.json (generate.py): numpy linalg.solve
 * (gmv_unconstrained_full), pandas std (inverse_vol_full), R quadprog (mean_variance_*), SciPy trust-exact
 * (risk_budget_tec2_full). Tolerances as the oracle notes: closed forms 1e-9, active-set and ERC 1e-6, HRP 1e-9.
 */
import { describe, expect, it } from 'vitest';
import { OPTIMIZERS } from '../../../src/core/portfolio/optimizers';
import { PortfolioError } from '../../../src/core/portfolio/portfolio-error';
import { screenedMinVariance } from '../../../src/core/portfolio/screened-qp';
import { fromRows, quadraticForm } from '../../../src/core/portfolio/square-matrix';
import { columnMeans } from '../../../src/core/risk/returns-matrix';
import { riskContributions } from '../../../src/core/risk/risk-contributions';
import { sampleCovariance } from '../../../src/core/risk/sample-covariance';
import { portfolioCase } from '../../helpers/portfolio-oracle';
import { extraCase, inOrder, maxAbsDiff, universe12Returns } from '../../helpers/portfolio-universe';

const { tickers, returns } = universe12Returns();
const daily = sampleCovariance(returns);
const cov = { n: daily.n, data: daily.data.map((v) => v * 252) };
const mu = columnMeans(returns).map((v) => v * 252);
const run = (name: string, input: Omit<Parameters<(typeof OPTIMIZERS)['equal']['optimize']>[0], 'cov'> = {}) =>
  OPTIMIZERS[name].optimize({ cov, ...input });
const names = (idx: number[] | undefined) => (idx ?? []).map((i) => tickers[i]);
const sum = (w: Float64Array) => w.reduce((a, b) => a + b, 0);

describe('closed forms', () => {
  it('min-variance without bounds is Σ⁻¹1 / 1ᵀΣ⁻¹1 (numpy linalg.solve)', () => {
    const want = inOrder(tickers, extraCase<{ weights: Record<string, number> }>('gmv_unconstrained_full').values.weights);
    const got = run('min-variance');
    expect(maxAbsDiff(got.weights, want)).toBeLessThanOrEqual(1e-9);
    expect(got.weights.some((w) => w < 0)).toBe(true);
  });

  it('inverse volatility (pandas std)', () => {
    const want = inOrder(tickers, extraCase<{ weights: Record<string, number> }>('inverse_vol_full').values.weights);
    expect(maxAbsDiff(run('inverse-vol').weights, want)).toBeLessThanOrEqual(1e-9);
  });

  it('equal weight and pass-through', () => {
    expect([...run('equal').weights]).toEqual(new Array(12).fill(1 / 12));
    const w = Float64Array.from({ length: 12 }, (_, i) => (i + 1) / 78);
    expect(run('pass-through', { weights: w }).weights).toEqual(w);
  });
});

describe('active-set QPs (exact, as R quadprog)', () => {
  interface Gmv {
    weights: Record<string, number>;
    active_at_zero: string[];
    active_at_cap: string[];
    variance_annualised: number;
  }
  it('long-only min-variance: gmv_long_only_full', () => {
    const want = portfolioCase<Gmv>('gmv_long_only_full').values;
    const got = run('min-variance', { longOnly: true });
    expect(maxAbsDiff(got.weights, inOrder(tickers, want.weights))).toBeLessThanOrEqual(1e-6);
    expect(names(got.diagnostics.atLower)).toEqual(tickers.filter((t) => want.active_at_zero.includes(t)));
    expect(Math.abs(got.diagnostics.variance - want.variance_annualised)).toBeLessThanOrEqual(1e-12);
    expect(Math.abs(sum(got.weights) - 1)).toBeLessThanOrEqual(1e-14);
  });

  it('capped min-variance 0 ≤ w ≤ 0.25: gmv_cap25_full', () => {
    const want = portfolioCase<Gmv>('gmv_cap25_full').values;
    const got = run('min-variance', { longOnly: true, maxWeight: 0.25 });
    expect(maxAbsDiff(got.weights, inOrder(tickers, want.weights))).toBeLessThanOrEqual(1e-6);
    expect(names(got.diagnostics.atUpper)).toEqual(tickers.filter((t) => want.active_at_cap.includes(t)));
    expect(Math.max(...got.weights)).toBeLessThanOrEqual(0.25 + 1e-15);
  });

  it('max Sharpe, long-only, rf 0: max_sharpe_full', () => {
    const want = portfolioCase<{ weights: Record<string, number>; sharpe: number }>('max_sharpe_full').values;
    const got = run('max-sharpe', { expectedReturns: mu, riskFree: 0 });
    expect(maxAbsDiff(got.weights, inOrder(tickers, want.weights))).toBeLessThanOrEqual(1e-6);
    let ret = 0;
    for (let i = 0; i < 12; i++) ret += mu[i] * got.weights[i];
    const sharpe = ret / Math.sqrt(quadraticForm(cov, got.weights));
    expect(Math.abs(sharpe / want.sharpe - 1)).toBeLessThanOrEqual(1e-6);
  });

  it('mean–variance with a risk aversion, long-only and unconstrained (R quadprog)', () => {
    const longOnly = extraCase<{ risk_aversion: number; weights: Record<string, number> }>('mean_variance_ra10_long_full').values;
    const a = run('mean-variance', { expectedReturns: mu, riskAversion: longOnly.risk_aversion, longOnly: true });
    expect(maxAbsDiff(a.weights, inOrder(tickers, longOnly.weights))).toBeLessThanOrEqual(1e-6);
    const free = extraCase<{ risk_aversion: number; weights: Record<string, number> }>('mean_variance_ra4_full').values;
    const b = run('mean-variance', { expectedReturns: mu, riskAversion: free.risk_aversion });
    expect(maxAbsDiff(b.weights, inOrder(tickers, free.weights))).toBeLessThanOrEqual(1e-6);
  });

  it('mean–variance with a target return 0.30 and a 0.4 cap (R quadprog)', () => {
    const want = extraCase<{ target_return: number; max_weight: number; weights: Record<string, number> }>(
      'mean_variance_target30_cap40_full',
    ).values;
    const got = run('mean-variance', { expectedReturns: mu, targetReturn: want.target_return, longOnly: true, maxWeight: want.max_weight });
    expect(maxAbsDiff(got.weights, inOrder(tickers, want.weights))).toBeLessThanOrEqual(1e-6);
  });
});

describe('risk budgets (Spinu, cyclical coordinate descent)', () => {
  it('equal risk contribution: erc_full', () => {
    const want = portfolioCase<{ weights: Record<string, number> }>('erc_full').values;
    const got = run('erc');
    expect(maxAbsDiff(got.weights, inOrder(tickers, want.weights))).toBeLessThanOrEqual(1e-6);
    const shares = riskContributions(cov, got.weights).share;
    expect(maxAbsDiff(shares, new Float64Array(12).fill(1 / 12))).toBeLessThanOrEqual(1e-12);
  });

  it('budgets 2:1 for the TEC stocks (SciPy trust-exact)', () => {
    const want = extraCase<{ budgets: Record<string, number>; weights: Record<string, number> }>('risk_budget_tec2_full').values;
    const got = run('risk-budget', { budgets: inOrder(tickers, want.budgets) });
    expect(maxAbsDiff(got.weights, inOrder(tickers, want.weights))).toBeLessThanOrEqual(1e-6);
  });
});

describe('HRP', () => {
  it('is PyPortfolioOpt HRPOpt.optimize("single"): weights, leaf order and linkage', () => {
    const want = portfolioCase<{ weights: Record<string, number>; leaf_order: string[]; linkage: number[][] }>('hrp_pypfopt_single_full').values;
    const got = run('hrp');
    expect(names(got.diagnostics.leafOrder)).toEqual(want.leaf_order);
    expect(maxAbsDiff(got.weights, inOrder(tickers, want.weights))).toBeLessThanOrEqual(1e-9);
    const linkage = got.diagnostics.linkage ?? [];
    expect(linkage.map((r) => [r[0], r[1], r[3]])).toEqual(want.linkage.map((r) => [r[0], r[1], r[3]]));
    expect(
      maxAbsDiff(
        linkage.map((r) => r[2]),
        want.linkage.map((r) => r[2]),
      ),
    ).toBeLessThanOrEqual(1e-12);
  });
});

describe('errors instead of NaN', () => {
  const caught = (f: () => unknown): PortfolioError => {
    try {
      f();
    } catch (e) {
      if (e instanceof PortfolioError) return e;
      throw e;
    }
    throw new Error('no error');
  };

  it('a cap below 1/N is infeasible and names max-weight', () => {
    const e = caught(() => run('min-variance', { longOnly: true, maxWeight: 0.05 }));
    expect(e.rule).toBe('infeasible');
    expect(e.constraint).toBe('max-weight');
    expect(e.message).toMatch(/^min-variance: .*max-weight 0\.05 × 12 assets/);
  });

  it('an unreachable target return is infeasible and names target-return', () => {
    const e = caught(() => run('mean-variance', { expectedReturns: mu, targetReturn: 5, longOnly: true }));
    expect(e.constraint).toBe('target-return');
    expect(e.message).toMatch(/^mean-variance: no weights satisfy the constraints \(target-return\)/);
  });

  it('max Sharpe with every return below the risk-free rate names risk-free', () => {
    const e = caught(() => run('max-sharpe', { expectedReturns: mu, riskFree: 1 }));
    expect(e.constraint).toBe('risk-free');
  });

  it('a singular covariance is refused by name, not answered with NaN', () => {
    const singular = fromRows([
      [1, 1],
      [1, 1],
    ]);
    expect(caught(() => OPTIMIZERS['min-variance'].optimize({ cov: singular })).rule).toBe('not-positive-definite');
    expect(caught(() => OPTIMIZERS['min-variance'].optimize({ cov: singular, longOnly: true })).rule).toBe('not-positive-definite');
  });

  it('risk budgets that do not converge name the optimizer', () => {
    // An indefinite "covariance" where no positive x has x_i(Σx)_i = 1/2 for both assets (x1 > 2·x2 and x2 > 2·x1):
    // coordinate descent runs away instead of settling.
    const indefinite = fromRows([
      [1, -2],
      [-2, 1],
    ]);
    const e = caught(() => OPTIMIZERS.erc.optimize({ cov: indefinite }));
    expect(e.message).toMatch(/^erc: /);
    expect(e.rule).toBe('not-converged');
  });
});

describe('screened long-only minimum variance (the path for more than 60 assets)', () => {
  // The subset method on universe12, started from 3 assets, must land on R quadprog's full-problem answer.
  it('reaches gmv_long_only_full and gmv_cap25_full from a 3-asset start', () => {
    for (const [id, cap] of [
      ['gmv_long_only_full', Infinity],
      ['gmv_cap25_full', 0.25],
    ] as const) {
      const want = portfolioCase<{ weights: Record<string, number> }>(id).values;
      const bounds = { lower: new Float64Array(12), upper: new Float64Array(12).fill(cap) };
      const got = screenedMinVariance('min-variance', cov, bounds, 'max-weight', id === 'gmv_cap25_full' ? 5 : 3);
      expect(got, id).not.toBeNull();
      expect(maxAbsDiff(got?.weights ?? [], inOrder(tickers, want.weights)), id).toBeLessThanOrEqual(1e-6);
    }
  });
});

describe('constraints an optimizer does not enforce are refused, never ignored', () => {
  it('names the constraint and the optimizer', () => {
    const input = {
      cov: fromRows([
        [0.04, 0],
        [0, 0.09],
      ]),
      groups: [{ name: 'sector:A', members: [0, 1], max: 0.5 }],
    };
    for (const name of ['hrp', 'equal', 'erc']) {
      let e: unknown;
      try {
        OPTIMIZERS[name].optimize(input);
      } catch (err) {
        e = err;
      }
      expect(e, name).toBeInstanceOf(PortfolioError);
      expect((e as PortfolioError).constraint).toBe('groups');
      expect((e as PortfolioError).message).toBe(`${name}: the groups constraint is not supported by this optimizer`);
    }
  });
});
