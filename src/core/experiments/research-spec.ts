/**
 * The spec behind the Research tab's Run: a version-1 (backtesting.py profile) `sma-cross` experiment on one
 * instrument, built from the few numbers that panel shows. Going through a spec makes the Run an ordinary tracked
 * experiment — same id, same result hash as the same spec created in the Experiments view or by the CLI.
 *
 * Fixed choices, so that one panel setting means one experiment:
 * - exclusive orders on (each crossover closes the open trade before the reverse one, as backtesting.py's SmaCross);
 *   every other broker flag at its default;
 * - slippage is the profile's spread: an adverse fraction of price paid on each entry fill (longs pay more, shorts
 *   receive less). The panel takes it in basis points; the spec stores the fraction (bps / 10 000).
 */
import type { ExperimentSpecInput } from './spec';

export interface ResearchRunParams {
  fast: number;
  slow: number;
  cash: number;
  /** Relative commission, a fraction of each fill's value. */
  commission: number;
  /** Adverse slippage on entries, in basis points of the price (the spec's `costs.spread` × 10 000). */
  slippageBps: number;
  seed: number;
}

export interface ResearchInput {
  contentHash: string;
  /** What the instrument list calls it (the spec's label of the input; not part of the identity). */
  name: string;
}

const BPS = 10_000;

export function researchRunSpec(input: ResearchInput, p: ResearchRunParams): ExperimentSpecInput {
  return {
    specVersion: 1,
    profile: 'backtesting.py',
    label: `${input.name} sma ${p.fast}/${p.slow}`,
    strategy: 'sma-cross',
    params: { fast: p.fast, slow: p.slow },
    inputs: [{ contentHash: input.contentHash, label: input.name }],
    broker: { cash: p.cash, exclusiveOrders: true },
    costs: { commission: { relative: p.commission }, spread: p.slippageBps / BPS },
    seed: p.seed,
  };
}
