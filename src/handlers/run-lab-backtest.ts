import { alignTables, type NamedOhlcv } from '../core/lab/align';
import type { LabConfigInput } from '../core/lab/config';
import type { LabResult } from '../core/lab/result';
import { labStatsTrades } from '../core/lab/stats-trades';
import type { OhlcvTable } from '../core/domain/ohlcv-table';
import { labResultHash } from '../core/results/lab-result-hash';
import type { CompatStats, StatsTrade } from '../core/stats/types';
import { findStrategy, validateStrategyParams } from '../core/strategies/registry';
import type { LabTimeline } from '../core/lab/timeline';
import type { LabRunner } from '../ports/lab-runner';

export interface LabBacktestSpec {
  strategy: string;
  params: Record<string, number>;
  config: LabConfigInput;
}

export interface LabBacktestOutcome {
  strategy: string;
  params: Record<string, number>;
  result: LabResult;
  /** The instruments aligned on their union timeline, as the engine ran them (closes for attribution, benchmarks). */
  timeline: LabTimeline;
  /** The statistics table of the metrics guide, computed from NAV and closed trades (buy & hold from bar 0). */
  stats: CompatStats;
  /** Closed trades in the shape the statistics read. */
  trades: StatsTrade[];
  resultHash: string;
}

/**
 * Runs a built-in strategy over one instrument in the lab profile (realistic execution: spread, slippage models,
 * volume caps, seeded randomness). Statistics are computed by the engine like the compatibility profile's; the lab
 * profile has no indicator warm-up rule, so buy & hold starts at the first bar.
 */
export async function runLabBacktest(runner: LabRunner, table: OhlcvTable, name: string, spec: LabBacktestSpec): Promise<LabBacktestOutcome> {
  return runLabUniverseBacktest(runner, [{ name, table }], spec);
}

/** The same over a universe: the instruments aligned on their union timeline, in the order given. */
export async function runLabUniverseBacktest(
  runner: LabRunner,
  instruments: readonly NamedOhlcv[],
  spec: LabBacktestSpec,
): Promise<LabBacktestOutcome> {
  const entry = findStrategy(spec.strategy);
  const params = validateStrategyParams(entry, spec.params, 'lab');
  const timeline = alignTables(instruments);
  const run = await runner.run(timeline, spec.config, entry.lab.spec(params));
  return {
    strategy: entry.id,
    params,
    result: run.result,
    timeline,
    stats: run.stats,
    trades: labStatsTrades(run.result),
    resultHash: await labResultHash(run.result),
  };
}
