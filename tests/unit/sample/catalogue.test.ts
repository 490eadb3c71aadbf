import { describe, expect, it } from 'vitest';
import { generateOhlcv, generateSample, sampleInstruments, sampleParams, simulateSample, validateParams } from '../../../src/core/sample';
import type { GeneratorParams } from '../../../src/core/sample';

describe('sample catalogue', () => {
  it('lists 3–4 distinct, well-formed instruments', () => {
    const list = sampleInstruments();
    expect(list.length).toBeGreaterThanOrEqual(3);
    expect(list.length).toBeLessThanOrEqual(4);
    expect(new Set(list.map((d) => d.id)).size).toBe(list.length);
    expect(new Set(list.map((d) => d.seed)).size).toBe(list.length);
    for (const d of list) {
      expect(d.id).toMatch(/^[a-z0-9-]+$/);
      expect(d.name.length).toBeGreaterThan(0);
      expect(d.description.length).toBeGreaterThan(40);
      expect(['1d', '1h']).toContain(d.interval);
      expect(Number.isInteger(d.seed) && d.seed >= 0 && d.seed <= 0xffffffff).toBe(true);
      expect(sampleParams(d.id).bars).toBe(d.bars);
      expect(d.description).toContain(`ν = ${sampleParams(d.id).tailDof}`); // prose kept in step with params
      expect(() => validateParams(sampleParams(d.id))).not.toThrow();
    }
    expect(list.map((d) => d.interval)).toContain('1h');
  });

  it('covers the intended shapes: ~10 years of daily equity, ~1 year of hourly FX, a 7-day crypto market', () => {
    const byId = new Map(sampleInstruments().map((d) => [d.id, d]));
    const year = 365.25 * 86_400_000;
    for (const id of ['synth-trend-equity', 'synth-range-equity']) {
      const ts = generateSample(id).timestamp;
      expect((ts[ts.length - 1] - ts[0]) / year).toBeCloseTo(10, 0);
      expect(byId.get(id)?.start).toBe(Date.UTC(2015, 0, 2));
    }
    const fx = generateSample('synth-fx-hourly').timestamp;
    expect((fx[fx.length - 1] - fx[0]) / year).toBeCloseTo(1, 0);
    expect(byId.get('synth-fx-hourly')?.interval).toBe('1h');
    expect(sampleParams('synth-crypto-daily').calendar).toBe('all-days-daily');
  });

  it('returns independent copies, so callers cannot corrupt the catalogue', () => {
    const first = sampleInstruments();
    (first[0] as { name: string }).name = 'changed';
    expect(sampleInstruments()[0].name).not.toBe('changed');
    const p = sampleParams('synth-trend-equity') as { garch: { annualVol: number } };
    p.garch.annualVol = 5;
    expect(sampleParams('synth-trend-equity').garch.annualVol).toBe(0.2);
  });

  it('rejects unknown ids with the list of valid ones', () => {
    expect(() => generateSample('AAPL')).toThrow(/unknown sample instrument "AAPL".*synth-trend-equity/);
    expect(() => sampleParams('')).toThrow(RangeError);
    expect(() => simulateSample('nope')).toThrow(RangeError);
  });
});

describe('parameter validation', () => {
  const good = sampleParams('synth-trend-equity');
  const cases: [string, GeneratorParams][] = [
    ['calendar', { ...good, calendar: 'monthly' as GeneratorParams['calendar'] }],
    ['start', { ...good, start: Number.NaN }],
    ['bars', { ...good, bars: 0 }],
    ['bars', { ...good, bars: 10.5 }],
    ['startPrice', { ...good, startPrice: 0 }],
    ['startPrice', { ...good, startPrice: Infinity }],
    ['priceDecimals', { ...good, priceDecimals: -1 }],
    ['priceDecimals', { ...good, priceDecimals: 1.5 }],
    ['regimes.bull.meanDurationBars', { ...good, regimes: { ...good.regimes, bull: { ...good.regimes.bull, meanDurationBars: 0.5 } } }],
    ['regimes.bear.volMultiplier', { ...good, regimes: { ...good.regimes, bear: { ...good.regimes.bear, volMultiplier: 0 } } }],
    ['regimes.bear.annualDrift', { ...good, regimes: { ...good.regimes, bear: { ...good.regimes.bear, annualDrift: Number.NaN } } }],
    ['garch.annualVol', { ...good, garch: { ...good.garch, annualVol: -0.1 } }],
    ['garch.alpha', { ...good, garch: { ...good.garch, alpha: -0.01 } }],
    ['garch.alpha + garch.beta', { ...good, garch: { ...good.garch, alpha: 0.1, beta: 0.9 } }],
    ['tailDof', { ...good, tailDof: 2 }],
    ['tailDof', { ...good, tailDof: 4.5 }],
    ['gaps.weekend', { ...good, gaps: { ...good.gaps, weekend: -1 } }],
    ['meanReversionHalfLife', { ...good, meanReversionHalfLife: 0 }],
    ['volume.base', { ...good, volume: { ...good.volume, base: 0 } }],
    ['volume.persistence', { ...good, volume: { ...good.volume, persistence: 1 } }],
    ['volume.noise', { ...good, volume: { ...good.volume, noise: -0.1 } }],
  ];

  it.each(cases)('rejects a bad %s', (field, params) => {
    expect(() => generateOhlcv(params, 1)).toThrow(RangeError);
    expect(() => generateOhlcv(params, 1)).toThrow(field);
  });

  it('accepts the boundary values', () => {
    const edge: GeneratorParams = {
      ...good,
      bars: 1,
      priceDecimals: 0,
      tailDof: 3,
      garch: { annualVol: 0.2, alpha: 0, beta: 0 },
      regimes: { bull: { ...good.regimes.bull, meanDurationBars: 1 }, bear: { ...good.regimes.bear, meanDurationBars: 1 } },
      meanReversionHalfLife: Infinity,
      volume: { ...good.volume, noise: 0, persistence: 0 },
    };
    const c = generateOhlcv(edge, 1);
    expect(c.close.length).toBe(1);
    expect(c.open[0]).toBe(85);
  });
});
