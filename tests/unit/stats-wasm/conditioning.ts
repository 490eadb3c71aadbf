import { annualization, geometricMean, periodReturns, type CompatStats, type StatsInput } from '../../../src/core/stats';

/**
 * How far WASM and TypeScript statistics may drift apart because AssemblyScript's Math.log/exp/pow and V8's may
 * round the same argument to neighbouring doubles (measured: ~1 % of logs, ~0.1–10 % of exps, ~10 % of pows).
 * Everything else in the two modules is the same arithmetic in the same order, so only the keys below can differ.
 *
 * For each such key this gives a first-order bound on the relative difference, in units of ε = 2^-52, for
 * transcendental results that differ by up to one ulp each: its condition number with respect to those results.
 * The formulas follow the statistics' own expressions (src/core/stats/compute.ts):
 *   g = exp(mean log(1 + r)) - 1 over period returns r, so 1 + g moves by λ = 1 + mean |log(1 + r)| ulps;
 *   P = (1 + g)^N moves by N·λ + 1; annualised a = P - 1 by that times P / |a|;
 *   v² = A - B with A = (var + (1 + g)²)^N, B = (1 + g)^(2N): A moves by N(2λ + 1) + 1 (the sum inside may round
 *   the other way too), B by 2N·λ + 1, v² by the larger times (A + B) / |A - B|, v by half;
 *   CAGR c = R^(1/years) - 1 moves by |1 + c| / |c|; the trades' geometric mean like g;
 *   beta = cov(x, y) / var(y) over log returns x, y, each log off by up to |x_k| ulps: the covariance moves by
 *   (Σ|x·dy| + Σ|dx·y|) / |Σ dx·dy|, the variance by 2 Σ|y·dy| / Σ dy²; alpha inherits beta's times |β·(BH - rf)| / |α|.
 * Each also gets 2 ulps for the final roundings (the `- 1`, the `* 100`). Where a condition number is modest these are far below 1e-12 and the tests' 1e-12 governs; they only matter
 * where the statistic itself is dominated by cancellation (annual return near 0, volatility tiny next to the
 * compounded level, a trade geometric mean near 0, a beta near 0).
 */
export type TranscendentalKey =
  'return_ann_pct' | 'volatility_ann_pct' | 'cagr_pct' | 'sharpe_ratio' | 'sortino_ratio' | 'calmar_ratio' | 'alpha_pct' | 'beta' | 'avg_trade_pct';

export const TRANSCENDENTAL_KEYS: readonly TranscendentalKey[] = [
  'return_ann_pct',
  'volatility_ann_pct',
  'cagr_pct',
  'sharpe_ratio',
  'sortino_ratio',
  'calmar_ratio',
  'alpha_pct',
  'beta',
  'avg_trade_pct',
];

function meanAbsLog1p(returns: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < returns.length; k++) {
    const r = returns[k];
    s += Math.abs(Math.log((r === r ? r : 0) + 1));
  }
  return returns.length ? s / returns.length : 0;
}

/** |1 + x| / |x|: the relative sensitivity of x = y - 1 to relative changes of y. */
function minusOne(x: number): number {
  return Math.abs(1 + x) / Math.abs(x);
}

function finiteOr0(x: number): number {
  return Number.isFinite(x) ? x : 0;
}

/** Condition numbers (see above) of the transcendental statistics of one input, given the reference values. */
export function transcendentalConditioning(input: StatsInput, ref: CompatStats): Record<TranscendentalKey, number> {
  const { equity, close, time, trades } = input;
  const rf = input.riskFreeRate ?? 0;
  const n = equity.length;
  const { periodsPerYear: N, rule } = annualization(time);
  const lambda = 1 + meanAbsLog1p(periodReturns(equity, time, rule));

  // P and a from g itself: a near -1 has lost what P still holds.
  const P = Math.pow(1 + geometricMean(periodReturns(equity, time, rule)), N);
  const a = P - 1;
  const kAnnLevel = (N * lambda + 1) * P;
  const kAnn = kAnnLevel / Math.abs(a);
  const v = (ref.volatility_ann_pct ?? NaN) / 100;
  const B = P * P;
  const kVol = ((N * (2 * lambda + 1) + 1) * (2 * B + v * v)) / (2 * v * v);
  const c = (ref.cagr_pct ?? NaN) / 100;
  const gt = (ref.avg_trade_pct ?? NaN) / 100;
  const lambdaT = 1 + meanAbsLog1p(trades.map((t) => t.returnPct));

  let kBeta = 0;
  if (n > 2) {
    const m = n - 1;
    const x = new Float64Array(m);
    const y = new Float64Array(m);
    let mx = 0;
    let my = 0;
    for (let k = 0; k < m; k++) {
      x[k] = Math.log(equity[k + 1] / equity[k]);
      y[k] = Math.log(close[k + 1] / close[k]);
      mx += x[k] / m;
      my += y[k] / m;
    }
    let cov = 0,
      covAbs = 0,
      vy = 0,
      vyAbs = 0;
    for (let k = 0; k < m; k++) {
      const dx = x[k] - mx;
      const dy = y[k] - my;
      cov += dx * dy;
      covAbs += Math.abs(x[k] * dy) + Math.abs(dx * y[k]);
      vy += dy * dy;
      vyAbs += 2 * Math.abs(y[k] * dy);
    }
    kBeta = covAbs / Math.abs(cov) + vyAbs / vy;
  }
  const beta = ref.beta ?? NaN;
  const bhExcess = (ref.buy_hold_return_pct ?? NaN) - rf * 100;
  const kAlpha = (kBeta * Math.abs(beta * bhExcess)) / Math.abs(ref.alpha_pct ?? NaN);

  return {
    return_ann_pct: 2 + finiteOr0(kAnn),
    volatility_ann_pct: 2 + finiteOr0(kVol),
    cagr_pct: 2 + finiteOr0(minusOne(c)),
    sharpe_ratio: 2 + finiteOr0(kAnnLevel / Math.abs(a - rf)) + finiteOr0(kVol),
    sortino_ratio: 2 + finiteOr0(kAnnLevel / Math.abs(a - rf)),
    calmar_ratio: 2 + finiteOr0(kAnn),
    alpha_pct: 2 + finiteOr0(kAlpha),
    beta: 2 + finiteOr0(kBeta),
    avg_trade_pct: 2 + finiteOr0(lambdaT * minusOne(gt)),
  };
}
