import { COMPAT_STATS_KEYS, type CompatStats } from '../../../src/core/stats';
import { StatsEngine } from '../../../src/engine/stats-engine';
import { instantiateEngineModule } from '../../../src/engine/engine-imports';
import { compileNodeEngine } from '../../../src/adapters/node/engine-loader';

/** One fresh instance of the built engine (run `npm run build:engine` first). */
export async function loadEngineInstance(): Promise<WebAssembly.Instance> {
  return instantiateEngineModule(await compileNodeEngine());
}

/** The statistics facade over a fresh instance of the built engine. */
export async function loadStatsEngine(): Promise<StatsEngine> {
  return StatsEngine.fromInstance(await loadEngineInstance());
}

/** Keys compared exactly: timestamps, durations (whole resolution units) and the trade count. */
export const EXACT_KEYS: ReadonlySet<keyof CompatStats> = new Set<keyof CompatStats>([
  'start',
  'end',
  'duration_days',
  'trades',
  'max_drawdown_duration_days',
  'avg_drawdown_duration_days',
  'max_trade_duration_days',
  'avg_trade_duration_days',
]);

/** Relative difference of two table values: 0 when identical (null, ±Infinity, same string), Infinity when incomparable. */
export function relDiff(a: unknown, b: unknown): number {
  if (Object.is(a, b) || a === b) return 0;
  if (typeof a !== 'number' || typeof b !== 'number' || !Number.isFinite(a) || !Number.isFinite(b)) return Infinity;
  return Math.abs(a - b) / Math.abs(b);
}

/** A statistics table, or a reference one as parsed from JSON. */
export type StatsLike = { readonly [K in keyof CompatStats]?: unknown };

/**
 * Keys on which `actual` departs from `expected`: beyond `rtol` relative, or at all for EXACT_KEYS (where a
 * backtesting.py reference float may still be given a tolerance with `exactRtol`).
 */
export function statsMismatches(actual: StatsLike, expected: StatsLike, rtol: number, exactRtol = 0): string[] {
  const bad: string[] = [];
  for (const key of COMPAT_STATS_KEYS) {
    const limit = EXACT_KEYS.has(key) ? exactRtol : rtol;
    const a = actual[key];
    const e = expected[key];
    const d = relDiff(a, e);
    if (!(d <= limit)) bad.push(`${key}: ${String(a)} vs ${String(e)} (rel ${d.toExponential(2)})`);
  }
  return bad;
}
