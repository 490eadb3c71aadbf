/**
 * Coverage of an OHLCV series: per instrument, its first and last bar, how many bars it has, how many its interval
 * and trading week lead one to expect between those two, where bars are missing and which timestamps repeat.
 * Pure: time comes from the data only, all calendar arithmetic is UTC.
 *
 * Definitions (per instrument):
 * - periods: the interval's grid (see period-grid.ts); `bars` counts rows, each distinct timestamp occupies one
 *   period.
 * - the trading week: inferred from the data (see trading-week.ts), or every slot with `tradingWeek: 'continuous'`;
 *   calendar months have no weekly pattern, every month is expected.
 * - a gap: the in-session periods missing between two consecutive occupied periods, reported as one entry
 *   [fromMs, toMs, missingBars] where fromMs/toMs are the starts of the first and last missing period (a one-day
 *   holiday has fromMs === toMs). Closed periods inside the span (a weekend between a missing Friday and a missing
 *   Monday) are not counted but do not split the gap.
 * - expectedBars = occupied periods + missing in-session periods, from the first bar to the last. Bars in slots
 *   that are out of session are present, hence expected.
 * - duplicates: rows repeating an earlier timestamp of the same instrument (valid data has none; the schema
 *   rejects them). `misaligned`: distinct timestamps that share a period with another (data finer than its
 *   interval, or bars off the grid).
 * Non-finite timestamps are skipped (validation reports them).
 */
import { formatInterval, type Interval, type IntervalName } from '../domain/interval';
import { periodGrid } from './period-grid';
import { inferTradingWeek, SessionCounter, TRADING_WEEK_RULE, type TradingWeekMode, type Weekday } from './trading-week';

export interface CoverageGap {
  /** Start of the first missing period, epoch ms UTC. */
  readonly fromMs: number;
  /** Start of the last missing period (=== fromMs for a gap of one). */
  readonly toMs: number;
  readonly missingBars: number;
}

export interface CoverageDuplicate {
  readonly timestampMs: number;
  /** Rows with this timestamp (at least 2). */
  readonly rows: number;
}

export interface InstrumentCoverage {
  readonly instrument: string;
  readonly firstMs: number | null;
  readonly lastMs: number | null;
  /** Rows with a finite timestamp. */
  readonly bars: number;
  readonly expectedBars: number;
  readonly missingBars: number;
  /** All gaps; `gaps` holds the first `maxGaps` of them in time order. */
  readonly gapCount: number;
  readonly gaps: readonly CoverageGap[];
  readonly duplicateRows: number;
  readonly duplicates: readonly CoverageDuplicate[];
  readonly misaligned: number;
  /** null when no weekly pattern applies (calendar months, unknown interval). */
  readonly tradingWeek: { readonly slotsPerWeek: number; readonly sessionSlots: number; readonly days: readonly Weekday[] } | null;
}

export interface CoverageReport {
  /** The interval the report measured against; null when unknown (fewer than two distinct timestamps). */
  readonly interval: IntervalName | null;
  readonly tradingWeekRule: string;
  /** Sorted by instrument name. */
  readonly instruments: readonly InstrumentCoverage[];
}

export interface CoverageOptions {
  /** Name of the instrument when the table has no instrument column. Default "". */
  readonly instrument?: string;
  /** How many gaps / duplicates to list per instrument (all are counted). Default 100 each. */
  readonly maxGaps?: number;
  readonly maxDuplicates?: number;
  /** 'infer' (default): the trading week is inferred from the data; 'continuous': every period is expected. */
  readonly tradingWeek?: TradingWeekMode;
}

export interface CoverageInput {
  readonly timestamp: ArrayLike<number>;
  readonly instrument?: readonly string[];
}

function groupByInstrument(input: CoverageInput, fallback: string): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  const { timestamp, instrument } = input;
  for (let i = 0; i < timestamp.length; i++) {
    const t = timestamp[i];
    if (!Number.isFinite(t)) continue;
    const name = instrument === undefined ? fallback : instrument[i];
    const list = groups.get(name);
    if (list) list.push(t);
    else groups.set(name, [t]);
  }
  if (groups.size === 0 && instrument === undefined) groups.set(fallback, []);
  return groups;
}

function instrumentCoverage(name: string, times: number[], interval: Interval | undefined, options: CoverageOptions): InstrumentCoverage {
  const maxGaps = options.maxGaps ?? 100;
  const maxDuplicates = options.maxDuplicates ?? 100;
  const sorted = Float64Array.from(times).sort();
  const n = sorted.length;

  // Distinct timestamps, and the duplicates among them.
  const distinct: number[] = [];
  const duplicates: CoverageDuplicate[] = [];
  let duplicateRows = 0;
  for (let i = 0; i < n;) {
    let j = i + 1;
    while (j < n && sorted[j] === sorted[i]) j++;
    distinct.push(sorted[i]);
    if (j - i > 1) {
      duplicateRows += j - i - 1;
      if (duplicates.length < maxDuplicates) duplicates.push({ timestampMs: sorted[i], rows: j - i });
    }
    i = j;
  }

  const base = { instrument: name, firstMs: n > 0 ? sorted[0] : null, lastMs: n > 0 ? sorted[n - 1] : null, bars: n, duplicateRows, duplicates };
  if (interval === undefined || distinct.length === 0) {
    return { ...base, expectedBars: distinct.length, missingBars: 0, gapCount: 0, gaps: [], misaligned: 0, tradingWeek: null };
  }

  const grid = periodGrid(interval, distinct[0]);
  // Occupied periods, ascending (timestamps are sorted and the period index is monotone in time).
  const periods: number[] = [];
  for (const t of distinct) {
    const k = grid.index(t);
    if (periods.length === 0 || periods[periods.length - 1] !== k) periods.push(k);
  }
  const week = grid.slotsPerWeek > 0 ? inferTradingWeek(grid, periods, options.tradingWeek ?? 'infer') : null;
  const session = new SessionCounter(grid, week);

  const gaps: CoverageGap[] = [];
  let gapCount = 0;
  let missingBars = 0;
  for (let i = 1; i < periods.length; i++) {
    const from = periods[i - 1] + 1;
    const to = periods[i] - 1;
    if (from > to) continue;
    const missing = session.count(from, to);
    if (missing === 0) continue;
    gapCount++;
    missingBars += missing;
    if (gaps.length < maxGaps) {
      const first = session.first(from, to)!;
      const last = session.last(from, to)!;
      gaps.push({ fromMs: grid.start(first), toMs: grid.start(last), missingBars: missing });
    }
  }

  return {
    ...base,
    expectedBars: periods.length + missingBars,
    missingBars,
    gapCount,
    gaps,
    misaligned: distinct.length - periods.length,
    tradingWeek: week === null ? null : { slotsPerWeek: week.slotsPerWeek, sessionSlots: week.sessionSlots, days: week.days },
  };
}

/**
 * The coverage report of a table against `interval` (usually the record's interval, or `inferInterval` of the
 * table). Rows need not be sorted.
 */
export function ohlcvCoverage(input: CoverageInput, interval: Interval | undefined, options: CoverageOptions = {}): CoverageReport {
  const groups = groupByInstrument(input, options.instrument ?? '');
  const names = [...groups.keys()].sort();
  return {
    interval: interval === undefined ? null : formatInterval(interval),
    tradingWeekRule: TRADING_WEEK_RULE,
    instruments: names.map((name) => instrumentCoverage(name, groups.get(name)!, interval, options)),
  };
}
