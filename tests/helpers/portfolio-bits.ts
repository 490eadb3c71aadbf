// The portfolio numerics whose bits must not depend on where they run: Ledoit–Wolf (TypeScript X'X and the engine
// module's), the sample covariance, and the optimizers of issue #12 on universe12 — as hex strings of the IEEE
// doubles, computed by the same code in Node (tests/e2e/portfolio-bits.test.ts) and in a Chromium worker
// (tests/browser/portfolio/worker.ts). Browser-safe: no Node API.
import { OPTIMIZERS } from '../../src/core/portfolio/optimizers';
import { scaled } from '../../src/core/portfolio/square-matrix';
import type { CrossProductKernel } from '../../src/core/risk/cross-product-kernel';
import { ledoitWolf } from '../../src/core/risk/ledoit-wolf';
import { columnMeans, type ReturnsMatrix } from '../../src/core/risk/returns-matrix';
import { sampleCovariance } from '../../src/core/risk/sample-covariance';

export function hexOf(values: Float64Array | number[]): string {
  const a = values instanceof Float64Array ? values : Float64Array.from(values);
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  let text = '';
  for (const b of bytes) text += b.toString(16).padStart(2, '0');
  return text;
}

/** Figure name → hex of its doubles. Optimizers run on the annualised sample covariance, as the golden tests do. */
export function portfolioBits(returns: ReturnsMatrix, kernel: CrossProductKernel): Record<string, string> {
  const lwTs = ledoitWolf(returns);
  const lwEngine = ledoitWolf(returns, kernel);
  const cov = scaled(sampleCovariance(returns, 1, kernel), 252);
  const mu = columnMeans(returns).map((v) => v * 252);
  const weights = (name: string, input = {}) => hexOf(OPTIMIZERS[name].optimize({ cov, ...input }).weights);
  return {
    input: hexOf(returns.data),
    "ledoit-wolf (TypeScript X'X)": hexOf([...lwTs.cov.data, lwTs.shrinkage]),
    "ledoit-wolf (engine X'X)": hexOf([...lwEngine.cov.data, lwEngine.shrinkage]),
    "sample covariance (engine X'X)": hexOf(cov.data),
    'min-variance long-only': weights('min-variance', { longOnly: true }),
    'min-variance long-only, cap 25 %': weights('min-variance', { longOnly: true, maxWeight: 0.25 }),
    'max-sharpe': weights('max-sharpe', { expectedReturns: mu, riskFree: 0 }),
    erc: weights('erc'),
    hrp: weights('hrp'),
  };
}
