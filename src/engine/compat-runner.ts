/**
 * The CompatRunner port over one engine instance in this thread — what the Node adapter runs in-process and the
 * browser's engine worker runs inside the worker, so both take the same path and give the same bits. A registered
 * strategy with a WASM twin runs its loop in the engine; any other runs the TypeScript reference; a SQL signal's
 * checked positions drive the reference backtester through SignalSeries. Statistics always come from the
 * engine's stats module.
 */
import { barsOfTable } from '../core/compat/bars';
import { resolveOptions } from '../core/compat/options';
import { runBacktest } from '../core/compat/run';
import { SignalSeries } from '../core/compat/strategies/signal-series';
import type { OhlcvTable } from '../core/domain/ohlcv-table';
import { SQL_SIGNAL_STRATEGY } from '../core/experiments/sql-signal';
import { compatStrategy, findStrategy, validateStrategyParams } from '../core/strategies/registry';
import type { CompatJob, CompatRun, CompatRunner } from '../ports/compat-runner';
import type { Engine } from './engine-module';

export class InProcessCompatRunner implements CompatRunner {
  constructor(
    private readonly engine: Engine,
    readonly engineBuildHash: string,
  ) {}

  async run(table: OhlcvTable, job: CompatJob): Promise<CompatRun> {
    const bars = barsOfTable(table);
    let result;
    let loop: CompatRun['loop'] = 'reference';
    if (job.strategy === SQL_SIGNAL_STRATEGY) {
      if (job.signal === undefined) throw new TypeError(`${SQL_SIGNAL_STRATEGY} needs the signal series (positions per bar)`);
      const { exclusiveOrders } = resolveOptions(job.options);
      result = runBacktest(bars, new SignalSeries(job.signal, { exclusiveOrders }), job.options);
    } else {
      if (job.signal !== undefined) throw new TypeError(`strategy ${job.strategy} takes no signal series`);
      const entry = findStrategy(job.strategy);
      const params = validateStrategyParams(entry, job.params);
      const builtIn = entry.engine?.(params);
      if (builtIn) loop = 'wasm';
      result = builtIn ? this.engine.compat.run(bars, builtIn, job.options) : runBacktest(bars, compatStrategy(entry, params), job.options);
    }
    const stats = this.engine.stats.computeStats({
      equity: result.equity,
      time: bars.time,
      close: bars.close,
      trades: result.trades,
      firstTradingBar: result.firstTradingBar,
    });
    return { result, stats, loop };
  }
}
