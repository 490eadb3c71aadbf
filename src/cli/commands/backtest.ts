import { loadBacktestData } from '../artifacts/backtest-data';
import { nodeEngineRunners } from '../../adapters/node/engine-runners';
import { findStrategy, validateStrategyParams } from '../../core/strategies/registry';
import type { OhlcvTable } from '../../core/domain/ohlcv-table';
import type { CompatStats } from '../../core/stats/types';
import { runBacktestSpec } from '../../handlers/run-backtest';
import { runLabBacktest } from '../../handlers/run-lab-backtest';
import { parseBacktestArgs, type BacktestArgs } from '../parse-backtest-args';
import { formatStatsTable } from '../format-stats';

interface Report {
  head: Record<string, unknown>;
  stats: CompatStats;
  body: Record<string, unknown>;
  resultHash: string;
  summary: string;
}

async function runProfile(args: BacktestArgs, table: OhlcvTable, label: string): Promise<Report> {
  const runners = await nodeEngineRunners();
  if (args.profile === 'lab') {
    const run = await runLabBacktest(runners.lab, table, label, { strategy: args.strategy, params: args.params, config: args.lab });
    const r = run.result;
    return {
      head: { strategy: run.strategy, params: run.params, profile: 'lab', seed: args.seed, config: r.meta.config },
      stats: run.stats,
      body: {
        trades: run.trades.map((t, i) => ({
          side: r.trades.side[i],
          quantity: r.trades.quantity[i],
          entryPrice: r.trades.entryPrice[i],
          exitPrice: r.trades.exitPrice[i],
          ...t,
        })),
        fills: r.fills.count,
        equity: Array.from(r.nav),
      },
      resultHash: run.resultHash,
      summary: `${run.strategy} ${Object.entries(run.params)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')} · profile lab · seed ${args.seed} · ${r.fills.count} fills`,
    };
  }
  const run = await runBacktestSpec(runners.compat, table, { strategy: args.strategy, params: args.params, options: args.options });
  return {
    head: { strategy: run.strategy, params: run.params, profile: args.profile, seed: args.seed, loop: run.loop },
    stats: run.stats,
    body: { trades: run.result.trades, openTrades: run.result.openTrades, equity: Array.from(run.result.equity) },
    resultHash: run.resultHash,
    summary: `${run.strategy} ${Object.entries(run.params)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')} · profile ${args.profile} · ${run.loop} loop`,
  };
}

/** `quantlab backtest`: one strategy over one file or artifact, statistics keyed as in the metrics guide. */
export async function backtestCommand(argv: string[], out: (s: string) => void): Promise<void> {
  const args = parseBacktestArgs(argv);
  // A misspelt strategy or parameter is reported before any data is read.
  validateStrategyParams(findStrategy(args.strategy), args.params, args.profile === 'lab' ? 'lab' : 'backtesting.py');
  const { table, label } = await loadBacktestData(args.data, args.store);
  const report = await runProfile(args, table, label);
  if (args.json) {
    out(JSON.stringify({ data: label, ...report.head, stats: report.stats, ...report.body, resultHash: report.resultHash }) + '\n');
    return;
  }
  out(`${label} · ${report.summary}\n`);
  out(formatStatsTable(report.stats));
  out(`\nresultHash ${report.resultHash}\n`);
}
