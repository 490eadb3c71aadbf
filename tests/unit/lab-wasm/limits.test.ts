import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { LimitRule, labStrategy, runLab, type LabBuiltinSpec, type LabConfigInput, type LabSources } from '../../../src/core/lab';
import type { LabWasmEngine } from '../../../src/engine/lab';
import { loadLabEngine } from './load-lab-engine';
import {
  actArb,
  configArb,
  limitsArb,
  marketArb,
  marketOf,
  rebalanceArb,
  rebalancesOf,
  scheduledArb,
  scheduledOf,
  scriptedStrategy,
  type Act,
  type MarketSpec,
  type RebalanceSpec,
  type ScheduledSpec,
} from './random-lab';
import { attempt, expectSameOutcome } from './same-result';

// Risk limits in the module against the reference on random markets, configs, limits and order streams of every
// source (a JS strategy, rebalances, scheduled entries, a built-in inside the module): the same bits, limit log and
// trip events included, and every rule seen at least once.

const RUNS = Number(process.env.LAB_RUNS ?? 250);
const SEED = Number(process.env.LAB_SEED ?? 20_261_208);

let lab: LabWasmEngine;
beforeAll(async () => {
  lab = await loadLabEngine();
});

interface Scenario {
  market: MarketSpec;
  config: LabConfigInput;
  acts: Act[];
  rebalances: RebalanceSpec[];
  scheduled: ScheduledSpec[];
  builtin: LabBuiltinSpec | null;
}

const scenarioArb: fc.Arbitrary<Scenario> = marketArb.chain((market) =>
  fc.record({
    market: fc.constant(market),
    config: fc.tuple(configArb(market.K), limitsArb).map(([c, limits]) => ({ ...c, limits })),
    acts: fc.array(actArb(market.K, market.T), { maxLength: 30, size: 'medium' }),
    rebalances: fc.array(rebalanceArb(market.K, market.T), { maxLength: 8, size: 'medium' }),
    scheduled: fc.array(scheduledArb(market.K, market.T), { maxLength: 10, size: 'medium' }),
    builtin: fc.constantFrom<LabBuiltinSpec | null>(
      null,
      null,
      { name: 'sma-cross', params: { fast: 2, slow: 5, weight: 0.6 } },
      { name: 'xmom', params: { lookback: 5, skip: 0, rebalance: 3, topK: 1, bottomK: 1, minTrade: 0 } },
    ),
  }),
);

describe('risk limits in WASM = TypeScript reference, bit for bit', () => {
  it('random markets, configs and limits; every source', () => {
    const rules = new Set<number>();
    const trips = new Set<number>();
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const tl = marketOf(s.market);
        const sources = (log: string[]): LabSources => ({
          strategy: s.builtin === null ? scriptedStrategy(s.acts, log) : labStrategy(s.builtin),
          ...(s.rebalances.length > 0 ? { rebalances: rebalancesOf(tl, s.rebalances) } : {}),
          ...(s.scheduled.length > 0 ? { scheduled: scheduledOf(tl, s.scheduled) } : {}),
        });
        const refLog: string[] = [];
        const wasmLog: string[] = [];
        const ref = attempt(() => runLab(tl, s.config, sources(refLog)));
        expectSameOutcome(
          attempt(() => lab.runLabWasm(tl, s.config, sources(wasmLog))),
          ref,
        );
        expect(wasmLog).toEqual(refLog);
        if (ref.ok) {
          ref.result.limitOrders.rule.forEach((r) => rules.add(r));
          ref.result.limitEvents.rule.forEach((r) => trips.add(r));
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect([...rules].sort()).toEqual(Object.values(LimitRule).sort());
    expect([...trips].sort()).toEqual([LimitRule.KillSwitch, LimitRule.DailyLoss].sort());
  }, 180_000);
});
