/**
 * Euler risk contributions of weights w under Σ: contribution_i = w_i(Σw)_i / σ_p (they sum to σ_p = √(w'Σw)) and
 * share_i = w_i(Σw)_i / w'Σw (they sum to 1); and a portfolio's beta to a benchmark, cov(r_p, r_b) / var(r_b).
 */
import { matVec, type SquareMatrix } from '../portfolio/square-matrix';

export interface RiskContributions {
  volatility: number;
  contribution: Float64Array;
  share: Float64Array;
}

export function riskContributions(cov: SquareMatrix, w: ArrayLike<number>): RiskContributions {
  const m = matVec(cov, w);
  let variance = 0;
  for (let i = 0; i < cov.n; i++) variance += w[i] * m[i];
  if (!(variance > 0)) throw new RangeError(`the portfolio variance is ${variance}; risk contributions need a positive variance`);
  const vol = Math.sqrt(variance);
  return {
    volatility: vol,
    contribution: m.map((v, i) => (w[i] * v) / vol),
    share: m.map((v, i) => (w[i] * v) / variance),
  };
}

export function beta(portfolio: Float64Array, benchmark: Float64Array): number {
  const t = portfolio.length;
  if (t !== benchmark.length || t < 2) throw new RangeError(`beta needs two series of one length >= 2, got ${t} and ${benchmark.length}`);
  let mp = 0;
  let mb = 0;
  for (let i = 0; i < t; i++) {
    mp += portfolio[i];
    mb += benchmark[i];
  }
  mp /= t;
  mb /= t;
  let cov = 0;
  let vb = 0;
  for (let i = 0; i < t; i++) {
    cov += (portfolio[i] - mp) * (benchmark[i] - mb);
    vb += (benchmark[i] - mb) * (benchmark[i] - mb);
  }
  if (!(vb > 0)) throw new RangeError('the benchmark returns have no variance: beta is undefined');
  return cov / vb;
}
