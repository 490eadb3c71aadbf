/**
 * Allocators across strategies on four strategy return series built from ../shared/data/universe12 (all 1,499
 * returns): equal-weight TEC, FIN and NRG sectors (daily rebalanced) and a 0.5 TEC1 − 0.5 NRG1 spread. References
 * from tests/golden/portfolio/extra-cases.json, case allocators_4_strategies_full (generate.py): inverse volatility
 * from pandas std (ddof 1, a closed form: 1e-9), risk parity from SciPy trust-exact on Spinu's form over pandas cov
 * (an iterative solver: 1e-6 on weights).
 */
import { describe, expect, it } from 'vitest';
import { allocate, type AllocatorSpec } from '../../../src/core/portfolio/allocators';
import { PortfolioError } from '../../../src/core/portfolio/portfolio-error';
import type { ReturnsMatrix } from '../../../src/core/risk/returns-matrix';
import { extraCase, maxAbsDiff, universe12Returns } from '../../helpers/portfolio-universe';

const { tickers, returns } = universe12Returns();
const col = (t: string) => tickers.indexOf(t);

function strategyReturns(): ReturnsMatrix {
  const sectors = ['TEC', 'FIN', 'NRG'].map((g) => tickers.flatMap((t, i) => (t.startsWith(g) ? [i] : [])));
  const data = new Float64Array(returns.rows * 4);
  for (let t = 0; t < returns.rows; t++) {
    const row = (i: number) => returns.data[t * returns.cols + i];
    sectors.forEach((members, j) => {
      let s = 0;
      for (const i of members) s += row(i);
      data[t * 4 + j] = s / members.length;
    });
    data[t * 4 + 3] = 0.5 * row(col('TEC1')) - 0.5 * row(col('NRG1'));
  }
  return { rows: returns.rows, cols: 4, data };
}

const strategies = strategyReturns();
const want = extraCase<{ strategies: string[]; inverse_vol: number[]; erc: number[] }>('allocators_4_strategies_full').values;
const names = want.strategies;

function caught(f: () => unknown): PortfolioError {
  try {
    f();
  } catch (e) {
    if (e instanceof PortfolioError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('allocators across strategies', () => {
  it('inverse volatility of strategy returns (pandas std)', () => {
    const got = allocate({ kind: 'inverse-vol' }, { returns: strategies, strategies: names });
    expect(maxAbsDiff(got.weights, want.inverse_vol)).toBeLessThanOrEqual(1e-9);
    expect(got.diagnostics.rows).toBe(1499);
  });

  it('risk parity across the strategies (SciPy trust-exact on Spinu): equal variance shares', () => {
    const got = allocate({ kind: 'risk-parity' }, { returns: strategies, strategies: names });
    expect(maxAbsDiff(got.weights, want.erc)).toBeLessThanOrEqual(1e-6);
    expect(maxAbsDiff(got.diagnostics.riskShare, [0.25, 0.25, 0.25, 0.25])).toBeLessThanOrEqual(1e-12);
    expect(got.diagnostics.iterations).toBeGreaterThan(0);
    // Not inverse volatility: the strategies are correlated differently.
    expect(maxAbsDiff(got.weights, want.inverse_vol)).toBeGreaterThan(1e-3);
  });

  it('equal and fixed weights, with the risk they put on each strategy', () => {
    const equal = allocate({ kind: 'equal' }, { returns: strategies });
    expect([...equal.weights]).toEqual([0.25, 0.25, 0.25, 0.25]);
    const fixed = allocate({ kind: 'fixed', weights: [0.4, 0.3, 0.2, 0.1] }, { returns: strategies });
    expect([...fixed.weights]).toEqual([0.4, 0.3, 0.2, 0.1]);
    expect(fixed.diagnostics.riskShare.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
  });

  it('sees only the rows up to the allocation date it is given', () => {
    const upTo = { rows: 750, cols: 4, data: strategies.data.slice(0, 750 * 4) };
    const early = allocate({ kind: 'inverse-vol' }, { returns: upTo });
    expect(early.diagnostics.rows).toBe(750);
    expect(maxAbsDiff(early.weights, want.inverse_vol)).toBeGreaterThan(1e-4);
  });

  const errors: Array<[string, AllocatorSpec, ReturnsMatrix, RegExp]> = [
    [
      'fixed weights of the wrong count',
      { kind: 'fixed', weights: [0.5, 0.5] },
      strategies,
      /^allocator fixed: needs 4 weights \(one per strategy\), got 2/,
    ],
    [
      'fixed weights not summing to 1',
      { kind: 'fixed', weights: [0.5, 0.5, 0.5, 0.5] },
      strategies,
      /the weights sum to 2; fixed weights must sum to 1/,
    ],
    ['a negative fixed weight', { kind: 'fixed', weights: [1.5, -0.5, 0, 0] }, strategies, /FIN: weight -0\.5 must be a number ≥ 0/],
    [
      'too few returns for a volatility',
      { kind: 'risk-parity' },
      { rows: 1, cols: 4, data: strategies.data.slice(0, 4) },
      /needs at least 2 returns/,
    ],
    [
      'a strategy that never moved',
      { kind: 'inverse-vol' },
      { rows: 3, cols: 2, data: Float64Array.from([0.01, 0, -0.02, 0, 0.03, 0]) },
      /^allocator inverse-vol: FIN has volatility 0 over the 3 returns/,
    ],
    [
      'a missing return',
      { kind: 'equal' },
      { rows: 2, cols: 2, data: Float64Array.from([0.01, 0, NaN, 0]) },
      /row 1, TEC: return NaN is not a finite number/,
    ],
  ];
  for (const [what, spec, data, message] of errors) {
    it(`refuses ${what}`, () => {
      const e = caught(() => allocate(spec, { returns: data, strategies: names }));
      expect(e.rule).toBe('bad-input');
      expect(e.message).toMatch(message);
    });
  }
});
