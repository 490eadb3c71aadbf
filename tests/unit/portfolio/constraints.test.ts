/**
 * Gross and net exposure, group caps and floors, turnover and a cash buffer in the QP optimizers, on
 * ../shared/data/universe12 (all 1,499 returns, sample covariance ddof 1 × 252), against
 * tests/golden/portfolio/extra-cases.json (generate.py): R quadprog solve.QP for linear constraints
 * (gmv_groups_full, gmv_cash10_cap25_full, mean_variance_ra10_net_band_full); R quadprog in the orthant found by SciPy
 * SLSQP on the split form for |w| limits (gmv_gross12_full, mean_variance_ra10_turnover30_full,
 * mean_variance_ra4_gross_turnover_full); R quadprog on the homogeneous transform confirmed by SLSQP on the ratio
 * (max_sharpe_cap35_tec30_full). Tolerance 1e-6 on weights (active-set solvers), as the oracle notes.
 */
import { describe, expect, it } from 'vitest';
import { buildConstraintSet } from '../../../src/core/portfolio/constraint-set';
import type { OptimizerInput, PortfolioGroup } from '../../../src/core/portfolio/optimizer';
import { OPTIMIZERS } from '../../../src/core/portfolio/optimizers';
import { PortfolioError } from '../../../src/core/portfolio/portfolio-error';
import { screenedMinVariance } from '../../../src/core/portfolio/screened-qp';
import { columnMeans } from '../../../src/core/risk/returns-matrix';
import { sampleCovariance } from '../../../src/core/risk/sample-covariance';
import { extraCase, inOrder, maxAbsDiff, universe12Returns } from '../../helpers/portfolio-universe';

const { tickers, returns } = universe12Returns();
const daily = sampleCovariance(returns);
const cov = { n: daily.n, data: daily.data.map((v) => v * 252) };
const mu = columnMeans(returns).map((v) => v * 252);
const run = (name: string, input: Omit<OptimizerInput, 'cov'> = {}) => OPTIMIZERS[name].optimize({ cov, ...input });
const sector = (prefix: string) => tickers.flatMap((t, i) => (t.startsWith(prefix) ? [i] : []));
const group = (name: string, bounds: { min?: number; max?: number }): PortfolioGroup => ({ name, members: sector(name), ...bounds });
const sum = (w: ArrayLike<number>, idx: readonly number[] = Array.from({ length: w.length }, (_, i) => i)) => idx.reduce((s, i) => s + w[i], 0);
const gross = (w: ArrayLike<number>, c: ArrayLike<number> = new Float64Array(w.length)) =>
  Array.from(w).reduce((s, v, i) => s + Math.abs(v - c[i]), 0);
const equal = new Float64Array(12).fill(1 / 12);
const weightsOf = (id: string) => inOrder(tickers, extraCase<{ weights: Record<string, number> }>(id).values.weights);

function caught(f: () => unknown): PortfolioError {
  try {
    f();
  } catch (e) {
    if (e instanceof PortfolioError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('linear constraints (R quadprog)', () => {
  it('group floor and cap: TEC ≥ 0.35, FIN ≤ 0.4, 0 ≤ w ≤ 0.3 (gmv_groups_full)', () => {
    const got = run('min-variance', { longOnly: true, maxWeight: 0.3, groups: [group('TEC', { min: 0.35 }), group('FIN', { max: 0.4 })] });
    expect(maxAbsDiff(got.weights, weightsOf('gmv_groups_full'))).toBeLessThanOrEqual(1e-6);
    // Without them TEC holds 0.17 and FIN 0.53; the TEC floor binds.
    expect(Math.abs(sum(got.weights, sector('TEC')) - 0.35)).toBeLessThanOrEqual(1e-12);
    expect(sum(got.weights, sector('FIN'))).toBeLessThanOrEqual(0.4 + 1e-12);
  });

  it('the same groups on the screened path (more than 60 assets) give the same weights', () => {
    const input: OptimizerInput = { cov, longOnly: true, maxWeight: 0.3, groups: [group('TEC', { min: 0.35 }), group('FIN', { max: 0.4 })] };
    const bounds = { lower: new Float64Array(12), upper: new Float64Array(12).fill(0.3) };
    const set = buildConstraintSet('min-variance', input, bounds, { min: 1, max: 1 });
    // Started from the 4 lowest-variance assets, none of them TEC: the TEC floor's seed brings TEC members in.
    const rows = { equalities: set.equalities, inequalities: set.inequalities.filter((r) => r.name.startsWith('group:')) };
    const got = screenedMinVariance('min-variance', cov, bounds, 'max-weight', 4, rows, sector('TEC').slice(0, 1));
    expect(got).not.toBeNull();
    expect(maxAbsDiff(got?.weights ?? [], weightsOf('gmv_groups_full'))).toBeLessThanOrEqual(1e-6);
  });

  it('cash buffer 0.1: weights sum to 0.9 (gmv_cash10_cap25_full)', () => {
    const got = run('min-variance', { longOnly: true, maxWeight: 0.25, cashBuffer: 0.1 });
    expect(maxAbsDiff(got.weights, weightsOf('gmv_cash10_cap25_full'))).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(sum(got.weights) - 0.9)).toBeLessThanOrEqual(1e-14);
  });

  it('net exposure band [0.5, 0.8] with shorts in [−0.3, 0.6] (mean_variance_ra10_net_band_full)', () => {
    const bounds = { lower: new Float64Array(12).fill(-0.3), upper: new Float64Array(12).fill(0.6) };
    const got = run('mean-variance', { expectedReturns: mu, riskAversion: 10, net: { min: 0.5, max: 0.8 }, bounds });
    expect(maxAbsDiff(got.weights, weightsOf('mean_variance_ra10_net_band_full'))).toBeLessThanOrEqual(1e-6);
    expect(got.weights.some((w) => w < -0.01)).toBe(true);
  });

  it('max Sharpe with a group cap: TEC ≤ 0.3, w ≤ 0.35 (max_sharpe_cap35_tec30_full)', () => {
    const got = run('max-sharpe', { expectedReturns: mu, riskFree: 0, maxWeight: 0.35, groups: [group('TEC', { max: 0.3 })] });
    expect(maxAbsDiff(got.weights, weightsOf('max_sharpe_cap35_tec30_full'))).toBeLessThanOrEqual(1e-6);
    expect(sum(got.weights, sector('TEC'))).toBeLessThanOrEqual(0.3 + 1e-12);
  });

  it('max Sharpe with a cash buffer holds the same risky mix scaled to 1 − c', () => {
    const full = run('max-sharpe', { expectedReturns: mu, maxWeight: 0.35 }).weights;
    const buffered = run('max-sharpe', { expectedReturns: mu, maxWeight: 0.35 * 0.8, cashBuffer: 0.2 }).weights;
    expect(
      maxAbsDiff(
        buffered,
        full.map((w) => 0.8 * w),
      ),
    ).toBeLessThanOrEqual(1e-9);
  });
});

describe('absolute-value limits by cutting planes (R quadprog in the orthant SciPy SLSQP finds)', () => {
  it('gross Σ|w| ≤ 1.2 with shorts in [−0.5, 1] (gmv_gross12_full)', () => {
    const bounds = { lower: new Float64Array(12).fill(-0.5), upper: new Float64Array(12).fill(1) };
    const free = run('min-variance', { bounds });
    expect(gross(free.weights)).toBeGreaterThan(1.3);
    const got = run('min-variance', { bounds, gross: 1.2 });
    expect(maxAbsDiff(got.weights, weightsOf('gmv_gross12_full'))).toBeLessThanOrEqual(1e-6);
    expect(gross(got.weights)).toBeLessThanOrEqual(1.2 * (1 + 1e-12));
    expect(gross(got.weights)).toBeGreaterThan(1.2 - 1e-9);
  });

  it('turnover Σ|w − 1/12| ≤ 0.3, long-only (mean_variance_ra10_turnover30_full)', () => {
    const got = run('mean-variance', { expectedReturns: mu, riskAversion: 10, longOnly: true, turnover: { previous: equal, max: 0.3 } });
    expect(maxAbsDiff(got.weights, weightsOf('mean_variance_ra10_turnover30_full'))).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(gross(got.weights, equal) - 0.3)).toBeLessThanOrEqual(1e-9);
  });

  it('gross, turnover, a group cap and a cash buffer together (mean_variance_ra4_gross_turnover_full)', () => {
    const got = run('mean-variance', {
      expectedReturns: mu,
      riskAversion: 4,
      gross: 1.5,
      turnover: { previous: equal, max: 0.8 },
      cashBuffer: 0.05,
      groups: [group('NRG', { max: 0.1 })],
    });
    expect(maxAbsDiff(got.weights, weightsOf('mean_variance_ra4_gross_turnover_full'))).toBeLessThanOrEqual(1e-6);
    expect(gross(got.weights)).toBeLessThanOrEqual(1.5 * (1 + 1e-12));
    expect(gross(got.weights, equal)).toBeLessThanOrEqual(0.8 * (1 + 1e-12));
    expect(Math.abs(sum(got.weights) - 0.95)).toBeLessThanOrEqual(1e-14);
  });
});

describe('impossible sets are errors naming the constraint, never NaN or clipped weights', () => {
  const cases: Array<[string, string, Omit<OptimizerInput, 'cov'>, string, RegExp]> = [
    [
      'group floors over the budget',
      'min-variance',
      { longOnly: true, groups: [group('TEC', { min: 0.6 }), group('FIN', { min: 0.5 })] },
      'groups',
      /group floors sum to 1\.1 > the budget 1/,
    ],
    [
      'group caps below the budget',
      'min-variance',
      { longOnly: true, groups: [group('TEC', { max: 0.3 }), group('FIN', { max: 0.3 }), group('NRG', { max: 0.3 })] },
      'groups',
      /group caps .* reach only 0\.(9|8999)/,
    ],
    [
      'a group floor its members cannot hold',
      'mean-variance',
      { expectedReturns: mu, riskAversion: 4, longOnly: true, maxWeight: 0.1, groups: [group('TEC', { min: 0.5 })] },
      'groups',
      /group TEC: its members' upper bounds sum to 0\.4 < its floor 0\.5/,
    ],
    ['min-weight × count over the budget', 'min-variance', { minWeight: 0.1 }, 'min-weight', /lower bounds sum to 1\.2\d* > 1/],
    ['gross below the budget', 'min-variance', { gross: 0.8 }, 'gross', /gross exposure 0\.8 cannot hold a net exposure in \[1, 1\]/],
    [
      'turnover too small to reach the bounds',
      'min-variance',
      {
        longOnly: true,
        maxWeight: 0.05 + 1 / 12,
        turnover: { previous: Float64Array.from({ length: 12 }, (_, i) => (i === 0 ? 0.5 : 0.5 / 11)), max: 0.1 },
      },
      'turnover',
      /trades 0\.3\d* > the turnover limit 0\.1/,
    ],
    ['a cash buffer out of range', 'min-variance', { cashBuffer: 1 }, 'cashBuffer', /cash buffer must be in \[0, 1\)/],
    [
      'a net band above 1 − cash buffer',
      'min-variance',
      { net: { min: 0.95, max: 1 }, cashBuffer: 0.1 },
      'cashBuffer',
      /floor 0\.95 is above 1 − cash buffer/,
    ],
  ];
  for (const [what, name, input, constraint, message] of cases) {
    it(what, () => {
      const e = caught(() => run(name, input));
      expect(e.constraint).toBe(constraint);
      expect(e.message).toMatch(message);
      expect(e.message.startsWith(`${name}: `)).toBe(true);
    });
  }

  it('a set only the solver finds inconsistent is blamed on the constraint whose removal makes it feasible', () => {
    // Overlapping groups (not caught up front): TEC1+TEC2 ≥ 0.7 inside TEC ≤ 0.5.
    const e = caught(() =>
      run('min-variance', { longOnly: true, groups: [group('TEC', { max: 0.5 }), { name: 'TEC12', members: [0, 1], min: 0.7 }] }),
    );
    expect(e.rule).toBe('infeasible');
    expect(e.constraint).toBe('groups');
    expect(e.message).toBe('min-variance: no weights satisfy the constraints (group TEC)');
    const t = caught(() =>
      run('min-variance', {
        bounds: { lower: new Float64Array(12).fill(-1), upper: new Float64Array(12).fill(1) },
        turnover: { previous: equal, max: 0.5 },
        groups: [{ name: 'TEC12', members: [0, 1], min: 0.6 }],
      }),
    );
    expect(t.constraint).toBe('turnover');
  });

  it('a turnover limit of 0 from feasible weights keeps them', () => {
    const got = run('min-variance', { longOnly: true, turnover: { previous: equal, max: 0 } });
    expect(maxAbsDiff(got.weights, equal)).toBeLessThanOrEqual(1e-15);
  });

  it('optimizers that cannot enforce a constraint still refuse it', () => {
    expect(caught(() => run('max-sharpe', { expectedReturns: mu, net: { min: 0.5, max: 1 } })).constraint).toBe('net');
    expect(caught(() => run('max-sharpe', { expectedReturns: mu, turnover: { previous: equal, max: 1 } })).constraint).toBe('turnover');
    expect(caught(() => run('hrp', { gross: 1 })).message).toBe('hrp: the gross constraint is not supported by this optimizer');
  });
});
