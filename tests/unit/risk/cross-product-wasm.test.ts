/**
 * The engine module's X'X (engine-wasm/assembly/risk/cross-product.ts, f64x2 lanes) against the TypeScript reference
 * `crossProduct`: the same bits on universe12 (../shared/data) through every covariance model, and on seeded random
 * matrices of odd and even sizes whose entries span many magnitudes, so that any other summation order shows.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compileNodeEngine } from '../../../src/adapters/node/engine-loader';
import { createEngine, type Engine } from '../../../src/engine/engine-module';
import { ledoitWolf } from '../../../src/core/risk/ledoit-wolf';
import { ledoitWolfConstantCorrelation } from '../../../src/core/risk/ledoit-wolf-cc';
import { centredColumns, crossProduct } from '../../../src/core/risk/returns-matrix';
import { estimateCovariance } from '../../../src/core/risk/risk-model';
import { sampleCovariance } from '../../../src/core/risk/sample-covariance';
import { Rng } from '../../../src/core/rng';
import { universe12Returns } from '../../helpers/portfolio-universe';

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine(await compileNodeEngine());
});

const bytes = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');

/** Column-major N × T values with magnitudes from 1e-6 to 1e2 and both signs: rounding depends on the order. */
function randomColumns(rows: number, cols: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  return Float64Array.from({ length: rows * cols }, () => (rng.nextFloat() - 0.5) * 10 ** (8 * rng.nextFloat() - 6));
}

/** Each entry summed as two interleaved halves (even and odd t), the obvious other way to use two lanes. */
function pairwiseOrder(x: Float64Array, rows: number, cols: number): Float64Array {
  const g = new Float64Array(cols * cols);
  for (let i = 0; i < cols; i++)
    for (let j = 0; j < cols; j++) {
      let even = 0;
      let odd = 0;
      for (let t = 0; t < rows; t++) {
        if (t % 2 === 0) even += x[i * rows + t] * x[j * rows + t];
        else odd += x[i * rows + t] * x[j * rows + t];
      }
      g[i * cols + j] = even + odd;
    }
  return g;
}

describe('cross product in the engine module', () => {
  it('is wired into createEngine as `risk`', () => {
    expect(typeof engine.risk.kernel).toBe('function');
  });

  const sizes: [number, number][] = [
    [1, 1],
    [2, 1],
    [1, 3],
    [3, 5],
    [17, 7],
    [252, 12],
    [251, 13],
    [64, 61],
    [33, 130],
    [252, 501],
  ];
  for (const [rows, cols] of sizes) {
    it(`gives the reference's bits on random ${rows} × ${cols} columns`, () => {
      const x = randomColumns(rows, cols, rows * 1000 + cols);
      const want = crossProduct(x, rows, cols);
      const got = engine.risk.crossProduct(x, rows, cols);
      expect(got.length).toBe(cols * cols);
      expect(bytes(got)).toBe(bytes(want));
    });
  }

  it('is an order-sensitive comparison: summing in another order changes bits on the same data', () => {
    const x = randomColumns(251, 13, 251 * 1000 + 13);
    const ref = crossProduct(x, 251, 13);
    const other = pairwiseOrder(x, 251, 13);
    let differing = 0;
    for (let k = 0; k < ref.length; k++) if (!Object.is(ref[k], other[k])) differing++;
    expect(differing).toBeGreaterThan(10);
  });

  it('reuses its memory across calls of different sizes, and the results it returned stay as they were', () => {
    const big = randomColumns(252, 300, 1);
    const first = engine.risk.crossProduct(big, 252, 300);
    const kept = bytes(first);
    const small = randomColumns(5, 3, 2);
    expect(bytes(engine.risk.crossProduct(small, 5, 3))).toBe(bytes(crossProduct(small, 5, 3)));
    expect(bytes(engine.risk.crossProduct(big, 252, 300))).toBe(kept);
    expect(bytes(first)).toBe(kept);
  });

  it('refuses a buffer that is not rows × cols values, and gives an empty matrix for no columns', () => {
    expect(() => engine.risk.crossProduct(new Float64Array(5), 2, 3)).toThrow(/5 values are not 2 rows × 3 columns/);
    expect(engine.risk.crossProduct(new Float64Array(0), 4, 0).length).toBe(0);
  });
});

describe('covariance models with the engine kernel on universe12', () => {
  const windows = [252, undefined];
  for (const window of windows) {
    const { returns } = universe12Returns(window);
    const label = window === undefined ? 'all returns' : `the last ${window} returns`;
    it(`X'X of the centred returns is bit for bit the reference's (${label})`, () => {
      const x = centredColumns(returns);
      expect(bytes(engine.risk.kernel(x, returns.rows, returns.cols))).toBe(bytes(crossProduct(x, returns.rows, returns.cols)));
    });
    it(`sample, Ledoit–Wolf and constant-correlation estimates are the same bits (${label})`, () => {
      const k = engine.risk.kernel;
      expect(bytes(sampleCovariance(returns, 1, k).data)).toBe(bytes(sampleCovariance(returns, 1).data));
      const lw = ledoitWolf(returns, k);
      expect(bytes(lw.cov.data)).toBe(bytes(ledoitWolf(returns).cov.data));
      expect(Object.is(lw.shrinkage, ledoitWolf(returns).shrinkage)).toBe(true);
      const cc = ledoitWolfConstantCorrelation(returns, k);
      expect(bytes(cc.cov.data)).toBe(bytes(ledoitWolfConstantCorrelation(returns).cov.data));
      expect(bytes(estimateCovariance(returns, { kind: 'ledoit-wolf' }, k).daily.data)).toBe(bytes(lw.cov.data));
    });
  }
});
