import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  EndReason,
  OrderSource,
  OrderStatus,
  Reason,
  labStrategy,
  runLab,
  type LabBuiltinSpec,
  type LabConfigInput,
  type LabSources,
} from '../../../src/core/lab';
import type { LabWasmEngine } from '../../../src/engine/lab';
import { loadLabEngine } from './load-lab-engine';
import {
  actArb,
  configArb,
  idle,
  real,
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
import { Tally } from './tally';

// The WASM port against the TypeScript reference on random markets, configs and order streams from each source:
// every output column must be byte-identical (same-result.ts), or both must throw the same error. One engine
// instance serves every run, so reusing its tables across runs of any size is tested too.

// Fixed seed and run count; LAB_RUNS / LAB_SEED override them for a longer local soak.
const RUNS = Number(process.env.LAB_RUNS ?? 300);
const SEED = Number(process.env.LAB_SEED ?? 20_261_121);
const TIMEOUT = 30_000 + RUNS * 100;

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
}

/** A market, a config for it, and order streams of each source (each possibly empty). */
const scenarioArb = (sizes: { acts: number; rebalances: number; scheduled: number }): fc.Arbitrary<Scenario> =>
  marketArb.chain((market) =>
    fc.record({
      market: fc.constant(market),
      config: configArb(market.K),
      acts: fc.array(actArb(market.K, market.T), { maxLength: sizes.acts, size: 'medium' }),
      rebalances: fc.array(rebalanceArb(market.K, market.T), { maxLength: sizes.rebalances, size: 'medium' }),
      scheduled: fc.array(scheduledArb(market.K, market.T), { maxLength: sizes.scheduled, size: 'medium' }),
    }),
  );

/** Runs both engines on the scenario (fresh sources for each) and compares results and the strategy's logs. */
function crossCheck(s: Scenario, tally: Tally, strategy: 'script' | 'idle' | 'none' | LabBuiltinSpec): void {
  const tl = marketOf(s.market);
  const refLog: string[] = [];
  const wasmLog: string[] = [];
  const sources = (log: string[]): LabSources => ({
    ...(strategy === 'none'
      ? {}
      : {
          strategy: strategy === 'script' ? scriptedStrategy(s.acts, log) : strategy === 'idle' ? idle : labStrategy(strategy),
        }),
    ...(s.rebalances.length > 0 ? { rebalances: rebalancesOf(tl, s.rebalances) } : {}),
    ...(s.scheduled.length > 0 ? { scheduled: scheduledOf(tl, s.scheduled) } : {}),
  });
  const ref = attempt(() => runLab(tl, s.config, sources(refLog)));
  const wasm = attempt(() => lab.runLabWasm(tl, s.config, sources(wasmLog)));
  expectSameOutcome(wasm, ref);
  expect(wasmLog).toEqual(refLog);
  tally.add(ref.ok ? ref.result : undefined);
}

const EVERY_REASON = [Reason.Order, Reason.StopLoss, Reason.TakeProfit, Reason.TrailingStop, Reason.TimeStop, Reason.EndOfData, Reason.Bankrupt];
const EVERY_STATUS = [OrderStatus.Working, OrderStatus.Filled, OrderStatus.Cancelled, OrderStatus.Expired, OrderStatus.Refused];

describe('lab engine in WASM = TypeScript reference, bit for bit', () => {
  it(
    'source 1: a JS strategy submitting every order type (brackets, trailing, stop-limit, tif, reduce-only, cancels)',
    () => {
      const tally = new Tally();
      fc.assert(
        fc.property(scenarioArb({ acts: 30, rebalances: 0, scheduled: 0 }), (s) => crossCheck(s, tally, 'script')),
        { numRuns: RUNS, seed: SEED },
      );
      tally.expectCovered({
        reasons: EVERY_REASON,
        types: [0, 1, 2, 3, 4],
        statuses: EVERY_STATUS,
        endReasons: [
          EndReason.None,
          EndReason.UserCancel,
          EndReason.Margin,
          EndReason.ShortNotAllowed,
          EndReason.ZeroQuantity,
          EndReason.VolumeRemainder,
          EndReason.TimeInForce,
          EndReason.NothingToReduce,
          EndReason.Bankrupt,
        ],
        bankrupt: true,
        draws: true,
        partial: true,
      });
    },
    TIMEOUT,
  );

  it(
    'source 2: random target-weight rebalances, inside the module and driven step by step',
    () => {
      const tally = new Tally();
      fc.assert(
        fc.property(scenarioArb({ acts: 0, rebalances: 8, scheduled: 0 }), fc.boolean(), (s, stepwise) =>
          crossCheck(s, tally, stepwise ? 'idle' : 'none'),
        ),
        { numRuns: RUNS, seed: SEED + 1 },
      );
      tally.expectCovered({
        reasons: [Reason.Order, Reason.EndOfData],
        statuses: [OrderStatus.Filled, OrderStatus.Cancelled, OrderStatus.Refused],
        endReasons: [EndReason.UserCancel, EndReason.Margin, EndReason.ShortNotAllowed],
        sources: [OrderSource.Rebalance],
        draws: true,
      });
    },
    TIMEOUT,
  );

  it(
    'source 3: random scheduled entries with exits, inside the module and driven step by step',
    () => {
      const tally = new Tally();
      fc.assert(
        fc.property(scenarioArb({ acts: 0, rebalances: 0, scheduled: 10 }), fc.boolean(), (s, stepwise) =>
          crossCheck(s, tally, stepwise ? 'idle' : 'none'),
        ),
        { numRuns: RUNS, seed: SEED + 2 },
      );
      tally.expectCovered({
        reasons: [Reason.Order, Reason.StopLoss, Reason.TakeProfit, Reason.TrailingStop, Reason.TimeStop, Reason.EndOfData],
        types: [0, 1],
        statuses: [OrderStatus.Working, OrderStatus.Filled, OrderStatus.Expired, OrderStatus.Refused],
        endReasons: [EndReason.TimeInForce, EndReason.Margin],
        sources: [OrderSource.Scheduled],
        draws: true,
      });
    },
    TIMEOUT,
  );

  it(
    'all three sources at once: a JS strategy (step by step) or a built-in strategy (inside the module)',
    () => {
      const tally = new Tally();
      const builtinArb: fc.Arbitrary<LabBuiltinSpec | 'script'> = fc.oneof(
        fc.constant('script' as const),
        fc.record({
          name: fc.constant('sma-cross' as const),
          params: fc.record({ fast: fc.integer({ min: 1, max: 4 }), slow: fc.integer({ min: 5, max: 9 }), weight: real(0.05, 0.6) }),
        }),
        fc.record({
          name: fc.constant('momentum' as const),
          params: fc.record({ lookback: fc.integer({ min: 1, max: 6 }), threshold: fc.constantFrom(0, 0.01) }, { requiredKeys: ['lookback'] }),
        }),
        fc.record({
          name: fc.constant('mean-reversion' as const),
          params: fc.record(
            { window: fc.integer({ min: 2, max: 8 }), entryZ: fc.constantFrom(0.5, 1), exitZ: fc.constantFrom(0, 0.2) },
            { requiredKeys: ['window'] },
          ),
        }),
      );
      fc.assert(
        fc.property(scenarioArb({ acts: 20, rebalances: 4, scheduled: 6 }), builtinArb, (s, strategy) => crossCheck(s, tally, strategy)),
        { numRuns: RUNS, seed: SEED + 3 },
      );
      tally.expectCovered({
        reasons: EVERY_REASON,
        statuses: EVERY_STATUS,
        sources: [OrderSource.Strategy, OrderSource.Rebalance, OrderSource.Scheduled],
        bankrupt: true,
        draws: true,
      });
    },
    TIMEOUT,
  );
});
