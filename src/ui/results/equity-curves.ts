/** Series derived from equity curves for plotting: underwater drawdown, buy & hold, rebasing, time alignment. */

/** Drawdown from the running peak in percent (0 at a new high, −25 for 25 % below it). */
export function underwaterPct(equity: ArrayLike<number>): Float64Array {
  const out = new Float64Array(equity.length);
  let peak = -Infinity;
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i];
    if (e > peak) peak = e;
    out[i] = peak > 0 ? (e / peak - 1) * 100 : Number.NaN;
  }
  return out;
}

/** The curve rebased so that its first finite value is 100 (all NaN when it has none or it is zero). */
export function rebaseTo100(values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length);
  let base = Number.NaN;
  for (let i = 0; i < values.length; i++) {
    if (Number.isFinite(values[i])) {
      base = values[i];
      break;
    }
  }
  const k = base !== 0 ? 100 / base : Number.NaN;
  for (let i = 0; i < values.length; i++) out[i] = values[i] * k;
  return out;
}

/**
 * Equity of holding the instrument from the close of `fromBar` with `startEquity` (flat before): the benchmark
 * backtesting.py's "Buy & Hold Return" measures.
 */
export function buyHoldEquity(close: ArrayLike<number>, startEquity: number, fromBar = 0): Float64Array {
  const out = new Float64Array(close.length);
  const base = close[fromBar];
  for (let i = 0; i < close.length; i++) out[i] = i <= fromBar ? startEquity : (startEquity * close[i]) / base;
  return out;
}

export interface TimedSeries {
  /** Epoch milliseconds, ascending. */
  time: ArrayLike<number>;
  values: ArrayLike<number>;
}

export interface AlignedSeries {
  /** Union of every series' timestamps, ascending, without duplicates. */
  time: Float64Array;
  /** One row per input series; null where that series has no value at the time. */
  values: (number | null)[][];
}

/** Puts series with different timestamps on one shared time axis (for overlaying runs on different data). */
export function alignOnTime(series: readonly TimedSeries[]): AlignedSeries {
  const all: number[] = [];
  for (const s of series) for (let i = 0; i < s.time.length; i++) all.push(s.time[i]);
  all.sort((a, b) => a - b);
  const time: number[] = [];
  for (const t of all) if (time.length === 0 || time[time.length - 1] !== t) time.push(t);
  const values = series.map((s) => {
    const row = new Array<number | null>(time.length).fill(null);
    let j = 0;
    for (let i = 0; i < s.time.length; i++) {
      while (time[j] < s.time[i]) j++;
      const v = s.values[i];
      row[j] = Number.isFinite(v) ? v : null;
    }
    return row;
  });
  return { time: Float64Array.from(time), values };
}
