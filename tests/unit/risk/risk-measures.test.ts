/**
 * Risk measures of the equal-weight, daily-rebalanced universe12 portfolio (all 1,499 returns) against outside
 * references: historical VaR/ES from R PerformanceAnalytics (var_historical_full) and the stress shock vector
 * (stress_shock_vector) of ../shared/guide/portfolio-visible.json; Gaussian and Cornish–Fisher VaR from scipy.stats
 * with population moments, the worst 5-day window (pandas rolling product) and beta to TEC1 (numpy cov) from
 * tests/golden/portfolio/extra-cases.json. VaR/ES tolerance 1e-10.
 */
import { describe, expect, it } from 'vitest';
import { historicalVar } from '../../../src/core/risk/historical-var';
import { cornishFisherVar, gaussianVar, populationMoments } from '../../../src/core/risk/parametric-var';
import { portfolioReturns } from '../../../src/core/risk/portfolio-returns';
import { beta, riskContributions } from '../../../src/core/risk/risk-contributions';
import { sampleCovariance } from '../../../src/core/risk/sample-covariance';
import { shockPnl, worstWindow } from '../../../src/core/risk/stress';
import { valueAtRisk } from '../../../src/core/risk/value-at-risk';
import { portfolioCase } from '../../helpers/portfolio-oracle';
import { extraCase, inOrder, universe12Returns } from '../../helpers/portfolio-universe';

const { tickers, returns } = universe12Returns();
const equal = new Float64Array(12).fill(1 / 12);
const rp = portfolioReturns(returns, equal);

describe('historical VaR and ES', () => {
  it('is PerformanceAnalytics VaR()/ES() at 95 % and 99 %: var_historical_full', () => {
    const want = portfolioCase<{ T: number; p: Record<string, { VaR: number; ES: number; n_tail: number }> }>('var_historical_full').values;
    expect(rp.length).toBe(want.T);
    for (const [level, w] of Object.entries(want.p)) {
      const got = historicalVar(rp, Number(level));
      expect(Math.abs(got.var - w.VaR), level).toBeLessThanOrEqual(1e-10);
      expect(Math.abs(got.es - w.ES), level).toBeLessThanOrEqual(1e-10);
      expect(got.tail, level).toBe(w.n_tail);
    }
  });

  it('scales to 10 days by √10', () => {
    const [one] = valueAtRisk(rp, 'historical', [0.99], 1);
    const [ten] = valueAtRisk(rp, 'historical', [0.99], 10);
    expect(ten.var).toBe(one.var * Math.sqrt(10));
    expect(ten.es).toBe((one.es as number) * Math.sqrt(10));
  });

  it('refuses a level outside (0, 1)', () => {
    expect(() => historicalVar(rp, 95)).toThrow(/level must be in \(0, 1\), got 95/);
  });
});

describe('parametric VaR (population moments)', () => {
  const want = extraCase<{
    skewness: number;
    excess_kurtosis: number;
    p: Record<string, { gaussian_var: number; gaussian_es: number; cornish_fisher_var: number }>;
  }>('var_parametric_full').values;

  it('has scipy.stats skewness and excess kurtosis (bias=True)', () => {
    const m = populationMoments(rp);
    expect(Math.abs(m.skewness - want.skewness)).toBeLessThanOrEqual(1e-10);
    expect(Math.abs(m.excessKurtosis - want.excess_kurtosis)).toBeLessThanOrEqual(1e-10);
  });

  for (const level of ['0.95', '0.99']) {
    it(`Gaussian VaR/ES and Cornish–Fisher VaR at ${level} (scipy.stats.norm)`, () => {
      const g = gaussianVar(rp, Number(level));
      expect(Math.abs(g.var - want.p[level].gaussian_var)).toBeLessThanOrEqual(1e-10);
      expect(Math.abs(g.es - want.p[level].gaussian_es)).toBeLessThanOrEqual(1e-10);
      const cf = cornishFisherVar(rp, Number(level));
      expect(Math.abs(cf.var - want.p[level].cornish_fisher_var)).toBeLessThanOrEqual(1e-10);
      expect(cf.es).toBeNull();
    });
  }
});

describe('stress', () => {
  it('prices the shock vector of stress_shock_vector', () => {
    const c = portfolioCase<{ pnl: number; portfolio_return: number; contribution: Record<string, number> }>('stress_shock_vector') as unknown as {
      inputs: { weights: Record<string, number>; shocks: Record<string, number> };
      values: { pnl: number; portfolio_return: number; contribution: Record<string, number> };
    };
    const got = shockPnl(inOrder(tickers, c.inputs.weights), inOrder(tickers, c.inputs.shocks), 1_000_000);
    expect(Math.abs(got.pnl - c.values.pnl)).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(got.portfolioReturn - c.values.portfolio_return)).toBeLessThanOrEqual(1e-12);
    tickers.forEach((t, i) => expect(Math.abs(got.contribution[i] - c.values.contribution[t]), t).toBeLessThanOrEqual(1e-6));
  });

  it('finds the worst 5-day window (pandas rolling product) and the beta to TEC1 (numpy cov)', () => {
    const want = extraCase<{ start: number; end: number; return: number; beta_to_TEC1: number }>('worst_window_5_full').values;
    const got = worstWindow(rp, 5);
    expect([got.start, got.end]).toEqual([want.start, want.end]);
    expect(Math.abs(got.return - want.return)).toBeLessThanOrEqual(1e-12);
    const tec1 = Float64Array.from({ length: returns.rows }, (_, t) => returns.data[t * 12]);
    expect(Math.abs(beta(rp, tec1) - want.beta_to_TEC1)).toBeLessThanOrEqual(1e-10);
  });
});

describe('risk contributions', () => {
  it('give equal shares for the ERC weights of erc_full (SciPy), summing to the volatility', () => {
    const want = portfolioCase<{ weights: Record<string, number>; vol_annualised: number }>('erc_full').values;
    const cov = sampleCovariance(returns);
    const annual = { n: 12, data: cov.data.map((v) => v * 252) };
    const rc = riskContributions(annual, inOrder(tickers, want.weights));
    expect(Math.abs(rc.volatility - want.vol_annualised)).toBeLessThanOrEqual(1e-12);
    for (const s of rc.share) expect(Math.abs(s - 1 / 12)).toBeLessThanOrEqual(1e-9);
    expect(Math.abs(rc.contribution.reduce((a, b) => a + b, 0) - rc.volatility)).toBeLessThanOrEqual(1e-15);
  });
});
