import { utcDay } from './calendar';

/**
 * The curve the report works on: the equity at the end of each UTC day, so that "daily" metrics mean days
 * even when bars are intraday.
 *
 * Marks are the first bar (the anchor: the capital before anything happened) followed by the last bar of every
 * UTC day. With daily bars the anchor is the first day's own close, so the marks are simply all bars; with
 * intraday bars the first day's return runs from the first bar to that day's last bar. Bars coarser than a day
 * (weekly, monthly) give one mark per bar, and the report's "daily" period is then the bar period.
 *
 * A return needs a positive base: the curve stops at the first mark whose equity is zero or negative (ruin).
 * That mark and its return (-100 % or worse) are kept; later marks are dropped.
 */
export interface DailySeries {
  /** Timestamp (epoch ms, UTC) of the bar behind each mark. */
  time: Float64Array;
  /** UTC day number of each mark (the anchor shares the first day). */
  day: Float64Array;
  /** Equity at each mark. */
  equity: Float64Array;
  /** `returns[k] = equity[k + 1] / equity[k] - 1`: one fewer than the marks; dated by `day[k + 1]`. */
  returns: Float64Array;
}

/** Reject what would make every metric meaningless, saying which bar is wrong. */
export function validateCurve(equity: Float64Array, time: Float64Array): void {
  if (equity.length !== time.length) {
    throw new RangeError(`report: equity has ${equity.length} values but time has ${time.length}`);
  }
  for (let k = 0; k < equity.length; k++) {
    if (!Number.isFinite(equity[k])) throw new RangeError(`report: equity[${k}] is ${equity[k]}, expected a finite number`);
    if (!Number.isFinite(time[k])) throw new RangeError(`report: time[${k}] is ${time[k]}, expected epoch milliseconds`);
    if (k > 0 && time[k] < time[k - 1]) {
      throw new RangeError(`report: time[${k}] = ${time[k]} is before time[${k - 1}] = ${time[k - 1]}; bars must be in time order`);
    }
  }
}

/** Marks (anchor + last bar of each UTC day, cut at ruin) and their simple returns. */
export function dailySeries(equity: Float64Array, time: Float64Array): DailySeries {
  validateCurve(equity, time);
  const n = equity.length;
  const picks: number[] = [];
  for (let k = 0; k < n; k++) {
    const lastOfDay = k === n - 1 || utcDay(time[k + 1]) !== utcDay(time[k]);
    if (k === 0 || lastOfDay) picks.push(k);
    if (equity[k] <= 0 && picks[picks.length - 1] !== k) picks.push(k); // ruin ends the curve at this bar
    if (equity[k] <= 0) break;
  }
  const m = picks.length;
  const out: DailySeries = {
    time: new Float64Array(m),
    day: new Float64Array(m),
    equity: new Float64Array(m),
    returns: new Float64Array(Math.max(0, m - 1)),
  };
  for (let j = 0; j < m; j++) {
    const k = picks[j];
    out.time[j] = time[k];
    out.day[j] = utcDay(time[k]);
    out.equity[j] = equity[k];
    if (j > 0) out.returns[j - 1] = equity[k] / out.equity[j - 1] - 1;
  }
  return out;
}
