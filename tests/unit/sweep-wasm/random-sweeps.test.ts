import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Rng } from '../../../src/core/rng';
import type { Bars, SmaCrossParams } from '../../../src/core/compat';
import type { Engine } from '../../../src/engine/engine-module';
import type { SweepOptions } from '../../../src/engine/sweep-engine';
import { barsFromPath, timestamps, type Spacing } from '../stats-wasm/random-market';
import { facadeVector, loadEngine, rowBits, thrown, vectorBits } from './harness';

// Random markets (every bar spacing the statistics distinguish), grids and broker options: the sweep gives the
// facades' rows bit for bit, or fails with their error. Long series make the indicator cache recycle its slots.

const SPACINGS: Spacing[] = ['weekdays', 'every-day', 'hourly', 'quarter-hour', 'weekly', 'monthly', 'yearly'];

const smaArb: fc.Arbitrary<SmaCrossParams> = fc.record(
  {
    fast: fc.integer({ min: 1, max: 25 }),
    slow: fc.integer({ min: 1, max: 60 }),
    sl: fc.oneof(fc.constant(undefined), fc.constant(0), fc.double({ min: 0.005, max: 0.2, noNaN: true })),
    tp: fc.oneof(fc.constant(undefined), fc.double({ min: 0.005, max: 0.3, noNaN: true })),
  },
  { requiredKeys: ['fast', 'slow'] },
);

const optionsArb: fc.Arbitrary<SweepOptions> = fc.record(
  {
    cash: fc.oneof(fc.constant(10_000), fc.double({ min: 50, max: 1e6, noNaN: true })),
    commission: fc.oneof(
      fc.double({ min: -0.002, max: 0.01, noNaN: true }),
      fc.record({ fixed: fc.double({ min: 0, max: 25, noNaN: true }), relative: fc.double({ min: 0, max: 0.01, noNaN: true }) }),
    ),
    spread: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.005, noNaN: true })),
    margin: fc.oneof(fc.constant(1), fc.double({ min: 0.02, max: 1, noNaN: true })),
    tradeOnClose: fc.boolean(),
    hedging: fc.boolean(),
    exclusiveOrders: fc.boolean(),
    finalizeTrades: fc.boolean(),
    riskFreeRate: fc.double({ min: -0.05, max: 0.1, noNaN: true }),
  },
  { requiredKeys: [] },
);

const marketArb = fc.record({
  steps: fc.array(fc.double({ min: -0.08, max: 0.08, noNaN: true }), { minLength: 1, maxLength: 260 }),
  wiggle: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 1, maxLength: 7 }),
  scale: fc.constantFrom(1, 0.3, 1e-4),
  spacing: fc.constantFrom(...SPACINGS),
  startDay: fc.integer({ min: -20_000, max: 20_000 }),
});

describe('sweep ≡ facades on random markets, grids and options', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await loadEngine();
  });

  it('agrees row by row, or fails with the same error', () => {
    let rows = 0;
    let failures = 0;
    fc.assert(
      fc.property(marketArb, fc.array(smaArb, { minLength: 1, maxLength: 6 }), optionsArb, (m, grid, options) => {
        const bars = barsFromPath(m.steps, m.wiggle, m.scale, timestamps(m.steps.length, m.startDay, m.spacing));
        engine.sweep.prepare(bars);
        const outcome = thrown(() => engine.sweep.run('sma-cross', grid, options));
        // Which combination fails first, if any: the facade in index order.
        for (let c = 0; c < grid.length; c++) {
          const expected = thrown(() => facadeVector(engine, bars, 'sma-cross', grid[c], options));
          if (expected) {
            failures++;
            expect(outcome).not.toBeNull();
            expect([outcome!.constructor.name, outcome!.message, (outcome as Error & { combination?: number }).combination]).toEqual([
              expected.constructor.name,
              expected.message,
              c,
            ]);
            return;
          }
        }
        expect(outcome).toBeNull();
        const result = engine.sweep.run('sma-cross', grid, options);
        grid.forEach((params, c) => {
          rows++;
          expect(rowBits(result.stats, c), `${JSON.stringify(params)} ${JSON.stringify(options)} ${m.spacing}`).toBe(
            vectorBits(facadeVector(engine, bars, 'sma-cross', params, options)),
          );
        });
      }),
      { seed: 20_261_122, numRuns: 250 },
    );
    expect(rows).toBeGreaterThan(500);
    expect(failures).toBeLessThan(60);
  }, 60_000);

  it('recycles indicator cache slots on long series without changing a row', () => {
    // 600,000 bars: the cache holds 16 series of this length, fewer than the grid's 27 windows, so slots are
    // recycled while a sweep runs, and revisited windows are computed again.
    const n = 600_000;
    const rng = new Rng(99);
    const steps = Array.from({ length: n }, () => (rng.nextFloat() - 0.5) * 0.02);
    const bars: Bars = barsFromPath(steps, [0.3, -0.6, 0.9], 1, timestamps(n, 0, 'hourly'));
    engine.sweep.prepare(bars);
    const grid: SmaCrossParams[] = [];
    for (let k = 0; k < 14; k++) grid.push({ fast: 3 + k, slow: 40 + 7 * k });
    grid.push({ fast: 3, slow: 40 }, { fast: 16, slow: 131 }, { fast: 5, slow: 5000 });
    const result = engine.sweep.run('sma-cross', grid, { commission: 0.0005 });
    grid.forEach((params, c) => {
      expect(rowBits(result.stats, c), JSON.stringify(params)).toBe(
        vectorBits(facadeVector(engine, bars, 'sma-cross', params, { commission: 0.0005 })),
      );
    });
  }, 60_000);
});
