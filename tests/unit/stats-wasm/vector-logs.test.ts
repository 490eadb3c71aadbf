import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/rng';
import { loadEngineInstance } from './harness';

// The statistics take the logarithms of the equity's ratios two or four at a time (engine-wasm/assembly/stats/
// logs.ts): a second writing of Math.log's near-1 branch over SIMD lanes. Each value must be the one Math.log gives
// on its own, which the same export gives where a value shares its pair with one outside that branch.

interface LogExports {
  memory: WebAssembly.Memory;
  scratch(bytes: number): number;
  statsLogsInPlace(ptr: number, n: number): void;
}

const LO = 0.9375;
const HI = 1.064697265625;
const ULP_BELOW = (x: number) => x - x * 2 ** -53;
const ULP_ABOVE = (x: number) => x + x * 2 ** -52;

function logsOf(x: LogExports, values: Float64Array): Float64Array {
  const ptr = x.scratch(values.length * 8) >>> 0;
  new Float64Array(x.memory.buffer, ptr, values.length).set(values);
  x.statsLogsInPlace(ptr, values.length);
  return new Float64Array(x.memory.buffer, ptr, values.length).slice();
}

describe('statsLogsInPlace', () => {
  it('gives Math.log’s bits near 1, on the branch edges and outside it', async () => {
    const x = (await loadEngineInstance()).exports as unknown as LogExports;
    const rng = new Rng(20261207);
    const edges = [LO, ULP_ABOVE(LO), ULP_BELOW(HI), 1, ULP_BELOW(1), ULP_ABOVE(1), 1 + 1e-12, 1 - 1e-12];
    const values: number[] = [];
    for (let k = 0; k < 4000; k++) values.push(LO + (HI - LO) * rng.nextFloat());
    for (let k = 0; k < 400; k++) values.push(1 + (rng.nextFloat() - 0.5) * 1e-6);
    // Edges in whole groups of four, so that they take the vector branch too.
    for (const e of edges) values.push(e, e, e, e);
    const outside = [ULP_BELOW(LO), HI, 0.5, 2, 0, -1, NaN, Infinity, 5e-324, 1e300];
    for (const o of outside) values.push(o);
    const together = logsOf(x, Float64Array.from(values));
    // Each value beside 100 (outside the branch): its pair is taken by Math.log one value at a time.
    const apart = logsOf(x, Float64Array.from(values.flatMap((v) => [v, 100])));
    let near = 0;
    values.forEach((v, k) => {
      const alone = apart[2 * k];
      expect(Object.is(together[k], alone) || (Number.isNaN(together[k]) && Number.isNaN(alone)), `log(${v})`).toBe(true);
      if (v >= LO && v < HI) {
        near++;
        // And it is a logarithm: within an ulp or so of V8's.
        expect(Math.abs(alone - Math.log(v))).toBeLessThanOrEqual(Math.abs(Math.log(v)) * 4e-16 + 1e-300);
      }
    });
    expect(near).toBeGreaterThan(4400);
    expect(apart[apart.length - 1]).toBe(Math.log(100));
  });
});
