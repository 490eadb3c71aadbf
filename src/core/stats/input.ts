import type { StatsInput } from './types';

/** The input's sizes once checked: bars, the risk-free rate (0 when absent) and the first trading bar. */
export interface CheckedStatsInput {
  n: number;
  rf: number;
  ftb: number;
}

/**
 * The checks every statistics path makes before reading its input (computeStats and the engine's StatsEngine), so
 * that both refuse the same input with the same RangeError.
 */
export function checkStatsInput(input: StatsInput): CheckedStatsInput {
  const { equity, time, close } = input;
  const rf = input.riskFreeRate ?? 0;
  const n = equity.length;
  if (n === 0) throw new RangeError('equity is empty');
  if (time.length !== n || close.length !== n) {
    throw new RangeError(`equity (${n}), time (${time.length}) and close (${close.length}) must have the same length`);
  }
  if (!(rf > -1 && rf < 1)) throw new RangeError(`riskFreeRate must be in (-1, 1), got ${rf}`);
  const ftb = input.firstTradingBar;
  if (!Number.isInteger(ftb) || ftb < 0 || ftb >= n) throw new RangeError(`firstTradingBar must be a bar index, got ${ftb}`);
  return { n, rf, ftb };
}
