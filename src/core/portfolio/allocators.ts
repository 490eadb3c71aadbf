/**
 * Allocators across strategies: how much of the book each strategy of an experiment gets at an allocation date,
 * from the strategies' own daily returns up to that date (a T × S matrix, oldest row first; the caller cuts it at the
 * date, so nothing later can leak in). Fixed weights (given, must be ≥ 0 and sum to 1), equal, inverse volatility
 * of the strategy returns (sample standard deviation, ddof 1, as pandas `std`) and risk parity — equal risk
 * contribution on the strategies' sample covariance (ddof 1), by the ERC optimizer (risk-budget.ts). Weights sum to
 * 1; the diagnostics give each strategy's volatility and its share of the allocated mix's variance.
 */
import { sampleCovariance } from '../risk/sample-covariance';
import type { ReturnsMatrix } from '../risk/returns-matrix';
import { PortfolioError } from './portfolio-error';
import { riskBudget } from './risk-budget';
import { diagonal, matVec, type SquareMatrix } from './square-matrix';

export type AllocatorSpec = { kind: 'fixed'; weights: readonly number[] } | { kind: 'equal' } | { kind: 'inverse-vol' } | { kind: 'risk-parity' };

export const ALLOCATOR_KINDS = ['fixed', 'equal', 'inverse-vol', 'risk-parity'] as const;

export interface AllocatorInput {
  /** Strategy returns, T rows × S columns, up to the allocation date. */
  returns: ReturnsMatrix;
  /** Strategy names in column order, for errors (defaults to `strategy 0`, `strategy 1`, …). */
  strategies?: readonly string[];
}

export interface Allocation {
  weights: Float64Array;
  diagnostics: {
    /** Return rows the allocation saw. */
    rows: number;
    /** Each strategy's daily volatility (ddof 1); empty for fixed and equal with fewer than 2 rows. */
    volatility: Float64Array;
    /** Each strategy's share w_i(Σw)_i / w'Σw of the mix's variance (empty when it cannot be computed). */
    riskShare: Float64Array;
    /** Coordinate-descent sweeps (risk parity), else 0. */
    iterations: number;
  };
}

export function allocate(spec: AllocatorSpec, input: AllocatorInput): Allocation {
  const who = `allocator ${spec.kind}`;
  const { rows, cols, data } = input.returns;
  const name = (j: number) => input.strategies?.[j] ?? `strategy ${j}`;
  if (cols === 0) throw new PortfolioError(who, 'bad-input', 'needs at least one strategy');
  for (let t = 0; t < rows; t++)
    for (let j = 0; j < cols; j++) {
      const v = data[t * cols + j];
      if (!Number.isFinite(v)) throw new PortfolioError(who, 'bad-input', `row ${t}, ${name(j)}: return ${v} is not a finite number`);
    }
  const needsHistory = spec.kind === 'inverse-vol' || spec.kind === 'risk-parity';
  if (needsHistory && rows < 2) throw new PortfolioError(who, 'bad-input', `needs at least 2 returns of each strategy up to the date, got ${rows}`);
  const cov = rows >= 2 ? sampleCovariance(input.returns) : null;
  const vol = cov ? diagonal(cov).map(Math.sqrt) : new Float64Array(0);
  if (needsHistory)
    vol.forEach((v, j) => {
      if (!(v > 0)) throw new PortfolioError(who, 'bad-input', `${name(j)} has volatility ${v} over the ${rows} returns; it needs a positive one`);
    });
  let weights: Float64Array;
  let iterations = 0;
  switch (spec.kind) {
    case 'fixed':
      weights = fixedWeights(who, spec.weights, cols, name);
      break;
    case 'equal':
      weights = new Float64Array(cols).fill(1 / cols);
      break;
    case 'inverse-vol': {
      const inv = vol.map((v) => 1 / v);
      let total = 0;
      for (const v of inv) total += v;
      weights = inv.map((v) => v / total);
      break;
    }
    case 'risk-parity': {
      let solved;
      try {
        solved = riskBudget.optimize({ cov: cov as SquareMatrix });
      } catch (e) {
        if (e instanceof PortfolioError) throw new PortfolioError(who, e.rule, e.message, e.constraint);
        throw e;
      }
      weights = solved.weights;
      iterations = solved.diagnostics.iterations;
      break;
    }
    default:
      throw new PortfolioError(
        'allocator',
        'bad-input',
        `unknown allocator ${(spec as { kind: string }).kind} (allocators: ${ALLOCATOR_KINDS.join(', ')})`,
      );
  }
  return { weights, diagnostics: { rows, volatility: vol, riskShare: cov ? varianceShares(cov, weights) : new Float64Array(0), iterations } };
}

function fixedWeights(who: string, given: readonly number[], cols: number, name: (j: number) => string): Float64Array {
  if (given.length !== cols) throw new PortfolioError(who, 'bad-input', `needs ${cols} weights (one per strategy), got ${given.length}`);
  let total = 0;
  given.forEach((w, j) => {
    if (!(Number.isFinite(w) && w >= 0)) throw new PortfolioError(who, 'bad-input', `${name(j)}: weight ${w} must be a number ≥ 0`);
    total += w;
  });
  if (Math.abs(total - 1) > 1e-9) throw new PortfolioError(who, 'bad-input', `the weights sum to ${total}; fixed weights must sum to 1`);
  return Float64Array.from(given);
}

/** w_i(Σw)_i / w'Σw; empty when the mix has no variance. */
function varianceShares(cov: SquareMatrix, w: Float64Array): Float64Array {
  const m = matVec(cov, w);
  let variance = 0;
  for (let i = 0; i < cov.n; i++) variance += w[i] * m[i];
  return variance > 0 ? m.map((v, i) => (w[i] * v) / variance) : new Float64Array(0);
}
