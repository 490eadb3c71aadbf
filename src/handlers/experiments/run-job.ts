/**
 * One experiment job on one engine instance — what the BacktestRunner adapters run, in Node in-process and in the
 * browser's engine worker, so both take the same path: a registered strategy goes through runBacktestSpec (its
 * WASM loop where it has one); a SQL signal's checked positions drive the TypeScript reference backtester through
 * SignalSeries. Statistics always come from the engine's stats module.
 */
import { resolveOptions } from '../../core/compat/options';
import { runBacktest } from '../../core/compat/run';
import { SignalSeries } from '../../core/compat/strategies/signal-series';
import type { OhlcvTable } from '../../core/domain/ohlcv-table';
import { SQL_SIGNAL_STRATEGY } from '../../core/experiments/sql-signal';
import type { Engine } from '../../engine/engine-module';
import type { BacktestJob, BacktestRun } from '../../ports/backtest-runner';
import { runBacktestSpec } from '../run-backtest';

export async function runExperimentJob(engine: Engine, table: OhlcvTable, job: BacktestJob): Promise<BacktestRun> {
  if (job.strategy !== SQL_SIGNAL_STRATEGY) {
    if (job.signal !== undefined) throw new TypeError(`strategy ${job.strategy} takes no signal series`);
    const outcome = await runBacktestSpec(engine, table, job);
    return { result: outcome.result, stats: outcome.stats };
  }
  if (job.signal === undefined) throw new TypeError(`${SQL_SIGNAL_STRATEGY} needs the signal series (positions per bar)`);
  const bars = { time: table.timestamp, open: table.open, high: table.high, low: table.low, close: table.close, volume: table.volume };
  const { exclusiveOrders } = resolveOptions(job.options);
  const result = runBacktest(bars, new SignalSeries(job.signal, { exclusiveOrders }), job.options);
  const stats = engine.stats.computeStats({ equity: result.equity, time: bars.time, close: bars.close, trades: result.trades, firstTradingBar: result.firstTradingBar });
  return { result, stats };
}
