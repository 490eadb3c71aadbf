import { describe, expect, it } from 'vitest';
import { generateOhlcv, generateSample, sampleInstruments, sampleParams } from '../../../src/core/sample';
import type { GeneratorParams, OhlcvTable } from '../../../src/core/sample';
import { ohlcvViolations } from './stats';

function copy(c: OhlcvTable): OhlcvTable {
  return {
    timestamp: c.timestamp.slice(),
    open: c.open.slice(),
    high: c.high.slice(),
    low: c.low.slice(),
    close: c.close.slice(),
    volume: c.volume.slice(),
  };
}

describe('OHLCV invariants', () => {
  it('the checker itself catches each kind of broken bar', () => {
    const good = generateSample('synth-range-equity');
    expect(ohlcvViolations(good)).toEqual([]);
    const breakers: [string, (c: OhlcvTable) => void][] = [
      [
        'high',
        (c) => {
          c.high[5] = Math.max(c.open[5], c.close[5]) - 0.01;
        },
      ],
      [
        'low',
        (c) => {
          c.low[6] = Math.min(c.open[6], c.close[6]) + 0.01;
        },
      ],
      [
        'positive',
        (c) => {
          c.low[7] = 0;
        },
      ],
      [
        'volume',
        (c) => {
          c.volume[8] = 12.5;
        },
      ],
      [
        'volume',
        (c) => {
          c.volume[9] = -1;
        },
      ],
      [
        'increase',
        (c) => {
          c.timestamp[10] = c.timestamp[9];
        },
      ],
      [
        'non-finite',
        (c) => {
          c.close[11] = Number.NaN;
        },
      ],
    ];
    for (const [what, corrupt] of breakers) {
      const bad = copy(good);
      corrupt(bad);
      const found = ohlcvViolations(bad);
      expect(found.length, what).toBeGreaterThan(0);
      expect(found.join('\n')).toContain(what);
    }
  });

  it.each(sampleInstruments().map((d) => d.id))('%s: every bar is valid', (id) => {
    const bars = generateSample(id);
    expect(bars.timestamp.length).toBe(sampleParams(id).bars);
    expect(ohlcvViolations(bars)).toEqual([]);
  });

  it('ranges are real: high > low on the vast majority of bars', () => {
    for (const d of sampleInstruments()) {
      const c = generateSample(d.id);
      let flat = 0;
      for (let i = 0; i < c.close.length; i++) if (c.high[i] === c.low[i]) flat++;
      expect(flat / c.close.length, d.id).toBeLessThan(0.01);
    }
  });

  it('invariants hold under stress: extreme volatility, fat tails, huge gaps, unrounded and coarse prices', () => {
    const base = sampleParams('synth-crypto-daily');
    const stress: GeneratorParams[] = [
      { ...base, garch: { annualVol: 3, alpha: 0.2, beta: 0.79 }, tailDof: 3, priceDecimals: undefined },
      { ...base, garch: { annualVol: 3, alpha: 0.2, beta: 0.79 }, tailDof: 3, priceDecimals: 0, startPrice: 3 },
      { ...sampleParams('synth-trend-equity'), gaps: { overnight: 5, weekend: 10 }, tailDof: 3 },
      { ...sampleParams('synth-fx-hourly'), bars: 3000, gaps: { overnight: 0, weekend: 50 }, priceDecimals: 5 },
      { ...base, garch: { annualVol: 1e-6, alpha: 0, beta: 0 }, volume: { ...base.volume, base: 0.2 } },
      // Near-zero intrabar variance, unrounded: the bridge formula alone is off by an ulp on many bars here.
      { ...base, garch: { annualVol: 1e-9, alpha: 0, beta: 0 }, priceDecimals: undefined },
    ];
    for (const [k, p] of stress.entries()) {
      for (const seed of [1, 2, 3]) {
        expect(ohlcvViolations(generateOhlcv(p, seed)), `stress case ${k}, seed ${seed}`).toEqual([]);
      }
    }
  });

  it('prices sit on the tick grid when priceDecimals is set', () => {
    const c = generateSample('synth-fx-hourly');
    for (const key of ['open', 'high', 'low', 'close'] as const) {
      const offGrid = c[key].filter((v) => Math.round(v * 1e5) / 1e5 !== v);
      expect(Array.from(offGrid), key).toEqual([]);
    }
  });
});
