import { basename } from 'node:path';
import { runBacktest } from '../../core/backtest/run';
import { findStrategy, validateStrategyParams } from '../../core/strategies/registry';
import { computeStats } from '../../core/stats/compute';
import type { CompatStats } from '../../core/stats/types';
import { backtestResultHash } from '../../core/results/backtest-result-hash';
import { readBarsFile } from '../../adapters/node/read-bars-file';
import { parseBacktestArgs } from '../parse-backtest-args';
import { formatStatsTable } from '../format-stats';

/** `quantlab backtest`: one strategy over one file, statistics keyed as in the metrics guide. */
export async function backtestCommand(argv: string[], out: (s: string) => void): Promise<void> {
  const args = parseBacktestArgs(argv);
  const entry = findStrategy(args.strategy);
  const params = validateStrategyParams(entry, args.params);
  const table = await readBarsFile(args.data);
  const bars = { time: table.timestamp, open: table.open, high: table.high, low: table.low, close: table.close, volume: table.volume };
  const result = runBacktest(bars, entry.create(params), args.options);
  const stats: CompatStats = computeStats({ equity: result.equity, time: bars.time, close: bars.close, trades: result.trades, firstTradingBar: result.firstTradingBar });
  const resultHash = await backtestResultHash(result);
  if (args.json) {
    out(
      JSON.stringify({
        data: basename(args.data),
        strategy: entry.id,
        params,
        profile: args.profile,
        seed: args.seed,
        stats,
        trades: result.trades,
        openTrades: result.openTrades,
        equity: Array.from(result.equity),
        resultHash,
      }),
    );
    return;
  }
  out(`${basename(args.data)} · ${entry.id} ${Object.entries(params).map(([k, v]) => `${k}=${v}`).join(' ')} · profile ${args.profile}\n`);
  out(formatStatsTable(stats));
  out(`\nresultHash ${resultHash}\n`);
}
