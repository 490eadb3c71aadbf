import { BracketRule } from './codes';

/**
 * Which exit of a trade executes when its stop (stop-loss or trailing stop) and its take-profit are both
 * reached inside the same bar and neither was gapped through at the open (a gap always wins: the open is the
 * first price of the bar).
 *
 * - 'stop-first'   (default) the stop: the pessimistic assumption, robust to any intrabar path.
 * - 'target-first' the take-profit: the optimistic assumption (use to bound results from above).
 * - 'nearest-to-open' assumes the bar's path is open → the extreme nearer the open → the other extreme →
 *   close (distances measured on mid prices). If the high is nearer (high − open < open − low) the bar rose
 *   first: a long's take-profit or a short's stop comes first; if the low is nearer, a long's stop or a
 *   short's take-profit. On a tie the stop comes first.
 */
export function stopComesFirst(rule: number, tradeSide: number, open: number, high: number, low: number): boolean {
  if (rule === BracketRule.StopFirst) return true;
  if (rule === BracketRule.TargetFirst) return false;
  const up = high - open;
  const down = open - low;
  if (up === down) return true;
  const upFirst = up < down;
  // A long's stop is below (reached on the way down), a short's above.
  return tradeSide > 0 ? !upFirst : upFirst;
}
