/**
 * The returns the `portfolio` and `risk` commands work on: the `--data` instruments on their common timeline (the
 * bars every instrument has, matched by timestamp), ending at `--end DATE` (the last common bar at or before it;
 * default the last one) and limited to the last `--window N` returns (default all).
 */
import { returnsFromCloses, type ReturnsMatrix } from '../../core/risk/returns-matrix';
import { CliError } from '../cli-error';
import { barAsOf, iso, parseAt } from '../features/as-of';
import { intFlag } from '../features/parse-features-args';
import { loadUniverse, type SkippedFile } from '../features/universe-data';

export interface ReturnsData {
  tickers: string[];
  returns: ReturnsMatrix;
  /** Time of the bar before the first return, and of the last return's bar (ISO). */
  from: string;
  to: string;
  /** Times of the window's bars (ISO): returns row r is the move from times[r] to times[r + 1]. */
  times: string[];
  skipped: SkippedFile[];
}

/** `--window`, `--end` and the common flags (`--data`, `--store`, `--json`) of every portfolio and risk command. */
export const RETURNS_FLAGS = { window: { type: 'string' }, end: { type: 'string' } } as const;

function endFlag(text: string): number {
  try {
    return parseAt(text);
  } catch {
    throw new CliError(`--end: "${text}" is not an ISO date or timestamp (e.g. 2023-09-29)`);
  }
}

export async function loadReturns(values: Record<string, unknown>, minReturns = 2): Promise<ReturnsData> {
  const window = values.window === undefined ? undefined : intFlag(values, 'window', minReturns);
  const bound = typeof values.end === 'string' ? endFlag(values.end) : undefined;
  const universe = await loadUniverse((values.data as string[] | undefined) ?? [], values.store as string | undefined);
  const instruments = universe.instruments;
  // The common timeline: timestamps of the first instrument that every other one has too.
  const present = instruments.slice(1).map((i) => new Set(i.table.timestamp));
  const first = instruments[0].table.timestamp;
  const common: number[] = [];
  for (const t of first) if (present.every((s) => s.has(t))) common.push(t);
  let last = common.length - 1;
  if (bound !== undefined) {
    last = barAsOf(Float64Array.from(common), bound);
    if (last < 0) throw new CliError(`--end ${values.end as string}: the instruments' common bars all come after it`);
  }
  const available = last; // returns up to and including bar `last`
  if (available < minReturns)
    throw new CliError(
      `the instruments have ${available} common returns${bound !== undefined ? ` up to --end ${values.end as string}` : ''}; at least ${minReturns} are needed`,
    );
  if (window !== undefined && window > available)
    throw new CliError(`--window ${window}: only ${available} common returns${bound !== undefined ? ` up to ${iso(common[last])}` : ''}`);
  const start = last - (window ?? available);
  const index = new Map<number, number>();
  const closes = instruments.map((i) => {
    index.clear();
    i.table.timestamp.forEach((t, k) => index.set(t, k));
    return Float64Array.from({ length: last - start + 1 }, (_, k) => i.table.close[index.get(common[start + k]) as number]);
  });
  let returns: ReturnsMatrix;
  try {
    returns = returnsFromCloses(closes, 0, closes[0].length);
  } catch (e) {
    throw new CliError(`--data: ${e instanceof Error ? e.message : String(e)}`);
  }
  const times = common.slice(start, last + 1).map(iso);
  return { tickers: instruments.map((i) => i.name), returns, from: times[0], to: times[times.length - 1], times, skipped: universe.skipped };
}
