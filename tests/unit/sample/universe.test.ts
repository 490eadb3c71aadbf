import { describe, expect, it } from 'vitest';
import { ohlcvContentHash } from '../../../src/core/artifacts/content-hash';
import { sampleUniverseMembers, sampleUniverseParams, simulateSampleUniverse, simulateUniverse } from '../../../src/core/sample';
import type { UniverseParams } from '../../../src/core/sample';
import { autocorrelation, logReturns, mean } from './stats';

const sim = simulateSampleUniverse();
const members = sampleUniverseMembers();
const returns = sim.members.map((m) => logReturns(m.bars.close));

function correlation(a: readonly number[], b: readonly number[]): number {
  const ma = mean(a);
  const mb = mean(b);
  let s = 0;
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < a.length; i++) {
    s += (a[i] - ma) * (b[i] - mb);
    sa += (a[i] - ma) ** 2;
    sb += (b[i] - mb) ** 2;
  }
  return s / Math.sqrt(sa * sb);
}

/** An equal-weight portfolio rebalanced every bar (the benchmark a universe backtest is compared with). */
function equalWeightIndex(): number[] {
  const n = sim.members[0].bars.close.length;
  const level = [1];
  for (let t = 1; t < n; t++) {
    let sum = 0;
    for (const m of sim.members) sum += m.bars.close[t] / m.bars.close[t - 1] - 1;
    level.push(level[t - 1] * (1 + sum / sim.members.length));
  }
  return level;
}

describe('the sample universe', () => {
  it('pins every member’s content hash (same seed, same bits)', async () => {
    const hashes: Record<string, string> = {};
    for (const m of sim.members) hashes[m.id] = await ohlcvContentHash(m.bars);
    expect(hashes).toEqual({
      'tech-a': '40eb75314747745606e61f0ecd8ccaeb6203c15176ce8bdbb32d5f954e9af8d2',
      'tech-b': '00ba1ed6ea97269f38e4099d23274614085e8fe949ce6081f69f388895110cc1',
      'tech-c': 'a8d010b2008a6d1658fe1b469fd68282fdfafb44ee386a253dec21dc83a05747',
      'tech-d': '615f45add87b17b88aeadc74b5d60d99c60871aca51b1d3c7906f11bc284ab57',
      'tech-e': 'd076d68806999f4abd8420ced9f0e54a8a0316f57b9f4dabf1b4d7157c67ce73',
      'tech-f': 'b8a19ee5370be461ec494cc635584b5f6990f2bebb4585601277c06dba9f753c',
      'energy-a': '1b17d030fea1ea90a8622281610bee109d0c7e51c9ca258d03e32866ccf7a12e',
      'energy-b': '4f4caf319d712af479bfa245f9d16228cef3bb8c4cbf00841964be3977c3fd2e',
      'energy-c': '7a6e48f691c94c97929e566aacfd84561f1fc97620c853f9e00966c0cf553390',
      'energy-d': '94a1e493d0996c8876b613a139b162fd39d70c3852c4bc700717bba57b0803fd',
      'energy-e': '2b493891ac6d367b65fe85b65488ff9eb162d9823959eb2d16950cb2eec9c222',
      'energy-f': '7f3aa60d82497cfc9bc00f81667d7c9c29d8a815e27cacac20ba282df41534c0',
      'health-a': 'e2f083937c83f8ff3ef1662e037d2520322d065816017a7c4d4cf54542da2b47',
      'health-b': '85c03f6879e13df57a81207a065b26c0b04e623f8a6f7091ff5c04aa52c16a5c',
      'health-c': 'd7447ae75e58de0553771a346216861ca381d2a4697652b348d325da6e4f2e92',
      'health-d': '5aeff63dabef374b6f389f74f0c0269d7f24f47a07fc92260dbb0bac3b184742',
      'health-e': '2302e01b44371e25423e5416a57af92cd9b7137d217fd28199dfde26489ad1a6',
      'health-f': '94b8b49df6ce8bf005a2c2056ffc8505c28e8624734fb420cfb9db17494a00de',
      'fin-a': 'a3a4f461562eb0ec52fb4b00b7c2a3b91ae8ad1de99cf17c6c1d0cf873e379fb',
      'fin-b': 'df63e15e936c11e4781669aca91a831fdf72c0ed9ff6124f64feb3e4816243b7',
      'fin-c': '2dcddce95335c298973b7630af2081ea9483cd994ff67082ca3003b8c014c386',
      'fin-d': 'e79411f2f1073f8d68854133a8a8756905c95d28a110e02dc1d218de76225454',
      'fin-e': '0f02b181086db6437f259e97b515bff1aeeb8b5c124be3395774566c81625abc',
      'fin-f': '7b364443f3359544b57106fffa55b752175b095fa468ce19dcac1e1a00174e25',
    });
  });

  it('has 24 daily members in 4 sectors of 6, on one weekday calendar, with valid bars', () => {
    expect(members).toHaveLength(24);
    expect(new Set(members.map((m) => m.id)).size).toBe(24);
    expect(members.map((m) => m.id)).toEqual(sim.members.map((m) => m.id));
    const sectors = members.map((m) => m.sector);
    expect([...new Set(sectors)]).toEqual(['tech', 'energy', 'health', 'fin']);
    for (const sector of new Set(sectors)) expect(sectors.filter((s) => s === sector)).toHaveLength(6);
    expect(members.every((m) => m.interval === '1d' && /^[a-z]+-[a-f]$/.test(m.id))).toBe(true);
    const ts = sim.members[0].bars.timestamp;
    expect(ts).toHaveLength(2610);
    expect(ts[0]).toBe(Date.UTC(2015, 0, 2));
    for (const { bars } of sim.members) {
      expect(bars.timestamp).toBe(ts);
      for (let i = 0; i < ts.length; i++) {
        const day = new Date(ts[i]).getUTCDay();
        if (day === 0 || day === 6) throw new Error(`weekend bar at ${i}`);
        if (!(bars.low[i] > 0 && bars.high[i] >= Math.max(bars.open[i], bars.close[i]) && bars.low[i] <= Math.min(bars.open[i], bars.close[i]))) {
          throw new Error(`bad bar ${i}`);
        }
        if (!(Number.isInteger(bars.volume[i]) && bars.volume[i] >= 0)) throw new Error(`bad volume ${i}`);
      }
    }
  });

  it('correlates members of one sector more than members of different sectors', () => {
    const within: number[] = [];
    const across: number[] = [];
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        (members[i].sector === members[j].sector ? within : across).push(correlation(returns[i], returns[j]));
      }
    }
    // Measured: within 0.431 (60 pairs), across 0.237 (216 pairs); the factor loadings imply about 0.4 and 0.2.
    expect(mean(within)).toBeCloseTo(0.431, 2);
    expect(mean(across)).toBeCloseTo(0.237, 2);
    expect(mean(within) - mean(across)).toBeGreaterThan(0.15);
  });

  it('crashes once: the equal-weight index falls 41 % from 2020-02-24, its deepest drawdown', () => {
    const index = equalWeightIndex();
    expect(new Date(sim.members[0].bars.timestamp[sim.crashStart]).toISOString().slice(0, 10)).toBe('2020-02-24');
    let peak = 0;
    let peakAt = 0;
    let worst = { depth: 0, peakAt: 0, troughAt: 0 };
    for (let t = 0; t < index.length; t++) {
      if (index[t] > peak) [peak, peakAt] = [index[t], t];
      const depth = 1 - index[t] / peak;
      if (depth > worst.depth) worst = { depth, peakAt, troughAt: t };
    }
    expect(worst.depth).toBeCloseTo(0.409, 3);
    // The trough comes inside the crash (18 bars) and its aftermath; the peak a few weeks before it.
    expect(worst.troughAt).toBeGreaterThanOrEqual(sim.crashStart);
    expect(worst.troughAt).toBeLessThan(sim.crashStart + 18 + 40);
    expect(worst.peakAt).toBeGreaterThan(sim.crashStart - 60);
  });

  it('trends: technology up and energy down for the whole decade, so 12-1 momentum favours technology', () => {
    const n = sim.members[0].bars.close.length;
    const years = (n - 1) / 261;
    const perSector = (sector: string) =>
      mean(sim.members.filter((_, i) => members[i].sector === sector).map((m) => Math.log(m.bars.close[n - 1] / m.bars.close[0]) / years));
    // Measured: tech +18.7 %/yr, energy −8.2 %/yr, healthcare +4.8 %/yr, financials +7.2 %/yr (log).
    expect(perSector('tech')).toBeCloseTo(0.187, 3);
    expect(perSector('energy')).toBeCloseTo(-0.082, 3);
    // Every 21 bars, the six best 252-day returns skipping the last 21: 42 % technology (one sector in four: 25 %).
    let share = 0;
    let count = 0;
    for (let t = 273; t < n; t += 21) {
      const ranked = sim.members
        .map((m, i) => ({ i, momentum: Math.log(m.bars.close[t - 21] / m.bars.close[t - 273]) }))
        .sort((a, b) => b.momentum - a.momentum);
      share += ranked.slice(0, 6).filter((r) => members[r.i].sector === 'tech').length / 6;
      count++;
    }
    expect(share / count).toBeCloseTo(0.423, 3);
  });

  it('ties fin-b to fin-a: their log spread reverts (half-life 15 bars), another pair’s wanders', () => {
    const spread = (a: string, b: string) => {
      const x = sim.members.find((m) => m.id === a)!.bars.close;
      const y = sim.members.find((m) => m.id === b)!.bars.close;
      return Array.from(x, (v, i) => Math.log(y[i] / v));
    };
    const tied = spread('fin-a', 'fin-b');
    // AR(1) coefficient of a 15-bar half-life is 2^(−1/15) = 0.955; measured lag-1 autocorrelation 0.967.
    expect(autocorrelation(tied, 1)).toBeLessThan(0.975);
    expect(Math.abs(mean(tied) - Math.log(0.8))).toBeLessThan(0.02);
    expect(autocorrelation(spread('fin-c', 'fin-d'), 1)).toBeGreaterThan(0.99);
  });

  it('refuses bad parameters with the field named', () => {
    const good = sampleUniverseParams();
    const bad = (change: (p: UniverseParams) => UniverseParams) => () => simulateUniverse(change(sampleUniverseParams()), 1);
    expect(bad((p) => ({ ...p, members: [...p.members, p.members[0]] }))).toThrow(/members\[24\] \(tech-a\)\.id must be unique/);
    expect(bad((p) => ({ ...p, market: { ...p.market, alpha: 0.5, beta: 0.6 } }))).toThrow(/market\.alpha \+ market\.beta/);
    expect(bad((p) => ({ ...p, members: [{ ...p.members[0], pairedWith: { id: 'fin-a', logRatio: 0, halfLife: 5, spreadVol: 0.1 } }] }))).toThrow(
      /members\[0\] \(tech-a\)\.pairedWith\.id must be a member listed before it/,
    );
    expect(bad((p) => ({ ...p, members: [{ ...p.members[0], sector: 9 }] }))).toThrow(/sector must be an index below 4/);
    // A copy: changing it leaves the catalogue alone.
    (good.market as { annualVol: number }).annualVol = 9;
    expect(sampleUniverseParams().market.annualVol).toBe(0.15);
  });
});
