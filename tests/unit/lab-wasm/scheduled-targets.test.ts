import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LabScheduledTargets, labBuiltinOf, type LabBuiltinSpec, type LabConfigInput } from '../../../src/core/lab';
import { universe12Timeline } from '../../helpers/universe12-timeline';
import { configArb, limitsArb, marketArb, marketOf, real } from './random-lab';
import { labTwins } from './twins';

// scheduled-targets (id 6) inside the module as its AssemblyScript twin gives the bits of the TypeScript twin run
// by the reference, with and without drift, on universe12 and on random markets, with risk limits too.

const twins = labTwins();
const { expectTwins } = twins;

const u12 = universe12Timeline();
const K = u12.instruments.length;

/** A monthly schedule from bar 60: long, short and NaN (left alone) targets that move from row to row. */
function schedule(drift: number, minTrade: number): LabBuiltinSpec {
  const bars: number[] = [];
  const weights: number[] = [];
  for (let b = 60, j = 0; b < u12.time.length; b += 21, j++) {
    bars.push(b);
    for (let k = 0; k < K; k++) weights.push(j % 3 === 0 && k === j % K ? NaN : (((j * 5 + k * 7) % 11) / 11) * 0.16 - 0.03);
  }
  return { name: 'scheduled-targets', params: { bars, weights, drift, minTrade } };
}

const COSTS: LabConfigInput = {
  cash: 1_000_000,
  commission: { fixed: 1, relative: 0.0005 },
  spread: 0.0004,
  slippage: { model: 'random', bps: 5 },
  allowShort: true,
  seed: 11,
};

describe('scheduled-targets on universe12: module = TypeScript twin, bit for bit', () => {
  for (const [drift, minTrade] of [
    [0, 0],
    [0.01, 0],
    [0.02, 0.005],
  ]) {
    it(`drift ${drift}, minTrade ${minTrade}`, () => {
      for (const config of [COSTS, { ...COSTS, fillTiming: 'close' as const, lotSize: 10 }]) {
        const r = expectTwins(u12, config, schedule(drift, minTrade));
        expect(r.fills.count, 'the run trades').toBeGreaterThan(100);
      }
    });
  }

  it('drift trades between the rows; a 10 % position cap and a kill switch bind in both', () => {
    const noDrift = expectTwins(u12, COSTS, schedule(0, 0));
    const drift = expectTwins(u12, COSTS, schedule(0.01, 0));
    expect(new Set(drift.orders.submittedBar).size).toBeGreaterThan(new Set(noDrift.orders.submittedBar).size);
    const limited = expectTwins(
      u12,
      { ...COSTS, limits: { maxPositionWeight: 0.1, killSwitch: { drawdown: 0.1, action: 'reduce', fraction: 0.5 } } },
      schedule(0.01, 0),
    );
    expect(limited.limitOrders.count).toBeGreaterThan(0);
  });

  it('is built-in id 6 with the parameters [drift, minTrade, J, bars…, weights…]', () => {
    const s = new LabScheduledTargets({ bars: [2, 5], weights: [0.5, NaN, -0.25, 0.25], drift: 0.1, minTrade: 0.01 });
    expect(labBuiltinOf(s, 2)).toEqual({ id: 6, params: [0.1, 0.01, 2, 2, 5, 0.5, NaN, -0.25, 0.25] });
    expect(() => labBuiltinOf(s, 3)).toThrow(/weights must hold 2 rows × 3 instruments = 6 numbers, got 4/);
    expect(() => twins.lab.runLabWasm(u12, {}, { strategy: s })).toThrow(/weights must hold 2 rows × 12 instruments/);
  });
});

describe('scheduled-targets on random markets (missing bars, every config, limits)', () => {
  const scenario = marketArb.chain((m) =>
    fc.record({ K: fc.integer({ min: 1, max: 5 }), T: fc.integer({ min: 10, max: 80 }) }).chain((size) =>
      fc
        .record({
          market: fc.constant({ ...m, ...size }),
          config: fc
            .tuple(configArb(size.K), fc.option(limitsArb, { nil: undefined }))
            .map(([c, limits]) => (limits === undefined ? c : { ...c, limits })),
          bars: fc.uniqueArray(fc.integer({ min: 0, max: size.T - 1 }), { maxLength: 6 }).map((b) => b.sort((x, y) => x - y)),
          drift: fc.constantFrom(0, 0.01, 0.05, 0.2),
          minTrade: real(0, 0.05),
        })
        .chain((s) =>
          fc.record({
            s: fc.constant(s),
            weights: fc.array(fc.oneof({ weight: 9, arbitrary: real(-0.6, 0.8) }, { weight: 1, arbitrary: fc.constant(NaN) }), {
              minLength: s.bars.length * size.K,
              maxLength: s.bars.length * size.K,
            }),
          }),
        ),
    ),
  );

  it("inside the module and driven from JS, every output column is the reference's", () => {
    let fills = 0;
    fc.assert(
      fc.property(scenario, ({ s, weights }) => {
        const spec: LabBuiltinSpec = { name: 'scheduled-targets', params: { bars: s.bars, weights, drift: s.drift, minTrade: s.minTrade } };
        fills += expectTwins(marketOf(s.market), s.config, spec).fills.count;
      }),
      { numRuns: 150, seed: 60_606 },
    );
    expect(fills).toBeGreaterThan(300);
  }, 120_000);
});
