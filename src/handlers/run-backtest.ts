import type { BacktestOptionsInput } from '../core/compat/options';
import type { BacktestResult } from '../core/compat/result';
import type { OhlcvTable } from '../core/domain/ohlcv-table';
import { backtestResultHash } from '../core/results/backtest-result-hash';
import type { CompatStats } from '../core/stats/types';
import { findStrategy, validateStrategyParams } from '../core/strategies/registry';
import type { CompatRun, CompatRunner } from '../ports/compat-runner';

export interface BacktestSpec {
  strategy: string;
  params: Record<string, number>;
  options: BacktestOptionsInput;
}

export interface BacktestOutcome {
  strategy: string;
  params: Record<string, number>;
  result: BacktestResult;
  stats: CompatStats;
  resultHash: string;
  loop: CompatRun['loop'];
}

/**
 * Runs one registered strategy over one instrument in the backtesting.py profile. The runner picks the loop (WASM
 * when the strategy is built in, bit-identical to the reference) and computes the statistics in the engine, so
 * the browser and the CLI produce the same bits for the same spec.
 */
export async function runBacktestSpec(runner: CompatRunner, table: OhlcvTable, spec: BacktestSpec): Promise<BacktestOutcome> {
  const entry = findStrategy(spec.strategy);
  const params = validateStrategyParams(entry, spec.params);
  const run = await runner.run(table, { strategy: entry.id, params, options: spec.options });
  return { strategy: entry.id, params, result: run.result, stats: run.stats, resultHash: await backtestResultHash(run.result), loop: run.loop };
}
