import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LabPairs, LabXmom, labBuiltinOf, labStrategy, runLab, type LabBuiltinSpec, type LabConfigInput } from '../../../src/core/lab';
import { universe12Timeline } from '../../helpers/universe12-timeline';
import { configArb, marketArb, marketOf, real } from './random-lab';
import { labTwins } from './twins';

// xmom and pairs (ids 4 and 5) run inside the module as their AssemblyScript twins, and must give the bits of the
// TypeScript twins run by the reference: on all 12 instruments of ../shared/data/universe12 with several parameter
// sets, and on random markets with missing bars.

const u12 = universe12Timeline();

const twins = labTwins();
const { expectTwins } = twins;

const COSTS: LabConfigInput = {
  cash: 1_000_000,
  commission: { fixed: 1, relative: 0.0005 },
  spread: 0.0004,
  slippage: { model: 'random', bps: 5 },
  allowShort: true,
  seed: 7,
};

const XMOM: LabBuiltinSpec[] = [
  { name: 'xmom', params: {} },
  { name: 'xmom', params: { topK: 3, bottomK: 3 } },
  { name: 'xmom', params: { lookback: 126, skip: 5, rebalance: 2, topK: 4, bottomK: 2, weighting: 1, volWindow: 40, minTrade: 0 } },
  { name: 'xmom', params: { lookback: 60, skip: 0, rebalance: 3, topK: 2, weighting: 1, volWindow: 90, gross: 0.8, minTrade: 0.02 } },
];

const PAIRS: LabBuiltinSpec[] = [
  { name: 'pairs', params: { y: 5, x: 7, window: 120 } },
  { name: 'pairs', params: { y: 0, x: 1, window: 60, log: 1, entryZ: 1.5, exitZ: 0.25, stopZ: 0, weight: 0.3 } },
  { name: 'pairs', params: { y: 11, x: 8, window: 30, entryZ: 1.2, exitZ: 0, stopZ: 2.5, weight: 0.45 } },
  { name: 'pairs', params: { y: 2, x: 3, window: 250, log: 1 } },
];

describe('xmom and pairs on universe12: module = TypeScript twin, bit for bit', () => {
  for (const spec of [...XMOM, ...PAIRS]) {
    it(`${spec.name} ${JSON.stringify(spec.params)}`, () => {
      for (const config of [COSTS, { cash: 100_000, allowShort: true, fillTiming: 'close' as const, lotSize: 10 }]) {
        const r = expectTwins(u12, config, spec);
        expect(r.fills.count, 'the run trades').toBeGreaterThan(spec.name === 'xmom' ? 20 : 4);
      }
    });
  }

  it('xmom trades all 12 instruments over the run', () => {
    const r = expectTwins(u12, COSTS, { name: 'xmom', params: { lookback: 60, skip: 5, rebalance: 2, topK: 4, bottomK: 4 } });
    expect(new Set(r.fills.instrument).size).toBe(12);
  });
});

describe('xmom and pairs on random markets (missing bars, every config)', () => {
  const market = marketArb.chain((m) =>
    fc.record({ K: fc.integer({ min: 2, max: 7 }), T: fc.integer({ min: 20, max: 120 }) }).map((s) => ({ ...m, ...s })),
  );
  const specArb = (K: number): fc.Arbitrary<LabBuiltinSpec> =>
    fc.oneof(
      fc.record({
        name: fc.constant('xmom' as const),
        params: fc.integer({ min: 2, max: 15 }).chain((lookback) =>
          fc.record({
            lookback: fc.constant(lookback),
            skip: fc.integer({ min: 0, max: lookback - 1 }),
            rebalance: fc.integer({ min: 1, max: 3 }),
            topK: fc.integer({ min: 1, max: 4 }),
            bottomK: fc.integer({ min: 0, max: 3 }),
            weighting: fc.integer({ min: 0, max: 1 }),
            volWindow: fc.integer({ min: 2, max: 20 }),
            gross: real(0.1, 2),
            minTrade: real(0, 0.1),
          }),
        ),
      }),
      fc.record({
        name: fc.constant('pairs' as const),
        params: fc.record({ y: fc.integer({ min: 0, max: K - 1 }), dx: fc.integer({ min: 1, max: K - 1 }) }).chain(({ y, dx }) =>
          fc.record({
            y: fc.constant(y),
            x: fc.constant((y + dx) % K),
            window: fc.integer({ min: 3, max: 20 }),
            log: fc.integer({ min: 0, max: 1 }),
            entryZ: real(0.5, 2),
            exitZ: real(0, 0.45),
            stopZ: fc.constantFrom(0, 2.5, 3),
            weight: real(0.05, 1),
          }),
        ),
      }),
    );

  it("inside the module and driven from JS, every output column is the reference's", () => {
    let fills = 0;
    fc.assert(
      fc.property(
        market.chain((m) => fc.record({ market: fc.constant(m), config: configArb(m.K), spec: specArb(m.K) })),
        ({ market: m, config, spec }) => {
          fills += expectTwins(marketOf(m), config, spec).fills.count;
        },
      ),
      { numRuns: 150, seed: 1_111 },
    );
    expect(fills).toBeGreaterThan(300);
  }, 120_000);
});

describe('xmom and pairs: engine parameters', () => {
  it('are the ids 4 and 5 with their parameter rows; a pair outside the universe is refused before the run', () => {
    expect(labBuiltinOf(new LabXmom({}), 12)).toEqual({ id: 4, params: [252, 21, 1, 3, 0, 0, 63, 0.95, 0.001] });
    expect(labBuiltinOf(new LabPairs({ y: 5, x: 7 }), 12)).toEqual({ id: 5, params: [5, 7, 60, 0, 2, 0.5, 4, 0.45] });
    const outside = { name: 'pairs' as const, params: { y: 2, x: 12 } };
    expect(() => runLab(u12, {}, { strategy: labStrategy(outside) })).toThrow(/x is instrument 12, but the universe has 12/);
    expect(() => twins.lab.runLabWasm(u12, {}, { strategy: labStrategy(outside) })).toThrow(/x is instrument 12, but the universe has 12/);
  });
});
