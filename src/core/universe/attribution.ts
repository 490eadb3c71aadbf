/**
 * Attribution per instrument of a lab run, from its fills and final positions:
 *
 *   pnl[k]          = units[k, T−1] × mark[k, T−1] − Σ_fills on k (side × quantity × price) − Σ commission
 *                     (what instrument k added to NAV: its final market value plus the cash its fills moved). The
 *                     pnl of every instrument sums to NAV[T−1] − starting cash, because fills are the only cash flows.
 *   contribution[k] = pnl[k] / starting cash (its share of the total return).
 *   tradedValue[k]  = Σ quantity × price of its fills; turnover[k] = tradedValue[k] / mean NAV.
 *   commission, slippage, spread: the costs of its fills (cash); costs = their sum.
 *   fills: how many.
 * Prices are execution prices (spread and slippage included), so slippage and spread are already inside pnl; the
 * cost columns say how much of it they were.
 */
import { lastKnownCloses } from './marks';

export interface AttributionFills {
  count: number;
  instrument: Int32Array;
  side: Int32Array;
  quantity: Float64Array;
  price: Float64Array;
  commission: Float64Array;
  slippage: Float64Array;
  spread: Float64Array;
}

export interface AttributionInput {
  instruments: number;
  positions: Float64Array;
  close: Float64Array;
  nav: Float64Array;
  cash: number;
  fills: AttributionFills;
}

export interface Attribution {
  pnl: Float64Array;
  contribution: Float64Array;
  tradedValue: Float64Array;
  turnover: Float64Array;
  commission: Float64Array;
  slippage: Float64Array;
  spread: Float64Array;
  costs: Float64Array;
  fills: Int32Array;
}

export function attribution(input: AttributionInput): Attribution {
  const K = input.instruments;
  const T = input.nav.length;
  if (T < 1) throw new RangeError('attribution needs at least one bar');
  const mark = lastKnownCloses(input.close, K, T);
  const a: Attribution = {
    pnl: new Float64Array(K),
    contribution: new Float64Array(K),
    tradedValue: new Float64Array(K),
    turnover: new Float64Array(K),
    commission: new Float64Array(K),
    slippage: new Float64Array(K),
    spread: new Float64Array(K),
    costs: new Float64Array(K),
    fills: new Int32Array(K),
  };
  const f = input.fills;
  const flow = new Float64Array(K);
  for (let i = 0; i < f.count; i++) {
    const k = f.instrument[i];
    const value = f.quantity[i] * f.price[i];
    flow[k] -= f.side[i] * value + f.commission[i];
    a.tradedValue[k] += value;
    a.commission[k] += f.commission[i];
    a.slippage[k] += f.slippage[i];
    a.spread[k] += f.spread[i];
    a.fills[k]++;
  }
  let navSum = 0;
  for (let t = 0; t < T; t++) navSum += input.nav[t];
  const meanNav = navSum / T;
  for (let k = 0; k < K; k++) {
    const units = input.positions[k * T + T - 1];
    const held = units === 0 ? 0 : units * mark[k * T + T - 1];
    a.pnl[k] = held + flow[k];
    a.contribution[k] = a.pnl[k] / input.cash;
    a.turnover[k] = meanNav > 0 ? a.tradedValue[k] / meanNav : NaN;
    a.costs[k] = a.commission[k] + a.slippage[k] + a.spread[k];
  }
  return a;
}
