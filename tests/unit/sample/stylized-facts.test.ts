/**
 * Statistical properties of the generated series. Each property is checked on the shipped instruments and,
 * where it is a claim about the model rather than about one seed, on long series together with a control run
 * that switches the responsible mechanism off, so the test demonstrably distinguishes "feature present" from
 * "feature absent".
 */
import { describe, expect, it } from 'vitest';
import { generateOhlcv, generateSample, sampleInstruments, sampleParams, simulate, simulateSample } from '../../../src/core/sample';
import type { GeneratorParams } from '../../../src/core/sample';
import { autocorrelation, correlation, excessKurtosis, logReturns, mean, std, varianceRatio } from './stats';

const IDS = sampleInstruments().map((d) => d.id);

/** Trend-equity parameters with every non-Gaussian mechanism off: i.i.d. near-normal returns. */
function plainParams(bars: number): GeneratorParams {
  const p = sampleParams('synth-trend-equity');
  return {
    ...p,
    bars,
    priceDecimals: undefined,
    garch: { annualVol: 0.2, alpha: 0, beta: 0 },
    tailDof: 100,
    gaps: { overnight: 0, weekend: 0 },
    regimes: {
      bull: { annualDrift: 0, volMultiplier: 1, meanDurationBars: 100 },
      bear: { annualDrift: 0, volMultiplier: 1, meanDurationBars: 100 },
    },
  };
}

describe('volatility clustering', () => {
  it.each(IDS)('%s: squared and absolute returns are positively autocorrelated', (id) => {
    const r = logReturns(generateSample(id).close);
    expect(
      autocorrelation(
        r.map((v) => v * v),
        1,
      ),
    ).toBeGreaterThan(0.05);
    expect(autocorrelation(r.map(Math.abs), 1)).toBeGreaterThan(0.08);
    expect(autocorrelation(r.map(Math.abs), 5)).toBeGreaterThan(0.05); // clustering persists, not a one-bar echo
  });

  it('comes from GARCH: with alpha = beta = 0 the autocorrelation vanishes', () => {
    const on = logReturns(generateOhlcv({ ...plainParams(20_000), garch: { annualVol: 0.2, alpha: 0.1, beta: 0.85 } }, 5).close);
    const off = logReturns(generateOhlcv(plainParams(20_000), 5).close);
    expect(autocorrelation(on.map(Math.abs), 1)).toBeGreaterThan(0.1);
    expect(Math.abs(autocorrelation(off.map(Math.abs), 1))).toBeLessThan(0.03);
    expect(
      Math.abs(
        autocorrelation(
          off.map((v) => v * v),
          1,
        ),
      ),
    ).toBeLessThan(0.03);
  });

  it('the hidden volatility path tracks realised bar ranges', () => {
    for (const id of IDS) {
      const s = simulateSample(id);
      const logRange = Array.from(s.bars.high, (h, i) => Math.log(h / s.bars.low[i]));
      expect(correlation(logRange, Array.from(s.sigma, Math.log)), id).toBeGreaterThan(0.4);
    }
  });
});

describe('fat tails', () => {
  it.each(IDS)('%s: positive excess kurtosis and too many 4-sigma days for a normal', (id) => {
    const r = logReturns(generateSample(id).close);
    expect(excessKurtosis(r)).toBeGreaterThan(1);
    const m = mean(r);
    const sd = std(r);
    const beyond = r.filter((v) => Math.abs(v - m) > 4 * sd).length / r.length;
    expect(beyond).toBeGreaterThan(20 * 6.3e-5); // a normal puts 6.3e-5 beyond 4 sigma
  });

  it('comes from Student-t shocks: with ν = 100 and no GARCH the excess kurtosis is about 0', () => {
    const plain = logReturns(generateOhlcv(plainParams(20_000), 6).close);
    expect(Math.abs(excessKurtosis(plain))).toBeLessThan(0.2);
    const fat = logReturns(generateOhlcv({ ...plainParams(20_000), tailDof: 5 }, 6).close);
    expect(excessKurtosis(fat)).toBeGreaterThan(2);
  });
});

describe('drift regimes and trends', () => {
  it.each(IDS)('%s: both regimes occur, in spells rather than bar-by-bar noise', (id) => {
    const { regime } = simulateSample(id);
    let switches = 0;
    let bull = 0;
    for (let i = 0; i < regime.length; i++) {
      if (regime[i] === 0) bull++;
      if (i > 0 && regime[i] !== regime[i - 1]) switches++;
    }
    expect(bull).toBeGreaterThan(0);
    expect(bull).toBeLessThan(regime.length);
    expect(switches).toBeGreaterThan(0);
    expect(regime.length / (switches + 1)).toBeGreaterThan(50); // mean spell length
  });

  it('the trending equity more than doubles over ten years yet lives through a bear market (≥ 20 % drawdown)', () => {
    const c = generateSample('synth-trend-equity').close;
    expect(c[c.length - 1] / c[0]).toBeGreaterThan(2);
    let peak = 0;
    let maxDrawdown = 0;
    for (const v of c) {
      peak = Math.max(peak, v);
      maxDrawdown = Math.max(maxDrawdown, 1 - v / peak);
    }
    expect(maxDrawdown).toBeGreaterThan(0.2);
  });

  it('the crypto asset booms (≥ 3× from a trough) and busts (≥ 50 % drawdown)', () => {
    const c = generateSample('synth-crypto-daily').close;
    let peak = 0;
    let trough = Infinity;
    let maxDrawdown = 0;
    let maxRunUp = 0;
    for (const v of c) {
      peak = Math.max(peak, v);
      trough = Math.min(trough, v);
      maxDrawdown = Math.max(maxDrawdown, 1 - v / peak);
      maxRunUp = Math.max(maxRunUp, v / trough);
    }
    expect(maxDrawdown).toBeGreaterThan(0.5);
    expect(maxRunUp).toBeGreaterThan(3);
  });

  it('over a long run, regime frequencies, durations and drifts match the parameters', () => {
    const p: GeneratorParams = { ...sampleParams('synth-trend-equity'), bars: 50_000, priceDecimals: undefined };
    const s = simulate(p, 7);
    const r = logReturns(s.bars.close);
    const bull: number[] = [];
    const bear: number[] = [];
    let switches = 0;
    for (let i = 1; i < s.regime.length; i++) {
      (s.regime[i] === 0 ? bull : bear).push(r[i - 1]);
      if (s.regime[i] !== s.regime[i - 1]) switches++;
    }
    const dBull = p.regimes.bull.meanDurationBars;
    const dBear = p.regimes.bear.meanDurationBars;
    expect(bull.length / r.length).toBeCloseTo(dBull / (dBull + dBear), 1);
    const expectedSwitches = (2 * p.bars) / (dBull + dBear);
    expect(switches).toBeGreaterThan(0.75 * expectedSwitches);
    expect(switches).toBeLessThan(1.25 * expectedSwitches);
    const perYear = (365.25 * 5) / 7;
    for (const [returns, drift] of [
      [bull, p.regimes.bull.annualDrift],
      [bear, p.regimes.bear.annualDrift],
    ] as const) {
      const se = (std(returns) / Math.sqrt(returns.length)) * perYear;
      expect(Math.abs(mean(returns) * perYear - drift)).toBeLessThan(4 * se);
    }
    expect(mean(bull)).toBeGreaterThan(0);
    expect(mean(bear)).toBeLessThan(0);
  });
});

describe('mean reversion', () => {
  it('the range-bound equity has strongly sub-random-walk multi-week variance and negative lag-1 autocorrelation', () => {
    const c = generateSample('synth-range-equity').close;
    expect(varianceRatio(c, 20)).toBeLessThan(0.5);
    expect(autocorrelation(logReturns(c), 1)).toBeLessThan(-0.02);
  });

  it('comes from the fair-value pull: the same seed without it is close to a random walk', () => {
    const p: GeneratorParams = { ...sampleParams('synth-range-equity'), bars: 50_000, priceDecimals: undefined };
    const withPull = generateOhlcv(p, 3).close;
    const without = generateOhlcv({ ...p, meanReversionHalfLife: undefined }, 3).close;
    expect(varianceRatio(withPull, 20)).toBeLessThan(0.6);
    expect(varianceRatio(without, 20)).toBeGreaterThan(0.8);
    expect(varianceRatio(without, 20)).toBeLessThan(1.25);
    // Theory: the lag-1 autocorrelation of returns is about −κ/2 with κ = 1 − 2^(−1/halfLife).
    const kappa = 1 - 2 ** (-1 / 8);
    expect(Math.abs(autocorrelation(logReturns(withPull), 1) - -kappa / 2)).toBeLessThan(0.015);
    expect(Math.abs(autocorrelation(logReturns(without), 1))).toBeLessThan(0.02);
  });
});

describe('volume', () => {
  it.each(IDS)('%s: volume rises with absolute returns and with volatility', (id) => {
    const s = simulateSample(id);
    const r = logReturns(s.bars.close);
    const logVolume = Array.from(s.bars.volume.subarray(1), (v) => Math.log(Math.max(v, 1)));
    expect(correlation(logVolume, r.map(Math.abs))).toBeGreaterThan(0.3);
    expect(correlation(logVolume, Array.from(s.sigma.subarray(1), Math.log))).toBeGreaterThan(0.2);
    expect(Math.min(...s.bars.volume)).toBeGreaterThanOrEqual(0);
  });

  it('with both loadings at zero, volume is unrelated to returns', () => {
    const p = plainParams(20_000);
    const q: GeneratorParams = {
      ...p,
      garch: { annualVol: 0.2, alpha: 0.1, beta: 0.85 },
      volume: { ...p.volume, shockLoading: 0, volLoading: 0 },
    };
    const c = generateOhlcv(q, 8);
    const r = logReturns(c.close);
    const logVolume = Array.from(c.volume.subarray(1), (v) => Math.log(v));
    expect(Math.abs(correlation(logVolume, r.map(Math.abs)))).toBeLessThan(0.03);
  });
});

describe('levels', () => {
  it('annualised close-to-close volatility is in a plausible band for each asset class', () => {
    const bands: Record<string, [number, number, number]> = {
      // [bars per year, min, max]
      'synth-trend-equity': [261, 0.12, 0.35],
      'synth-range-equity': [261, 0.15, 0.45],
      'synth-fx-hourly': [6261, 0.04, 0.12],
      'synth-crypto-daily': [365, 0.4, 1.2],
    };
    for (const id of IDS) {
      const [perYear, lo, hi] = bands[id];
      const vol = std(logReturns(generateSample(id).close)) * Math.sqrt(perYear);
      expect(vol, id).toBeGreaterThan(lo);
      expect(vol, id).toBeLessThan(hi);
    }
  });
});
