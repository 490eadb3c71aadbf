/**
 * Phase 2's calendar: the bars at which the portfolio rebalances, given the strategy's raw-target bars.
 *
 * - calendar (`daily`, `weekly`, `monthly`, `quarterly`, every `every` periods): the first bar of each period
 *   (UTC days, ISO weeks, civil months and quarters — a period's last bar is only known once the next one
 *   arrives), from the strategy's first raw target on; the first raw-target bar is always the first rebalance.
 * - `drift`: the strategy's own raw-target bars; between them scheduled-targets trades back to the row whenever a
 *   realised weight drifts more than the threshold away from it (the execution's drift rule).
 * - `never`: only the first raw-target bar.
 */
import { MS_PER_DAY } from '../domain/time';
import { rebalancePeriod, RebalanceEvery } from '../lab/strategies/rebalance-period';

export type RebalanceRule =
  { rule: 'daily' | 'weekly' | 'monthly' | 'quarterly'; every: number } | { rule: 'drift'; threshold: number } | { rule: 'never' };

function periodOf(rule: 'daily' | 'weekly' | 'monthly' | 'quarterly', ms: number, bar: number): number {
  if (rule === 'daily') return Math.floor(ms / MS_PER_DAY);
  if (rule === 'weekly') return rebalancePeriod(RebalanceEvery.Week, ms, bar);
  const month = rebalancePeriod(RebalanceEvery.Month, ms, bar);
  return rule === 'monthly' ? month : Math.floor(month / 3);
}

export function rebalanceBars(rule: RebalanceRule, time: Float64Array, rawBars: readonly number[]): number[] {
  if (rawBars.length === 0) return [];
  const first = rawBars[0];
  if (rule.rule === 'never') return [first];
  if (rule.rule === 'drift') return [...rawBars];
  const out = [first];
  let period = periodOf(rule.rule, time[first], first);
  let seen = 0;
  for (let t = first + 1; t < time.length; t++) {
    const p = periodOf(rule.rule, time[t], t);
    if (p === period) continue;
    period = p;
    if (++seen % rule.every === 0) out.push(t);
  }
  return out;
}
