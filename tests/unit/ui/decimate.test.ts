import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bucketSize, decimateOhlc, type OhlcColumns } from '../../../src/ui/results/decimate';

interface TestBars extends Required<OhlcColumns> {
  high: Float64Array;
  low: Float64Array;
}

function bars(n: number, seed = 1): TestBars {
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  const volume = new Float64Array(n);
  let price = 100;
  let s = seed;
  const rand = (): number => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
  for (let i = 0; i < n; i++) {
    open[i] = price;
    close[i] = price * (1 + (rand() - 0.5) * 0.04);
    high[i] = Math.max(open[i], close[i]) * (1 + rand() * 0.01);
    low[i] = Math.min(open[i], close[i]) * (1 - rand() * 0.01);
    volume[i] = Math.round(rand() * 1000);
    price = close[i];
  }
  return { open, high, low, close, volume };
}

describe('decimateOhlc', () => {
  it('keeps every bar when they fit', () => {
    const b = bars(50);
    const d = decimateOhlc(b, 0, 50, 100);
    expect(d.count).toBe(50);
    expect(d.size).toBe(1);
    expect(Array.from(d.open)).toEqual(Array.from(b.open));
    expect(Array.from(d.high)).toEqual(Array.from(b.high));
    expect(Array.from(d.low)).toEqual(Array.from(b.low));
    expect(Array.from(d.close)).toEqual(Array.from(b.close));
  });

  it('aggregates 100k bars to no more buckets than requested', () => {
    const b = bars(100_000);
    const d = decimateOhlc(b, 0, 100_000, 400);
    expect(d.count).toBeLessThanOrEqual(400);
    expect(d.count).toBeGreaterThan(300);
    expect(d.first[0]).toBe(0);
    expect(d.last[d.count - 1]).toBe(99_999);
  });

  it('preserves the first and last bar of the range', () => {
    const b = bars(10_000);
    const d = decimateOhlc(b, 123, 9_876, 97);
    expect(d.first[0]).toBe(123);
    expect(d.open[0]).toBe(b.open[123]);
    expect(d.last[d.count - 1]).toBe(9_875);
    expect(d.close[d.count - 1]).toBe(b.close[9_875]);
  });

  it('per bucket: open first, close last, high max, low min, volume sum; buckets tile the range', () => {
    const b = bars(5_003);
    const d = decimateOhlc(b, 17, 5_003, 64);
    let expectedStart = 17;
    for (let k = 0; k < d.count; k++) {
      const from = d.first[k];
      const to = d.last[k];
      expect(from).toBe(expectedStart);
      expect(to).toBeGreaterThanOrEqual(from);
      expectedStart = to + 1;
      let h = -Infinity;
      let l = Infinity;
      let v = 0;
      for (let i = from; i <= to; i++) {
        h = Math.max(h, b.high[i]);
        l = Math.min(l, b.low[i]);
        v += b.volume[i];
      }
      expect(d.open[k]).toBe(b.open[from]);
      expect(d.close[k]).toBe(b.close[to]);
      expect(d.high[k]).toBe(h);
      expect(d.low[k]).toBe(l);
      expect(d.volume[k]).toBe(v);
    }
    expect(expectedStart).toBe(5_003);
  });

  it('aligns bucket edges to multiples of the size, so panning keeps candles stable', () => {
    const b = bars(2_000);
    const d = decimateOhlc(b, 101, 1_901, 50);
    for (let k = 1; k < d.count; k++) expect(d.first[k] % d.size).toBe(0);
  });

  it('never more buckets than requested, for any range and limit', () => {
    const b = bars(3_000);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_999 }), fc.integer({ min: 1, max: 3_000 }), fc.integer({ min: 1, max: 500 }), (from, len, max) => {
        const to = Math.min(3_000, from + len);
        const d = decimateOhlc(b, from, to, max);
        expect(d.count).toBeLessThanOrEqual(max);
        expect(d.first[0]).toBe(from);
        expect(d.last[d.count - 1]).toBe(to - 1);
        expect(d.open[0]).toBe(b.open[from]);
        expect(d.close[d.count - 1]).toBe(b.close[to - 1]);
      }),
    );
  });

  it('one bucket allowed: the whole range', () => {
    const b = bars(100);
    const d = decimateOhlc(b, 10, 90, 1);
    expect(d.count).toBe(1);
    expect(d.high[0]).toBe(Math.max(...b.high.subarray(10, 90)));
    expect(d.low[0]).toBe(Math.min(...b.low.subarray(10, 90)));
  });

  it('an empty range gives no buckets; fractional bounds are widened to whole bars', () => {
    const b = bars(100);
    expect(decimateOhlc(b, 40, 40, 10).count).toBe(0);
    const d = decimateOhlc(b, 9.6, 20.2, 100);
    expect(d.first[0]).toBe(9);
    expect(d.last[d.count - 1]).toBe(20);
  });

  it('works without a volume column', () => {
    const { open, high, low, close } = bars(30);
    const d = decimateOhlc({ open, high, low, close }, 0, 30, 5);
    expect(Array.from(d.volume).every((v) => v === 0)).toBe(true);
  });

  it('bucketSize', () => {
    expect(bucketSize(10, 20)).toBe(1);
    expect(bucketSize(1_000, 1)).toBe(1_000);
    expect(bucketSize(1_001, 11)).toBe(100);
  });
});
