import { loadBacktestData } from '../artifacts/backtest-data';
import { loadNodeEngines } from '../../adapters/node/engine-loader';
import { findStrategy, validateStrategyParams } from '../../core/strategies/registry';
import { runBacktestSpec } from '../../handlers/run-backtest';
import { parseBacktestArgs } from '../parse-backtest-args';
import { formatStatsTable } from '../format-stats';

/** `quantlab backtest`: one strategy over one file, statistics keyed as in the metrics guide. */
export async function backtestCommand(argv: string[], out: (s: string) => void): Promise<void> {
  const args = parseBacktestArgs(argv);
  // A misspelt strategy or parameter is reported before any data is read.
  validateStrategyParams(findStrategy(args.strategy), args.params);
  const { table, label } = await loadBacktestData(args.data, args.store);
  const run = await runBacktestSpec(await loadNodeEngines(), table, { strategy: args.strategy, params: args.params, options: args.options });
  if (args.json) {
    out(
      JSON.stringify({
        data: label,
        strategy: run.strategy,
        params: run.params,
        profile: args.profile,
        seed: args.seed,
        loop: run.loop,
        stats: run.stats,
        trades: run.result.trades,
        openTrades: run.result.openTrades,
        equity: Array.from(run.result.equity),
        resultHash: run.resultHash,
      }),
    );
    return;
  }
  out(`${label} · ${run.strategy} ${Object.entries(run.params).map(([k, v]) => `${k}=${v}`).join(' ')} · profile ${args.profile} · ${run.loop} loop\n`);
  out(formatStatsTable(run.stats));
  out(`\nresultHash ${run.resultHash}\n`);
}
