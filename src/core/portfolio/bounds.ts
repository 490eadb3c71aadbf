/**
 * The per-asset bounds of an optimization: long-only, a common cap and explicit per-asset bounds combined (the
 * tighter bound wins). Checked before any solver runs against the budget (Σw = 1, 1 − cash buffer, or the net
 * exposure band), so an impossible set is reported by the constraint at fault.
 */
import type { OptimizerInput, WeightBounds } from './optimizer';
import { PortfolioError } from './portfolio-error';

/** The range Σw must fall in: [1 − cashBuffer] by default, the net band when one is given (capped by 1 − cashBuffer). */
export interface BudgetRange {
  min: number;
  max: number;
}

export function budgetRange(optimizer: string, input: OptimizerInput): BudgetRange {
  const c = input.cashBuffer;
  if (c !== undefined && !(Number.isFinite(c) && c >= 0 && c < 1))
    throw new PortfolioError(optimizer, 'bad-input', `cash buffer must be in [0, 1), got ${c}`, 'cashBuffer');
  const invested = 1 - (c ?? 0);
  if (!input.net) return { min: invested, max: invested };
  const { min, max } = input.net;
  if (!(Number.isFinite(min) && Number.isFinite(max) && min <= max))
    throw new PortfolioError(optimizer, 'bad-input', `net exposure band must be two numbers min ≤ max, got [${min}, ${max}]`, 'net');
  const top = c !== undefined ? Math.min(max, invested) : max;
  if (min > top)
    throw new PortfolioError(
      optimizer,
      'infeasible',
      `the net exposure floor ${min} is above 1 − cash buffer = ${invested}: no weights hold both`,
      'cashBuffer',
    );
  return { min, max: top };
}

const sumText = (b: BudgetRange) => (b.min === b.max ? `summing to ${b.min}` : `with a net exposure in [${b.min}, ${b.max}]`);

export function resolveBounds(optimizer: string, input: OptimizerInput, n: number, longOnly = input.longOnly ?? false): WeightBounds {
  const lower = new Float64Array(n).fill(longOnly ? 0 : -Infinity);
  const upper = new Float64Array(n).fill(Infinity);
  if (input.maxWeight !== undefined) {
    if (!Number.isFinite(input.maxWeight))
      throw new PortfolioError(optimizer, 'bad-input', `max-weight must be a finite number, got ${input.maxWeight}`, 'max-weight');
    upper.fill(input.maxWeight);
  }
  if (input.minWeight !== undefined) {
    if (!Number.isFinite(input.minWeight))
      throw new PortfolioError(optimizer, 'bad-input', `min-weight must be a finite number, got ${input.minWeight}`, 'min-weight');
    for (let i = 0; i < n; i++) lower[i] = Math.max(lower[i], input.minWeight);
  }
  if (input.bounds) {
    for (let i = 0; i < n; i++) {
      lower[i] = Math.max(lower[i], input.bounds.lower[i]);
      upper[i] = Math.min(upper[i], input.bounds.upper[i]);
    }
  }
  const budget = budgetRange(optimizer, input);
  let low = 0;
  let high = 0;
  for (let i = 0; i < n; i++) {
    if (lower[i] > upper[i])
      throw new PortfolioError(
        optimizer,
        'infeasible',
        `asset ${i}: lower bound ${lower[i]} is above its upper bound ${upper[i]}`,
        input.minWeight !== undefined ? 'min-weight' : 'bounds',
      );
    low += lower[i];
    high += upper[i];
  }
  if (high < budget.min)
    throw new PortfolioError(
      optimizer,
      'infeasible',
      `the upper bounds sum to ${high} < ${budget.min}: weights ${sumText(budget)} cannot respect them${input.maxWeight !== undefined ? ` (max-weight ${input.maxWeight} × ${n} assets)` : ''}`,
      input.maxWeight !== undefined ? 'max-weight' : 'bounds',
    );
  if (low > budget.max)
    throw new PortfolioError(
      optimizer,
      'infeasible',
      `the lower bounds sum to ${low} > ${budget.max}: weights ${sumText(budget)} cannot respect them`,
      input.minWeight !== undefined ? 'min-weight' : 'bounds',
    );
  return { lower, upper };
}

/** Whether the input sets any per-asset bound (a cap, a floor or explicit bounds). */
export const setsBounds = (input: OptimizerInput): boolean =>
  input.maxWeight !== undefined || input.minWeight !== undefined || input.bounds !== undefined;

export const hasBounds = (b: WeightBounds): boolean => b.lower.some((v) => v > -Infinity) || b.upper.some((v) => v < Infinity);
