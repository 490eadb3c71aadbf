/**
 * ohlcvCoverage of one instrument whose timestamps are strictly increasing (what validation guarantees of an
 * artifact's bars), read from a replay instead of held: two readings — the first counts periods per weekly slot for
 * the trading week, the second finds the gaps — and memory for one batch. Gives the report ohlcvCoverage gives for
 * the same rows (there are no duplicates to list in a valid series).
 */
import { formatInterval, type Interval } from '../domain/interval';
import type { TimestampReplay } from '../schema/streamed-spacing';
import type { CoverageGap, CoverageOptions, CoverageReport, InstrumentCoverage } from './ohlcv-coverage';
import { periodGrid, type PeriodGrid } from './period-grid';
import { SessionCounter, tradingWeekFromHits, TRADING_WEEK_RULE } from './trading-week';

/** Period index of each timestamp, once per distinct period, in order. */
async function* periodsOf(replay: TimestampReplay, grid: PeriodGrid): AsyncGenerator<number> {
  let last: number | undefined;
  for await (const batch of replay()) {
    for (let i = 0; i < batch.length; i++) {
      const k = grid.index(batch[i]);
      if (k !== last) yield k;
      last = k;
    }
  }
}

export async function sortedSeriesCoverage(
  instrument: string,
  replay: TimestampReplay,
  interval: Interval | undefined,
  options: CoverageOptions = {},
): Promise<CoverageReport> {
  const maxGaps = options.maxGaps ?? 100;
  let n = 0;
  let first: number | null = null;
  let last: number | null = null;
  for await (const batch of replay()) {
    if (batch.length === 0) continue;
    if (first === null) first = batch[0];
    last = batch[batch.length - 1];
    n += batch.length;
  }
  const report = (coverage: InstrumentCoverage): CoverageReport => ({
    interval: interval === undefined ? null : formatInterval(interval),
    tradingWeekRule: TRADING_WEEK_RULE,
    instruments: [coverage],
  });
  const base = { instrument, firstMs: first, lastMs: last, bars: n, duplicateRows: 0, duplicates: [] };
  if (interval === undefined || first === null) {
    return report({ ...base, expectedBars: n, missingBars: 0, gapCount: 0, gaps: [], misaligned: 0, tradingWeek: null });
  }

  const grid = periodGrid(interval, first);
  let periods = 0;
  const hits = grid.slotsPerWeek > 0 ? new Uint32Array(grid.slotsPerWeek) : null;
  for await (const k of periodsOf(replay, grid)) {
    periods++;
    if (hits !== null) hits[grid.slot(k)]++;
  }
  const week = hits === null ? null : tradingWeekFromHits(grid.slotsPerWeek, options.tradingWeek === 'continuous' ? null : hits);
  const session = new SessionCounter(grid, week);

  const gaps: CoverageGap[] = [];
  let gapCount = 0;
  let missingBars = 0;
  let previous: number | undefined;
  for await (const k of periodsOf(replay, grid)) {
    if (previous !== undefined && previous + 1 <= k - 1) {
      const from = previous + 1;
      const to = k - 1;
      const missing = session.count(from, to);
      if (missing > 0) {
        gapCount++;
        missingBars += missing;
        if (gaps.length < maxGaps)
          gaps.push({ fromMs: grid.start(session.first(from, to)!), toMs: grid.start(session.last(from, to)!), missingBars: missing });
      }
    }
    previous = k;
  }

  return report({
    ...base,
    expectedBars: periods + missingBars,
    missingBars,
    gapCount,
    gaps,
    misaligned: n - periods,
    tradingWeek: week === null ? null : { slotsPerWeek: week.slotsPerWeek, sessionSlots: week.sessionSlots, days: week.days },
  });
}
