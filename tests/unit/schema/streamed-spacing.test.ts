/**
 * The streamed median spacing equals medianSpacingMs on the same timestamps — from the gap counts, and from the
 * exact selection over a replay when there are more distinct gaps than it counts.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/rng';
import { medianSpacingMs } from '../../../src/core/schema/infer-interval';
import { StreamedSpacing } from '../../../src/core/schema/streamed-spacing';

function series(rows: number, seed: number, distinctGaps: number): Float64Array {
  const rng = new Rng(seed);
  const ts = new Float64Array(rows);
  let t = Date.UTC(2020, 0, 1);
  for (let i = 0; i < rows; i++) {
    ts[i] = t;
    t += 60_000 * (1 + Math.floor(rng.nextFloat() * distinctGaps)) + (distinctGaps > 100 ? Math.floor(rng.nextFloat() * 997) : 0);
  }
  return ts;
}

async function streamed(ts: Float64Array, batch: number, maxDistinct: number): Promise<number | undefined> {
  const s = new StreamedSpacing(maxDistinct);
  for (let i = 0; i < ts.length; i += batch) s.add(ts.subarray(i, i + batch));
  return s.median(async function* () {
    for (let i = 0; i < ts.length; i += batch) yield ts.subarray(i, i + batch);
  });
}

describe('StreamedSpacing', () => {
  it.each([
    [10_001, 3, 1_000],
    [10_000, 3, 1_000],
    [20_000, 5_000, 500],
    [20_001, 5_000, 500],
  ])('%i rows, %i distinct gap steps, batches of %i: the median of medianSpacingMs', async (rows, steps, batch) => {
    const ts = series(rows, rows + steps, steps);
    const expected = medianSpacingMs({ timestamp: ts });
    expect(await streamed(ts, batch, 65_536)).toBe(expected);
    // Counting stops after 16 distinct gaps: the exact selection over the replay must give the same value.
    expect(await streamed(ts, batch, 16)).toBe(expected);
  });

  it('has no median for fewer than two timestamps', async () => {
    expect(await streamed(new Float64Array([5]), 1, 4)).toBeUndefined();
  });
});
