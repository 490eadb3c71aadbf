import { alignTables } from '../core/lab/align';
import type { LabConfigInput } from '../core/lab/config';
import type { LabResult } from '../core/lab/result';
import { labStrategy } from '../core/lab/strategies/builtin';
import type { OhlcvTable } from '../core/domain/ohlcv-table';
import { labResultHash } from '../core/results/lab-result-hash';
import type { CompatStats, StatsTrade } from '../core/stats/types';
import { findStrategy, validateStrategyParams } from '../core/strategies/registry';
import type { Engine } from '../engine/engine-module';

export interface LabBacktestSpec {
  strategy: string;
  params: Record<string, number>;
  config: LabConfigInput;
}

export interface LabBacktestOutcome {
  strategy: string;
  params: Record<string, number>;
  result: LabResult;
  /** The statistics table of the metrics guide, computed from NAV and closed trades (buy & hold from bar 0). */
  stats: CompatStats;
  /** Closed trades in the shape the statistics read. */
  trades: StatsTrade[];
  resultHash: string;
}

/**
 * Runs a built-in strategy over one instrument in the lab profile (realistic execution: spread, slippage models,
 * volume caps, seeded randomness) with the WASM engine. Statistics are computed by the engine module like the
 * compatibility profile's; the lab profile has no indicator warm-up rule, so buy & hold starts at the first bar.
 */
export async function runLabBacktest(engine: Engine, table: OhlcvTable, name: string, spec: LabBacktestSpec): Promise<LabBacktestOutcome> {
  const entry = findStrategy(spec.strategy);
  const params = validateStrategyParams(entry, spec.params, 'lab');
  const timeline = alignTables([{ name, table }]);
  const result = engine.lab.runLabWasm(timeline, spec.config, { strategy: labStrategy(entry.lab.spec(params)) });
  const t = result.trades;
  const trades: StatsTrade[] = [];
  for (let i = 0; i < t.count; i++) {
    trades.push({
      entryBar: t.entryBar[i],
      exitBar: t.exitBar[i],
      pnl: t.pnl[i],
      returnPct: t.returnPct[i],
      commissions: t.commission[i],
      entryTime: result.time[t.entryBar[i]],
      exitTime: result.time[t.exitBar[i]],
    });
  }
  const stats = engine.stats.computeStats({ equity: result.nav, time: result.time, close: table.close, trades, firstTradingBar: 0 });
  return { strategy: entry.id, params, result, stats, trades, resultHash: await labResultHash(result) };
}
