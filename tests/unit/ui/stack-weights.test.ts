import { describe, expect, it } from 'vitest';
import { stackWeights } from '../../../src/ui/universe/stack-weights';

const time = Float64Array.from([0, 1, 2]);

describe('stackWeights', () => {
  it('piles longs above zero and shorts below, band by band, largest average |weight| innermost', () => {
    const s = stackWeights({
      time,
      instruments: ['A', 'B', 'C'],
      weights: [Float64Array.from([0.2, 0.3, -0.1]), Float64Array.from([0.5, 0.5, 0.5]), Float64Array.from([-0.25, NaN, -0.25])],
    });
    // Sums of |weight|: B 1.5, A 0.6, C 0.5 (a NaN weight, no price yet, counts as flat).
    expect(s.labels).toEqual(['B', 'A', 'C']);
    expect([...s.long[0]]).toEqual([0.5, 0.5, 0.5]);
    expect([...s.long[1]]).toEqual([0.7, 0.8, 0.5]);
    expect([...s.long[2]]).toEqual([0.7, 0.8, 0.5]);
    expect([...s.short[1]]).toEqual([0, 0, -0.1]);
    expect([...s.short[2]]).toEqual([-0.25, 0, -0.35]);
    expect([...s.own[1]]).toEqual([0.2, 0.3, -0.1]);
    expect([...s.own[2]]).toEqual([-0.25, 0, -0.25]);
  });

  it('sums what does not fit into one "other" band, long and short apart', () => {
    const weights = Array.from({ length: 5 }, (_, k) => Float64Array.from([k % 2 === 0 ? 0.1 * (k + 1) : -0.1 * (k + 1), 0, 0]));
    const s = stackWeights({ time, instruments: ['A', 'B', 'C', 'D', 'E'], weights }, 3);
    expect(s.labels).toEqual(['E', 'D', 'other (3)']);
    expect(s.long[2][0]).toBeCloseTo(0.5 + 0.3 + 0.1, 12);
    expect(s.short[2][0]).toBeCloseTo(-0.4 - 0.2, 12);
    expect(s.own[2][0]).toBeCloseTo(0.3 - 0.2 + 0.1, 12);
  });
});
