/**
 * Pairs features: the OLS hedge regression y = α + β·x over a window (statsmodels `OLS(y, add_constant(x))`),
 * optionally on log prices, its spread (the residuals y − β·x − α) and the spread's z-score within the window,
 * (spread − mean) / std (ddof = 1). `rollingHedge` refits at every bar on the trailing window, for strategies.
 */
import { centredCoMoments } from './co-moments';
import { assertSameLength, assertWindow } from './window';

export interface OlsFit {
  alpha: number;
  beta: number;
  rSquared: number;
}

/** Least squares with an intercept, from centred sums (stable whatever the price level). */
export function olsFit(y: ArrayLike<number>, x: ArrayLike<number>, from = 0, to = y.length): OlsFit {
  const n = to - from;
  if (n < 3) throw new RangeError(`OLS needs at least 3 observations, got ${n}`);
  const { my, mx, sxx, syy, sxy } = centredCoMoments(y, x, from, to);
  const beta = sxy / sxx;
  const alpha = my - beta * mx;
  return { alpha, beta, rSquared: (sxy * sxy) / (sxx * syy) };
}

export interface PairsWindow extends OlsFit {
  /** Spread z-score at each bar of the window, oldest first; the last is the signal at `end`. */
  z: Float64Array;
  spreadStd: number;
  zLast: number;
  /** Bars [start, end] (inclusive) the regression used. */
  start: number;
  end: number;
}

export interface PairsOptions {
  window: number;
  /** Regress log prices instead of prices. */
  log?: boolean;
}

function transformed(p: Float64Array, log: boolean | undefined): Float64Array {
  return log ? p.map(Math.log) : p;
}

/** The pair over the `window` bars ending at `end` (inclusive). */
export function pairsAt(yPrice: Float64Array, xPrice: Float64Array, end: number, options: PairsOptions): PairsWindow {
  assertWindow('window', options.window, 3);
  assertSameLength(yPrice, xPrice, 'pairs');
  const start = end - options.window + 1;
  if (start < 0 || end >= yPrice.length) {
    throw new RangeError(`window of ${options.window} bars ending at bar ${end} does not fit in ${yPrice.length} bars`);
  }
  const y = transformed(yPrice.subarray(start, end + 1), options.log);
  const x = transformed(xPrice.subarray(start, end + 1), options.log);
  const fit = olsFit(y, x);
  const n = y.length;
  const spread = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    spread[i] = y[i] - fit.beta * x[i] - fit.alpha;
    sum += spread[i];
  }
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (spread[i] - mean) * (spread[i] - mean);
  const spreadStd = Math.sqrt(ss / (n - 1));
  const z = spread.map((s) => (s - mean) / spreadStd);
  return { ...fit, z, spreadStd, zLast: z[n - 1], start, end };
}

export interface RollingHedge {
  alpha: Float64Array;
  beta: Float64Array;
  /** z-score of the last spread value within its own window: the signal a pairs strategy trades at each bar. */
  z: Float64Array;
}

/** `pairsAt` at every bar from window − 1 on (NaN before): the trailing-window hedge ratio a strategy would see. */
export function rollingHedge(yPrice: Float64Array, xPrice: Float64Array, options: PairsOptions): RollingHedge {
  assertWindow('window', options.window, 3);
  assertSameLength(yPrice, xPrice, 'pairs');
  const n = yPrice.length;
  const alpha = new Float64Array(n).fill(NaN);
  const beta = new Float64Array(n).fill(NaN);
  const z = new Float64Array(n).fill(NaN);
  for (let t = options.window - 1; t < n; t++) {
    const w = pairsAt(yPrice, xPrice, t, options);
    alpha[t] = w.alpha;
    beta[t] = w.beta;
    z[t] = w.zLast;
  }
  return { alpha, beta, z };
}
