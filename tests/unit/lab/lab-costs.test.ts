import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/rng';
import { runLab, type LabConfigInput } from '../../../src/core/lab';
import { scripted, timelineOf, type Row } from './lab-fixtures';

/** Buy 10 after bar 0, sell 10 after bar 2: fills at bar 1's open (100) and bar 3's open (110). */
function roundTrip(config: LabConfigInput, rows?: Row[]) {
  const data: Row[] = rows ?? [
    [100, 100, 100, 100],
    [100, 105, 99, 104],
    [104, 111, 103, 110],
    [110, 112, 108, 111],
  ];
  return runLab(timelineOf({ A: data }), config, {
    strategy: scripted({ 0: [{ instrument: 'A', side: 'buy', quantity: 10 }], 2: [{ instrument: 'A', side: 'sell', quantity: 10 }] }),
  });
}

describe('lab engine: commission', () => {
  it('charges fixed + relative × units × price on every fill', () => {
    const r = roundTrip({ commission: { fixed: 1, relative: 0.001 } });
    expect(Array.from(r.fills.commission)).toEqual([1 + 0.001 * 10 * 100, 1 + 0.001 * 10 * 110]);
    expect(r.cash[1]).toBe(10_000 - 10 * 100 - 2);
    expect(r.trades.commission[0]).toBe(2 + 2.1);
    expect(r.trades.pnl[0]).toBe(10 * (110 - 100) - 4.1);
    expect(r.nav[3]).toBe(10_000 + 100 - 2 - 2.1);
  });

  it('a partial fill pays the fixed part again', () => {
    const rows: Row[] = [
      [100, 100, 100, 100, 100],
      [100, 100, 100, 100, 100],
      [100, 100, 100, 100, 100],
    ];
    const r = runLab(
      timelineOf({ A: rows }),
      { cash: 100_000, commission: { fixed: 1 }, volumeShare: 0.5 },
      {
        strategy: scripted({ 0: [{ instrument: 'A', side: 'buy', quantity: 100 }] }),
      },
    );
    expect(Array.from(r.fills.commission)).toEqual([1, 1]);
  });
});

describe('lab engine: spread', () => {
  it('buys at mid × (1 + spread/2), sells at mid × (1 − spread/2)', () => {
    const r = roundTrip({ spread: 0.02 });
    expect(r.fills.price[0]).toBe(100 * (1 + 0.01));
    expect(r.fills.price[1]).toBe(110 * (1 - 0.01));
    expect(r.fills.spread[0]).toBe(10 * 100 * 0.01);
    expect(r.fills.spread[1]).toBe(10 * 110 * 0.01);
    expect(r.trades.pnl[0]).toBe(10 * (110 * (1 - 0.01) - 100 * (1 + 0.01)));
  });

  it('limits and stops compare against their side of the quote', () => {
    // Buy limit 99.5: the ask low is 99 × 1.01 = 99.99 > 99.5, so no fill although the mid low is 99.
    const r = runLab(
      timelineOf({
        A: [
          [100, 100, 100, 100],
          [100, 101, 99, 100],
        ],
      }),
      { spread: 0.02 },
      {
        strategy: scripted({ 0: [{ instrument: 'A', side: 'buy', type: 'limit', limit: 99.5, quantity: 1 }] }),
      },
    );
    expect(r.fills.count).toBe(0);
  });
});

describe('lab engine: slippage', () => {
  it("'fixed-bps' moves every marketable fill against the trader", () => {
    const r = roundTrip({ slippage: { model: 'fixed-bps', bps: 50 } });
    expect(r.fills.price[0]).toBe(100 * (1 + 50 / 10000));
    expect(r.fills.price[1]).toBe(110 * (1 - 50 / 10000));
    expect(r.fills.slippage[0]).toBeCloseTo(10 * 100 * 0.005, 12);
  });

  it("'fixed-bps' does not touch a resting limit filled at its level", () => {
    const r = runLab(
      timelineOf({
        A: [
          [100, 100, 100, 100],
          [100, 101, 94, 100],
        ],
      }),
      { slippage: { model: 'fixed-bps', bps: 50 } },
      {
        strategy: scripted({ 0: [{ instrument: 'A', side: 'buy', type: 'limit', limit: 95, quantity: 1 }] }),
      },
    );
    expect(r.fills.price[0]).toBe(95);
    expect(r.fills.slippage[0]).toBe(0);
  });

  it("'volatility' scales with the sample std of the last `window` close-to-close returns", () => {
    const rows: Row[] = [
      [100, 100, 100, 100],
      [100, 112, 99, 110],
      [110, 111, 98, 99],
      [99, 110, 98, 108.9], // decision bar: buy after this close
      [108, 109, 107, 108], // fill at this open: σ from returns up to bar 3
    ];
    const r = runLab(
      timelineOf({ A: rows }),
      { slippage: { model: 'volatility', volMultiplier: 2, window: 3 } },
      {
        strategy: scripted({ 3: [{ instrument: 'A', side: 'buy', quantity: 1 }] }),
      },
    );
    const ret = [110 / 100 - 1, 99 / 110 - 1, 108.9 / 99 - 1];
    const mean = (ret[0] + ret[1] + ret[2]) / 3;
    const sd = Math.sqrt(((ret[0] - mean) ** 2 + (ret[1] - mean) ** 2 + (ret[2] - mean) ** 2) / 2);
    expect(r.fills.price[0]).toBe(108 * (1 + 2 * sd));
  });

  it("'volatility' with fewer than two returns is zero", () => {
    const r = runLab(
      timelineOf({
        A: [
          [100, 100, 100, 100],
          [101, 101, 101, 101],
        ],
      }),
      { slippage: { model: 'volatility', volMultiplier: 5, window: 3 } },
      {
        strategy: scripted({ 0: [{ instrument: 'A', side: 'buy', quantity: 1 }] }),
      },
    );
    expect(r.fills.price[0]).toBe(101);
  });

  describe("'random' (seeded)", () => {
    const rows: Row[] = Array.from({ length: 40 }, (_, t) => [100 + t, 101 + t, 99 + t, 100 + t] as const);
    const alternating = scripted(
      Object.fromEntries(Array.from({ length: 39 }, (_, t) => [t, [{ instrument: 'A', side: t % 2 === 0 ? 'buy' : 'sell', quantity: 1 } as const]])),
    );
    const run = (seed: number) => runLab(timelineOf({ A: rows }), { slippage: { model: 'random', bps: 100 }, seed }, { strategy: alternating });

    it('draws u from the run seed: price = open × (1 ± bps/10000 × u), one draw per fill in order', () => {
      const r = run(7);
      const rng = new Rng(7);
      for (let i = 0; i < r.fills.count; i++) {
        const open = rows[r.fills.bar[i]]![0];
        expect(r.fills.price[i]).toBe(open * (1 + r.fills.side[i] * ((100 / 10000) * rng.nextFloat())));
      }
      expect(r.meta.rngDraws).toBe(r.fills.count);
      expect(r.meta.seed).toBe(7);
    });

    it('same seed → same bits; another seed → other bits', () => {
      const a = run(42),
        b = run(42),
        c = run(43);
      expect(Buffer.from(a.fills.price.buffer).equals(Buffer.from(b.fills.price.buffer))).toBe(true);
      expect(Buffer.from(a.nav.buffer).equals(Buffer.from(b.nav.buffer))).toBe(true);
      expect(Buffer.from(a.fills.price.buffer).equals(Buffer.from(c.fills.price.buffer))).toBe(false);
    });

    it('is always adverse and bounded by bps', () => {
      for (const seed of [0, 1, 2, 3, 99, 0xffffffff]) {
        const r = run(seed);
        for (let i = 0; i < r.fills.count; i++) {
          const open = rows[r.fills.bar[i]]![0];
          const move = r.fills.side[i] * (r.fills.price[i] - open);
          expect(move).toBeGreaterThanOrEqual(0);
          expect(move).toBeLessThan(open * 0.01);
        }
      }
    });
  });
});
