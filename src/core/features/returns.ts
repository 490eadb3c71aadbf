/**
 * One-bar returns, aligned with the prices: r[0] is NaN (no previous bar), as pandas' `pct_change()` and
 * `np.log(p).diff()` give, so index t of a feature is always bar t.
 */
export function simpleReturns(price: Float64Array): Float64Array {
  const out = new Float64Array(price.length);
  if (price.length > 0) out[0] = NaN;
  for (let t = 1; t < price.length; t++) out[t] = price[t] / price[t - 1] - 1;
  return out;
}

export function logReturns(price: Float64Array): Float64Array {
  const out = new Float64Array(price.length);
  if (price.length > 0) out[0] = NaN;
  for (let t = 1; t < price.length; t++) out[t] = Math.log(price[t] / price[t - 1]);
  return out;
}
