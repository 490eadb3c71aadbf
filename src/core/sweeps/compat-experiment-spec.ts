import type { BacktestingPySpec } from '../experiments/spec';
import { combinationParams, type SweepPlan } from './plan';

/**
 * Combination `c` of a sweep on one instrument as the version-1 experiment that runs it alone: the instrument's
 * bars by contentHash, the combination's parameters, the broker and costs every run of the sweep shared, seed 0
 * (a backtesting.py run draws nothing). Its statistics are the sweep's row c, to the bit; labels are not part of
 * a spec's identity, so it is the same experiment as the same spec written by hand.
 */
export function compatExperimentSpec(plan: SweepPlan, c: number, input: { contentHash: string; label?: string }): BacktestingPySpec {
  const o = plan.options;
  return {
    specVersion: 1,
    profile: 'backtesting.py',
    strategy: plan.strategy,
    params: combinationParams(plan.paramNames, plan.values, c),
    inputs: [input.label === undefined ? { contentHash: input.contentHash } : { contentHash: input.contentHash, label: input.label }],
    broker: {
      cash: o.cash,
      margin: o.margin,
      tradeOnClose: o.tradeOnClose,
      hedging: o.hedging,
      exclusiveOrders: o.exclusiveOrders,
      finalizeTrades: o.finalizeTrades,
    },
    costs: { commission: { fixed: o.commission.fixed, relative: o.commission.relative }, spread: o.spread },
    seed: 0,
  };
}
