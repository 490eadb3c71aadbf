import { describe, expect, it } from 'vitest';
import { ChunkQueue, chunkSize, DEFAULT_CHUNK_POLICY, type ChunkRange } from '../../../src/core/sweeps';

describe('chunk sizes', () => {
  const policy = { initial: 4, targetMs: 60, max: 1024 };

  it('starts small, then aims at the target time per chunk', () => {
    expect(chunkSize(policy, 5000, 2, null)).toBe(4);
    expect(chunkSize(policy, 5000, 2, 0.5)).toBe(120);
    expect(chunkSize(policy, 100_000, 2, 0.001)).toBe(1024);
    expect(chunkSize(policy, 3, 2, null)).toBe(1);
  });

  it('never takes more than half a fair share of what is left, nor nothing while something is left', () => {
    expect(chunkSize(policy, 1000, 4, 0.01)).toBe(125);
    expect(chunkSize(policy, 1, 8, 0.01)).toBe(1);
    expect(chunkSize(policy, 0, 8, 0.01)).toBe(0);
  });
});

describe('chunk queue', () => {
  it('hands out every combination exactly once, in index order, with sizes that follow the measured cost', () => {
    const q = new ChunkQueue(5000, 2, DEFAULT_CHUNK_POLICY);
    const ranges: ChunkRange[] = [];
    for (let r = q.take(); r !== null; r = q.take()) {
      ranges.push(r);
      q.report(r.to - r.from, (r.to - r.from) * 0.05);
    }
    expect(ranges[0]).toEqual({ from: 0, to: 4 });
    expect(ranges.at(-1)!.to).toBe(5000);
    ranges.forEach((r, k) => {
      expect(r.to).toBeGreaterThan(r.from);
      if (k > 0) expect(r.from).toBe(ranges[k - 1].to);
    });
    expect(q.msPerRun).toBeCloseTo(0.05, 12);
    expect(Math.max(...ranges.map((r) => r.to - r.from))).toBeLessThanOrEqual(1200);
    expect(q.remaining).toBe(0);
  });

  it('has nothing to hand out for an empty sweep', () => {
    expect(new ChunkQueue(0, 4).take()).toBeNull();
    expect(() => new ChunkQueue(-1, 1)).toThrow(RangeError);
  });
});
