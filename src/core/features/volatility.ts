/**
 * Volatility of a return series: rolling (sample, ddof = 1, as pandas' `rolling(n).std()`) or exponentially weighted
 * (pandas' `ewm(span).std()`: adjust = True, bias = False — the estimator AFML's daily volatility uses).
 * Multiply by √(periods per year) to annualise; nothing here assumes a calendar.
 */
import { ewmStd } from './ewm';
import { rollingMoments } from './rolling-moments';

export function rollingVolatility(returns: Float64Array, window: number, ddof = 1): Float64Array {
  return rollingMoments(returns, window, ddof).std;
}

export function ewmVolatility(returns: Float64Array, span: number): Float64Array {
  return ewmStd(returns, { span });
}
