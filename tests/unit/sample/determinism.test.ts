import { describe, expect, it } from 'vitest';
import { generateOhlcv, generateSample, sampleInstruments, sampleParams, simulate } from '../../../src/core/sample';
import { columnsFingerprint, sameBits } from './stats';

const COLUMNS = ['timestamp', 'open', 'high', 'low', 'close', 'volume'] as const;

/**
 * Golden values. If a deliberate change to the generator or the catalogue moves them, update them in the same
 * change and say so; an accidental move is exactly what these tests are here to catch.
 * `rawLastClose` is the last close generated without price rounding, so even sub-tick changes show up.
 */
const GOLDEN: Record<string, { firstClose: string; lastClose: string; rawLastClose: string; volumeSum: number; fingerprint: string }> = {
  'synth-trend-equity': {
    firstClose: '84.4200000000',
    lastClose: '271.960000000',
    rawLastClose: '271.958306489',
    volumeSum: 10352355779,
    fingerprint: 'bfd85e1b',
  },
  'synth-range-equity': {
    firstClose: '42.1600000000',
    lastClose: '41.0700000000',
    rawLastClose: '41.0664335311',
    volumeSum: 2721730141,
    fingerprint: '0ea345ef',
  },
  'synth-fx-hourly': {
    firstClose: '1.08773000000',
    lastClose: '0.964100000000',
    rawLastClose: '0.964095786761',
    volumeSum: 10304445,
    fingerprint: 'a11c982b',
  },
  'synth-crypto-daily': {
    firstClose: '867.430000000',
    lastClose: '1409.81000000',
    rawLastClose: '1409.81375062',
    volumeSum: 69400758,
    fingerprint: 'c567d630',
  },
};

describe('sample generator determinism', () => {
  it('the same seed gives identical bits, column by column', () => {
    for (const d of sampleInstruments()) {
      const a = generateSample(d.id);
      const b = generateSample(d.id);
      const c = generateOhlcv(sampleParams(d.id), d.seed);
      for (const key of COLUMNS) {
        expect(sameBits(a[key], b[key]), `${d.id}.${key}`).toBe(true);
        expect(sameBits(a[key], c[key]), `${d.id}.${key} via generateOhlcv`).toBe(true);
      }
    }
  });

  it('a different seed gives a different series on the same calendar', () => {
    for (const d of sampleInstruments()) {
      const p = sampleParams(d.id);
      const a = generateOhlcv(p, d.seed);
      const b = generateOhlcv(p, d.seed + 1);
      expect(sameBits(a.timestamp, b.timestamp)).toBe(true);
      for (const key of ['open', 'high', 'low', 'close', 'volume'] as const) {
        expect(sameBits(a[key], b[key]), `${d.id}.${key}`).toBe(false);
      }
      let differing = 0;
      for (let i = 1; i < a.close.length; i++) if (a.close[i] !== b.close[i]) differing++;
      expect(differing / (a.close.length - 1)).toBeGreaterThan(0.9);
    }
  });

  it('returns fresh arrays: mutating one result does not leak into the next call', () => {
    const a = generateSample('synth-trend-equity');
    const before = a.close[10];
    a.close[10] = -1;
    a.open.fill(0);
    const b = generateSample('synth-trend-equity');
    expect(b.close[10]).toBe(before);
    expect(b.open[0]).toBe(85);
  });

  it('seed 0 and seed 2^32 − 1 are valid; others outside uint32 are rejected', () => {
    const p = { ...sampleParams('synth-range-equity'), bars: 50 };
    expect(generateOhlcv(p, 0).close.length).toBe(50);
    expect(generateOhlcv(p, 0xffffffff).close.length).toBe(50);
    expect(() => generateOhlcv(p, -1)).toThrow(RangeError);
    expect(() => generateOhlcv(p, 1.5)).toThrow(RangeError);
    expect(() => generateOhlcv(p, 2 ** 32)).toThrow(RangeError);
  });

  it('a prefix is stable: asking for fewer bars gives the first bars of the longer series', () => {
    const p = sampleParams('synth-fx-hourly');
    const full = generateOhlcv(p, 303);
    const short = generateOhlcv({ ...p, bars: 500 }, 303);
    for (const key of COLUMNS) expect(sameBits(short[key], full[key].subarray(0, 500)), key).toBe(true);
  });

  describe.each(Object.keys(GOLDEN))('golden values of %s', (id) => {
    const golden = GOLDEN[id];
    const bars = generateSample(id);
    const n = bars.close.length;

    it('first and last close to 12 significant digits', () => {
      expect(bars.close[0].toPrecision(12)).toBe(golden.firstClose);
      expect(bars.close[n - 1].toPrecision(12)).toBe(golden.lastClose);
    });

    it('unrounded last close to 12 significant digits', () => {
      const d = sampleInstruments().find((x) => x.id === id);
      expect(d).toBeDefined();
      const raw = simulate({ ...sampleParams(id), priceDecimals: undefined }, d?.seed ?? -1).bars;
      expect(raw.close[n - 1].toPrecision(12)).toBe(golden.rawLastClose);
    });

    it('total volume and a fingerprint of every bit', () => {
      let sum = 0;
      for (const v of bars.volume) sum += v;
      expect(sum).toBe(golden.volumeSum);
      expect(columnsFingerprint(bars)).toBe(golden.fingerprint);
    });
  });
});
