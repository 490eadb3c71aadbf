/**
 * Cross-sectional momentum and pairs features on universe12:
 * - momentum 12-1 at 2019-02-25 and pairs FIN2/FIN4 (120 bars to 2023-09-29): the worked cases of
 *   ../shared/guide/portfolio-visible.json (pandas 1.5.3; statsmodels 0.13.5 OLS), at their stated tolerances
 *   (momentum 1e-12, ranks exact; alpha/beta 1e-8 relative, z-scores 1e-7);
 * - momentum 6-1 at the last bar and pairs on log prices (TEC3 on TEC1, 60 bars to bar 1000): the same libraries via
 *   tests/reference/features_reference.py, same tolerances.
 */
import { describe, expect, it } from 'vitest';
import { crossSectionalMomentum, momentumAt, pairsAt, rollingHedge } from '../../../src/core/features';
import { portfolioCase } from '../../helpers/portfolio-oracle';
import { UNIVERSE12, universeCloses } from '../../helpers/universe12';

interface MomentumCase {
  bar: number;
  start_bar: number;
  end_bar: number;
  momentum: Record<string, number>;
  rank: Record<string, number>;
  top3: string[];
}

const MOMENTUM_126_21_LAST = {
  momentum: {
    TEC1: 0.45114148239148233,
    TEC2: 0.429956470122675,
    TEC3: 0.3380152222671615,
    TEC4: 0.04122670274615925,
    FIN1: -0.06031100130794953,
    FIN2: -0.15730142212972587,
    FIN3: -0.14518930184091694,
    FIN4: -0.19545294324991191,
    NRG1: 0.10903682428967088,
    NRG2: -0.10330970763194547,
    NRG3: -0.12464996137504825,
    NRG4: 0.2771519430819813,
  },
  rank: { TEC1: 1, TEC2: 2, TEC3: 3, TEC4: 6, FIN1: 7, FIN2: 11, FIN3: 10, FIN4: 12, NRG1: 5, NRG2: 8, NRG3: 9, NRG4: 4 },
};
const PAIRS_LOG_TEC3_TEC1 = {
  alpha: -1.2618276142870268,
  beta: 1.1171631446192913,
  r_squared: 0.7982363085223451,
  z_first: -0.7472607898471306,
  z_last: 0.06754792736613108,
};

const universeAt = (at: number) => UNIVERSE12.map((name) => ({ name, close: universeCloses(name), at }));

describe('cross-sectional momentum', () => {
  it('matches the 12-1 worked case at 2019-02-25 (bar 300)', () => {
    const want = portfolioCase<MomentumCase>('momentum_12_1_2019-02-25').values;
    const got = crossSectionalMomentum(universeAt(want.bar), 252, 21);
    for (const e of got) {
      expect(Math.abs(e.momentum! - want.momentum[e.name]), e.name).toBeLessThanOrEqual(1e-12);
      expect(e.rank, e.name).toBe(want.rank[e.name]);
      expect([e.start, e.end]).toEqual([want.start_bar, want.end_bar]);
    }
    expect(
      got
        .filter((e) => e.rank! <= 3)
        .sort((a, b) => a.rank! - b.rank!)
        .map((e) => e.name),
    ).toEqual(want.top3);
  });

  it('matches pandas 6-1 at the last bar', () => {
    const got = crossSectionalMomentum(universeAt(1499), 126, 21);
    for (const e of got) {
      expect(Math.abs(e.momentum! - MOMENTUM_126_21_LAST.momentum[e.name as keyof typeof MOMENTUM_126_21_LAST.momentum]), e.name).toBeLessThanOrEqual(
        1e-12,
      );
      expect(e.rank, e.name).toBe(MOMENTUM_126_21_LAST.rank[e.name as keyof typeof MOMENTUM_126_21_LAST.rank]);
    }
  });

  it('leaves instruments without enough history unranked; ties keep the universe order', () => {
    const got = crossSectionalMomentum(universeAt(251), 252, 21);
    expect(got.every((e) => e.momentum === null && e.rank === null)).toBe(true);
    const flat = Float64Array.from({ length: 30 }, () => 10);
    const tied = crossSectionalMomentum(
      [
        { name: 'B', close: flat, at: 29 },
        { name: 'A', close: flat, at: 29 },
      ],
      20,
      5,
    );
    expect(tied.map((e) => [e.name, e.rank])).toEqual([
      ['B', 1],
      ['A', 2],
    ]);
    expect(() => momentumAt(flat, 29, 20, 20)).toThrow(/skip \(20\) must be smaller than lookback \(20\)/);
  });
});

describe('pairs', () => {
  it('matches the FIN2/FIN4 worked case (120 bars to 2023-09-29)', () => {
    const want = portfolioCase<{ alpha: number; beta: number; r_squared: number; spread_std: number; z_last: number; z: number[] }>(
      'pairs_FIN2_FIN4_none_120_2023-09-29',
    ).values;
    const got = pairsAt(universeCloses('FIN2'), universeCloses('FIN4'), 1499, { window: 120 });
    expect(Math.abs(got.alpha / want.alpha - 1)).toBeLessThanOrEqual(1e-8);
    expect(Math.abs(got.beta / want.beta - 1)).toBeLessThanOrEqual(1e-8);
    expect(got.rSquared).toBeCloseTo(want.r_squared, 10);
    expect(got.spreadStd).toBeCloseTo(want.spread_std, 10);
    expect(got.z).toHaveLength(120);
    want.z.forEach((z, i) => expect(Math.abs(got.z[i] - z), `z[${i}]`).toBeLessThanOrEqual(1e-7));
    expect(Math.abs(got.zLast - want.z_last)).toBeLessThanOrEqual(1e-7);
    expect([got.start, got.end]).toEqual([1380, 1499]);
  });

  it('matches statsmodels on log prices (TEC3 on TEC1, 60 bars to bar 1000)', () => {
    const want = PAIRS_LOG_TEC3_TEC1;
    const got = pairsAt(universeCloses('TEC3'), universeCloses('TEC1'), 1000, { window: 60, log: true });
    expect(Math.abs(got.alpha / want.alpha - 1)).toBeLessThanOrEqual(1e-8);
    expect(Math.abs(got.beta / want.beta - 1)).toBeLessThanOrEqual(1e-8);
    expect(got.rSquared).toBeCloseTo(want.r_squared, 10);
    expect(Math.abs(got.z[0] - want.z_first)).toBeLessThanOrEqual(1e-7);
    expect(Math.abs(got.zLast - want.z_last)).toBeLessThanOrEqual(1e-7);
    // On prices the fit differs: --log is not ignored.
    expect(Math.abs(pairsAt(universeCloses('TEC3'), universeCloses('TEC1'), 1000, { window: 60 }).beta - want.beta)).toBeGreaterThan(0.01);
  });

  it('rolling hedge is the trailing-window fit at every bar', () => {
    const y = universeCloses('FIN2');
    const x = universeCloses('FIN4');
    const h = rollingHedge(y, x, { window: 120 });
    expect(h.beta[118]).toBeNaN();
    const at = pairsAt(y, x, 1499, { window: 120 });
    expect(h.beta[1499]).toBe(at.beta);
    expect(h.z[1499]).toBe(at.zLast);
    expect(() => pairsAt(y, x, 100, { window: 120 })).toThrow(/window of 120 bars ending at bar 100 does not fit in 1500 bars/);
  });
});
