/**
 * Long-only minimum variance inside a rebalancing loop: the problem and the answer of OPTIMIZERS['min-variance']
 * (the screened solve's KKT check makes it the full QP's, to rounding), started from the assets the previous
 * rebalance held. Month to month the support barely moves, so the screened solve usually needs one or two QPs on
 * about |support| assets instead of rounds from the lowest-variance ones (a QP costs ~|S|³). Only the last bits can
 * depend on `previous`, and deterministically: the same sequence of rebalances gives the same bits everywhere.
 * Anything the warm path was not made for (few assets, lower bounds, any other constraint) goes to the optimizer.
 */
import { hasBounds, resolveBounds } from './bounds';
import { SCREEN_ABOVE } from './min-variance';
import type { OptimizerInput, OptimizerResult } from './optimizer';
import { OPTIMIZERS } from './optimizers';
import { PortfolioError } from './portfolio-error';
import { screenedMinVariance } from './screened-qp';

const NAME = 'min-variance';
/** The only inputs the warm path understands; any other field present means the general optimizer decides. */
const WARM_FIELDS = new Set(['cov', 'longOnly', 'maxWeight', 'bounds']);

/** The assets a minimum-variance result holds (not at their lower bound), ascending: the next call's `previous`. */
export function heldAssets(result: OptimizerResult): number[] {
  const atLower = new Set(result.diagnostics.atLower ?? []);
  const held: number[] = [];
  for (let i = 0; i < result.weights.length; i++) if (!atLower.has(i)) held.push(i);
  return held;
}

export function warmMinVariance(input: OptimizerInput, previous: readonly number[]): OptimizerResult {
  const general = () => OPTIMIZERS[NAME].optimize(input);
  const n = input.cov.n;
  const plain = Object.entries(input).every(([key, value]) => value === undefined || WARM_FIELDS.has(key));
  if (!plain || n <= SCREEN_ABOVE || previous.length === 0) return general();
  const bounds = resolveBounds(NAME, input, n);
  if (!hasBounds(bounds) || !bounds.lower.every((l) => l === 0)) return general();
  // The start must be able to hold the budget under its caps (as min-variance.ts asks): pad with the
  // lowest-variance assets up to 2 / cap when the previous holdings are fewer.
  const cap = Math.max(...bounds.upper);
  const need = Math.min(n, Number.isFinite(cap) ? Math.ceil(2 / cap) : 1);
  const start = new Set(previous.filter((i) => Number.isInteger(i) && i >= 0 && i < n));
  if (start.size < need) {
    const d = input.cov.data;
    const byVariance = Array.from({ length: n }, (_, i) => i).sort((a, b) => d[a * n + a] - d[b * n + b] || a - b);
    for (const i of byVariance) {
      if (start.size >= need) break;
      start.add(i);
    }
  }
  const constraint = input.maxWeight !== undefined ? 'max-weight' : 'bounds';
  try {
    return (
      screenedMinVariance(
        NAME,
        input.cov,
        bounds,
        constraint,
        [...start].sort((a, b) => a - b),
      ) ?? general()
    );
  } catch (e) {
    // A subset that cannot hold the budget says nothing about the full problem.
    if (e instanceof PortfolioError && e.rule === 'infeasible') return general();
    throw e;
  }
}
