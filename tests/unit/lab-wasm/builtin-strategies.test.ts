import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadOhlcvCsv } from '../../../src/core/csv/load-ohlcv-csv';
import type { OhlcvTable } from '../../../src/core/domain/ohlcv-table';
import {
  EngineConfigError,
  LabMeanReversion,
  LabMomentum,
  LabSmaCross,
  alignTables,
  labBuiltinOf,
  labStrategy,
  type LabBuiltinSpec,
  type LabConfigInput,
} from '../../../src/core/lab';
import { configArb, marketArb, marketOf, real } from './random-lab';
import { labTwins } from './twins';

// The built-in strategies: each runs inside the module (its AssemblyScript twin) and must give the bits of its
// TypeScript twin run by the reference, on real data and on random markets.

function shared(name: string): OhlcvTable {
  const text = readFileSync(new URL(`../../../../shared/data/${name}`, import.meta.url), 'utf8');
  return loadOhlcvCsv(text, { source: name }).table;
}

const goog = alignTables([{ name: 'GOOG', table: shared('GOOG.csv') }]);
const eurusd = alignTables([{ name: 'EURUSD', table: shared('EURUSD.csv') }]);
const both = alignTables([
  { name: 'GOOG', table: shared('GOOG.csv') },
  { name: 'EURUSD', table: shared('EURUSD.csv') },
]);

const twins = labTwins();
const { expectTwins } = twins;

const COSTS: LabConfigInput = {
  cash: 100_000,
  commission: { fixed: 1, relative: 0.0005 },
  spread: 0.0004,
  slippage: { model: 'random', bps: 5 },
  allowShort: true,
  closeAtEnd: true,
  seed: 42,
};

const SPECS: LabBuiltinSpec[] = [
  { name: 'sma-cross', params: { fast: 10, slow: 30, weight: 0.9 } },
  { name: 'momentum', params: { lookback: 20, threshold: 0.001, weight: 0.9 } },
  { name: 'mean-reversion', params: { window: 20, entryZ: 2, exitZ: 0.5, weight: 0.9 } },
];

describe('built-in lab strategies on real data: module = TypeScript twin, bit for bit', () => {
  for (const spec of SPECS) {
    it(`${spec.name} on GOOG (daily) and on EURUSD (hourly), with costs and random slippage`, () => {
      for (const tl of [goog, eurusd]) {
        const r = expectTwins(tl, COSTS, spec);
        expect(r.trades.count, `${spec.name} on ${tl.instruments[0]} trades`).toBeGreaterThan(5);
        expect(r.meta.rngDraws).toBe(r.fills.count);
      }
    });

    it(`${spec.name} on GOOG + EURUSD aligned (disjoint periods: each instrument trades only on its own bars)`, () => {
      // marginRatio 0.5: GOOG's last position stays open (marked at its last close) while EURUSD trades.
      const config: LabConfigInput = {
        ...COSTS,
        lotSize: [1, 1000],
        marginRatio: 0.5,
        slippage: { model: 'volatility', volMultiplier: 0.2, window: 20 },
      };
      const r = expectTwins(both, config, spec);
      const instruments = new Set(Array.from(r.fills.instrument));
      expect([...instruments].sort()).toEqual([0, 1]);
    });
  }

  it('the default weight is 1/K, and next-open vs close-auction fills both match', () => {
    for (const fillTiming of ['next-open', 'close'] as const) {
      expectTwins(both, { cash: 50_000, fillTiming, allowShort: true }, { name: 'sma-cross', params: { fast: 5, slow: 20 } });
    }
    expect(labBuiltinOf(new LabSmaCross({ fast: 5, slow: 20 }), 2)?.params).toEqual([5, 20, 0.5]);
  });
});

describe('built-in lab strategies on random markets and configs', () => {
  const specArb: fc.Arbitrary<LabBuiltinSpec> = fc.oneof(
    fc.record({
      name: fc.constant('sma-cross' as const),
      params: fc
        .integer({ min: 1, max: 6 })
        .chain((fast) =>
          fc.record(
            { fast: fc.constant(fast), slow: fc.integer({ min: fast + 1, max: 12 }), weight: real(0.05, 3) },
            { requiredKeys: ['fast', 'slow'] },
          ),
        ),
    }),
    fc.record({
      name: fc.constant('momentum' as const),
      params: fc.record(
        { lookback: fc.integer({ min: 1, max: 8 }), threshold: real(0, 0.05), weight: real(0.05, 3) },
        { requiredKeys: ['lookback'] },
      ),
    }),
    fc.record({
      name: fc.constant('mean-reversion' as const),
      params: fc.record(
        { window: fc.integer({ min: 2, max: 10 }), entryZ: real(0.3, 2), exitZ: real(0, 0.29), weight: real(0.05, 3) },
        { requiredKeys: ['window', 'exitZ'] },
      ),
    }),
  );

  it("inside the module and driven from JS, every output column is the reference's", () => {
    let trades = 0;
    fc.assert(
      fc.property(
        marketArb.chain((m) => fc.record({ market: fc.constant(m), config: configArb(m.K), spec: specArb })),
        ({ market, config, spec }) => {
          trades += expectTwins(marketOf(market), config, spec).trades.count;
        },
      ),
      { numRuns: 200, seed: 424_242 },
    );
    expect(trades).toBeGreaterThan(200);
  }, 60_000);
});

describe('built-in lab strategies: parameters', () => {
  it('are validated by the twins before anything runs', () => {
    expect(() => new LabSmaCross({ fast: 5, slow: 5 })).toThrow(EngineConfigError);
    expect(() => new LabSmaCross({ fast: 0, slow: 5 })).toThrow(/fast must be an integer/);
    expect(() => new LabMomentum({ lookback: 1.5 })).toThrow(/lookback/);
    expect(() => new LabMomentum({ lookback: 3, threshold: -1 })).toThrow(/threshold/);
    expect(() => new LabMeanReversion({ window: 1 })).toThrow(/window/);
    expect(() => new LabMeanReversion({ window: 5, entryZ: 1, exitZ: 1 })).toThrow(/exitZ/);
    expect(() => new LabSmaCross({ fast: 2, slow: 5, weight: 0 })).toThrow(/weight/);
    expect(() => labStrategy({ name: 'nope' } as unknown as LabBuiltinSpec)).toThrow(/unknown lab strategy/);
  });

  it('only exact built-in objects run inside the module; subclasses and patched objects run in JS', () => {
    class Tweaked extends LabSmaCross {}
    const patched = new LabMomentum({ lookback: 3 });
    patched.onBar = () => undefined;
    expect(labBuiltinOf(new LabSmaCross({ fast: 2, slow: 5 }), 1)).toEqual({ id: 1, params: [2, 5, 1] });
    expect(labBuiltinOf(new LabMomentum({ lookback: 3 }), 4)).toEqual({ id: 2, params: [3, 0, 0.25] });
    expect(labBuiltinOf(new LabMeanReversion({ window: 4 }), 1)).toEqual({ id: 3, params: [4, 2, 0.5, 1] });
    expect(labBuiltinOf(new Tweaked({ fast: 2, slow: 5 }), 1)).toBeUndefined();
    expect(labBuiltinOf(patched, 1)).toBeUndefined();
  });
});
