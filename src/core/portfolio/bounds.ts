/**
 * The per-asset bounds of an optimization: long-only, a common cap and explicit per-asset bounds combined (the
 * tighter bound wins). Checked before any solver runs, so an impossible set is reported by the constraint at fault.
 */
import type { OptimizerInput, WeightBounds } from './optimizer';
import { PortfolioError } from './portfolio-error';

export function resolveBounds(optimizer: string, input: OptimizerInput, n: number, longOnly = input.longOnly ?? false): WeightBounds {
  const lower = new Float64Array(n).fill(longOnly ? 0 : -Infinity);
  const upper = new Float64Array(n).fill(Infinity);
  if (input.maxWeight !== undefined) {
    if (!Number.isFinite(input.maxWeight))
      throw new PortfolioError(optimizer, 'bad-input', `max-weight must be a finite number, got ${input.maxWeight}`, 'max-weight');
    upper.fill(input.maxWeight);
  }
  if (input.bounds) {
    for (let i = 0; i < n; i++) {
      lower[i] = Math.max(lower[i], input.bounds.lower[i]);
      upper[i] = Math.min(upper[i], input.bounds.upper[i]);
    }
  }
  let low = 0;
  let high = 0;
  for (let i = 0; i < n; i++) {
    if (lower[i] > upper[i])
      throw new PortfolioError(optimizer, 'infeasible', `asset ${i}: lower bound ${lower[i]} is above its upper bound ${upper[i]}`, 'bounds');
    low += lower[i];
    high += upper[i];
  }
  if (high < 1)
    throw new PortfolioError(
      optimizer,
      'infeasible',
      `the upper bounds sum to ${high} < 1: weights summing to 1 cannot respect them${input.maxWeight !== undefined ? ` (max-weight ${input.maxWeight} × ${n} assets)` : ''}`,
      input.maxWeight !== undefined ? 'max-weight' : 'bounds',
    );
  if (low > 1)
    throw new PortfolioError(optimizer, 'infeasible', `the lower bounds sum to ${low} > 1: weights summing to 1 cannot respect them`, 'bounds');
  return { lower, upper };
}

export const hasBounds = (b: WeightBounds): boolean => b.lower.some((v) => v > -Infinity) || b.upper.some((v) => v < Infinity);
