/** The shapes of finished runs that the comparison and sweep views take. */
import type { CompatStats } from '../../core/stats';

/** One experiment's result, for side-by-side comparison. */
export interface ComparisonRun {
  label: string;
  stats: CompatStats;
  /** Equity curve: epoch milliseconds (ascending) and equity at each bar's close. */
  time: Float64Array;
  equity: Float64Array;
}

/** One combination of a parameter sweep and its statistics. */
export interface SweepRow {
  params: Readonly<Record<string, number>>;
  stats: CompatStats;
  /** Values beyond the statistics table (a lab sweep's portfolio turnover), by key. */
  extra?: Readonly<Record<string, number>>;
}

/** `fast=10 · slow=50`: a combination's parameters in the given order. */
export function paramsText(params: Readonly<Record<string, number>>, names: readonly string[]): string {
  return names.map((n) => `${n}=${params[n]}`).join(' · ');
}
