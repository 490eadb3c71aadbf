import { mean } from './summation';

/**
 * Per-trade shape metrics (quantstats `consecutive_wins`, `consecutive_losses`, `payoff_ratio`) over closed-trade
 * returns in closing order. A win is a return > 0, a loss a return < 0; a flat trade (exactly 0) is neither and ends
 * both streaks.
 */
export interface TradeProfile {
  max_consecutive_wins: number;
  max_consecutive_losses: number;
  /** Mean winning return / |mean losing return|; `null` without a win or without a loss. */
  payoff_ratio: number | null;
}

export function tradeProfile(tradeReturns: ArrayLike<number>): TradeProfile {
  let wins = 0;
  let losses = 0;
  let maxWins = 0;
  let maxLosses = 0;
  const winning: number[] = [];
  const losing: number[] = [];
  for (let k = 0; k < tradeReturns.length; k++) {
    const r = tradeReturns[k];
    if (!Number.isFinite(r)) throw new RangeError(`trade profile: trade return [${k}] is ${r}, expected a finite number`);
    wins = r > 0 ? wins + 1 : 0;
    losses = r < 0 ? losses + 1 : 0;
    if (r > 0) winning.push(r);
    if (r < 0) losing.push(r);
    maxWins = Math.max(maxWins, wins);
    maxLosses = Math.max(maxLosses, losses);
  }
  const payoff = winning.length > 0 && losing.length > 0 ? mean(winning) / Math.abs(mean(losing)) : null;
  return { max_consecutive_wins: maxWins, max_consecutive_losses: maxLosses, payoff_ratio: payoff };
}
