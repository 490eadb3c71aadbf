import type { BacktestOptionsInput } from '../core/compat/options';
import type { BacktestResult } from '../core/compat/result';
import { runBacktest } from '../core/compat/run';
import type { OhlcvTable } from '../core/domain/ohlcv-table';
import { backtestResultHash } from '../core/results/backtest-result-hash';
import type { CompatStats } from '../core/stats/types';
import { findStrategy, validateStrategyParams } from '../core/strategies/registry';
import type { Engine } from '../engine/engine-module';

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
  /** `wasm` when the strategy is built into the engine, else the TypeScript reference ran the loop. */
  loop: 'wasm' | 'reference';
}

/**
 * Runs one strategy over one instrument in the backtesting.py profile. The loop runs in WASM when the strategy is
 * built in (bit-identical to the reference); statistics are always computed by the engine module, so the browser
 * and the CLI produce the same bits for the same spec.
 */
export async function runBacktestSpec(engine: Engine, table: OhlcvTable, spec: BacktestSpec): Promise<BacktestOutcome> {
  const entry = findStrategy(spec.strategy);
  const params = validateStrategyParams(entry, spec.params);
  const bars = { time: table.timestamp, open: table.open, high: table.high, low: table.low, close: table.close, volume: table.volume };
  const builtIn = entry.engine?.(params);
  const result = builtIn ? engine.compat.run(bars, builtIn, spec.options) : runBacktest(bars, entry.create(params), spec.options);
  const stats = engine.stats.computeStats({ equity: result.equity, time: bars.time, close: bars.close, trades: result.trades, firstTradingBar: result.firstTradingBar });
  return { strategy: entry.id, params, result, stats, resultHash: await backtestResultHash(result), loop: builtIn ? 'wasm' : 'reference' };
}
