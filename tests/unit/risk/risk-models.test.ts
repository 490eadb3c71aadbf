/**
 * Risk models on ../shared/data/universe12 against outside references: pandas `DataFrame.cov` (cov_sample_252) and
 * scikit-learn `LedoitWolf()` (lw_sklearn_252) from ../shared/guide/portfolio-visible.json; scikit-learn on the full
 * window, Ledoit & Wolf's covCor.m (transcribed to numpy) and pandas `ewm(alpha = 1 − λ).cov()` from
 * tests/golden/portfolio/extra-cases.json (tests/golden/portfolio/generate.py). Tolerances: matrices 1e-12
 * absolute (daily), shrinkage coefficients 1e-10.
 */
import { describe, expect, it } from 'vitest';
import { toRows } from '../../../src/core/portfolio/square-matrix';
import { ewmaCovariance } from '../../../src/core/risk/ewma-covariance';
import { ledoitWolf } from '../../../src/core/risk/ledoit-wolf';
import { ledoitWolfConstantCorrelation } from '../../../src/core/risk/ledoit-wolf-cc';
import { ANNUALISATION, estimateCovariance } from '../../../src/core/risk/risk-model';
import { sampleCovariance } from '../../../src/core/risk/sample-covariance';
import { portfolioCase } from '../../helpers/portfolio-oracle';
import { extraCase, maxAbsDiff, universe12Returns } from '../../helpers/portfolio-universe';

const flat = (rows: number[][]) => rows.flat();
const last252 = universe12Returns(252);
const full = universe12Returns();

describe('sample covariance', () => {
  it('is pandas DataFrame.cov (ddof 1) over the last 252 returns, daily and annualised', () => {
    const want = portfolioCase<{ tickers: string[]; cov_daily: number[][]; cov_annualised: number[][] }>('cov_sample_252').values;
    expect(last252.tickers).toEqual(want.tickers);
    expect(last252.returns.rows).toBe(252);
    const cov = sampleCovariance(last252.returns);
    expect(maxAbsDiff(cov.data, flat(want.cov_daily))).toBeLessThanOrEqual(1e-12);
    expect(
      maxAbsDiff(
        cov.data.map((v) => v * ANNUALISATION),
        flat(want.cov_annualised),
      ),
    ).toBeLessThanOrEqual(1e-12);
  });

  it('divides by T with ddof 0', () => {
    const one = sampleCovariance(last252.returns, 1);
    const zero = sampleCovariance(last252.returns, 0);
    expect(
      maxAbsDiff(
        zero.data,
        one.data.map((v) => (v * 251) / 252),
      ),
    ).toBeLessThanOrEqual(1e-18);
  });
});

describe('Ledoit–Wolf, constant-variance target', () => {
  it('is scikit-learn LedoitWolf() over the last 252 returns (shrinkage and matrix)', () => {
    const want = portfolioCase<{ shrinkage: number; cov_daily: number[][] }>('lw_sklearn_252').values;
    const got = ledoitWolf(last252.returns);
    expect(Math.abs(got.shrinkage - want.shrinkage)).toBeLessThanOrEqual(1e-10);
    expect(maxAbsDiff(got.cov.data, flat(want.cov_daily))).toBeLessThanOrEqual(1e-12);
  });

  it('is scikit-learn LedoitWolf() over all 1,499 returns', () => {
    const want = extraCase<{ shrinkage: number; cov_daily: number[][] }>('lw_sklearn_full').values;
    const got = estimateCovariance(full.returns, { kind: 'ledoit-wolf' });
    expect(Math.abs((got.shrinkage as number) - want.shrinkage)).toBeLessThanOrEqual(1e-10);
    expect(maxAbsDiff(got.daily.data, flat(want.cov_daily))).toBeLessThanOrEqual(1e-12);
  });
});

describe('Ledoit–Wolf, constant-correlation target (2004)', () => {
  for (const [id, data] of [
    ['lw_cc_252', last252],
    ['lw_cc_full', full],
  ] as const) {
    it(`matches covCor.m on ${id}`, () => {
      const want = extraCase<{ shrinkage: number; cov_daily: number[][] }>(id).values;
      const got = ledoitWolfConstantCorrelation(data.returns);
      expect(Math.abs(got.shrinkage - want.shrinkage)).toBeLessThanOrEqual(1e-10);
      expect(maxAbsDiff(got.cov.data, flat(want.cov_daily))).toBeLessThanOrEqual(1e-12);
    });
  }

  it('shrinks towards a target with the sample variances on its diagonal', () => {
    const got = ledoitWolfConstantCorrelation(last252.returns);
    const sample = sampleCovariance(last252.returns, 0);
    for (let i = 0; i < 12; i++) expect(got.cov.data[i * 13]).toBeCloseTo(sample.data[i * 13], 15);
    expect(got.shrinkage).toBeGreaterThan(0);
    expect(got.shrinkage).toBeLessThan(1);
  });
});

describe('EWMA covariance', () => {
  for (const lambda of [0.94, 0.97]) {
    it(`is pandas ewm(alpha=${(1 - lambda).toFixed(2)}).cov() at the last row (λ = ${lambda}, last 252 returns)`, () => {
      const want = extraCase<{ cov_daily: number[][] }>(`ewma_${lambda}_252`).values;
      const got = ewmaCovariance(last252.returns, lambda);
      expect(maxAbsDiff(got.data, flat(want.cov_daily))).toBeLessThanOrEqual(1e-12);
      expect(toRows(got)[3][5]).toBe(toRows(got)[5][3]);
    });
  }

  it('refuses a λ outside [0, 1)', () => {
    expect(() => ewmaCovariance(last252.returns, 1)).toThrow(/λ must be in \[0, 1\)/);
  });
});
