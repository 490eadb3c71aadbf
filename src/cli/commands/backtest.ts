import { loadBacktestData } from '../artifacts/backtest-data';
import { nodeEngineRunners } from '../../adapters/node/engine-runners';
import { findStrategy, validateStrategyParams } from '../../core/strategies/registry';
import type { OhlcvTable } from '../../core/domain/ohlcv-table';
import type { CompatStats } from '../../core/stats/types';
import { runBacktestSpec } from '../../handlers/run-backtest';
import { runLabBacktest, runLabUniverseBacktest, type LabBacktestOutcome } from '../../handlers/run-lab-backtest';
import { stat } from 'node:fs/promises';
import { attribution } from '../../core/universe/attribution';
import { equalWeightBuyAndHold } from '../../core/universe/benchmark';
import { loadUniverse, type Universe } from '../features/universe-data';
import { parseBacktestArgs, type BacktestArgs } from '../parse-backtest-args';
import { formatStatsTable } from '../format-stats';

interface Report {
  head: Record<string, unknown>;
  stats: CompatStats;
  body: Record<string, unknown>;
  resultHash: string;
  summary: string;
}

/** `name=value` pairs of a run's parameters, for its one-line summary. */
function paramsText(params: Record<string, number>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}

/** A lab run's closed trades for the JSON report: side, quantity and prices beside the statistics' fields. */
function labTradeRows(run: LabBacktestOutcome) {
  const trades = run.result.trades;
  return run.trades.map((t, i) => ({
    side: trades.side[i],
    quantity: trades.quantity[i],
    entryPrice: trades.entryPrice[i],
    exitPrice: trades.exitPrice[i],
    ...t,
  }));
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
        trades: labTradeRows(run),
        fills: r.fills.count,
        equity: Array.from(r.nav),
      },
      resultHash: run.resultHash,
      summary: `${run.strategy} ${paramsText(run.params)} · profile lab · seed ${args.seed} · ${r.fills.count} fills`,
    };
  }
  const run = await runBacktestSpec(runners.compat, table, { strategy: args.strategy, params: args.params, options: args.options });
  return {
    head: { strategy: run.strategy, params: run.params, profile: args.profile, seed: args.seed, loop: run.loop },
    stats: run.stats,
    body: { trades: run.result.trades, openTrades: run.result.openTrades, equity: Array.from(run.result.equity) },
    resultHash: run.resultHash,
    summary: `${run.strategy} ${paramsText(run.params)} · profile ${args.profile} · ${run.loop} loop`,
  };
}

/** The lab profile over several instruments (files, folders, artifacts), aligned on their union timeline. */
async function runUniverse(args: BacktestArgs, universe: Universe): Promise<Report> {
  const runners = await nodeEngineRunners();
  const named = universe.instruments.map((i) => ({ name: i.name, table: i.table }));
  const run = await runLabUniverseBacktest(runners.lab, named, { strategy: args.strategy, params: args.params, config: args.lab });
  const r = run.result;
  const tl = run.timeline;
  const K = named.length;
  const a = attribution({ instruments: K, positions: r.positions, close: tl.close, nav: r.nav, cash: r.meta.config.cash, fills: r.fills });
  const bench = equalWeightBuyAndHold(tl.close, K, r.time.length, r.meta.config.cash);
  const names = r.meta.instruments;
  return {
    head: {
      strategy: run.strategy,
      params: run.params,
      profile: 'lab',
      seed: args.seed,
      config: r.meta.config,
      instruments: universe.instruments.map((i) => ({ name: i.name, source: i.source })),
      skipped: universe.skipped,
    },
    stats: run.stats,
    body: {
      attribution: names.map((name, k) => ({
        instrument: name,
        pnl: a.pnl[k],
        contribution: a.contribution[k],
        turnover: a.turnover[k],
        costs: a.costs[k],
        fills: a.fills[k],
      })),
      benchmark: { equity_final: bench[bench.length - 1], return_pct: (bench[bench.length - 1] / r.meta.config.cash - 1) * 100 },
      trades: labTradeRows(run).map((t, i) => ({ instrument: names[r.trades.instrument[i]], ...t })),
      fills: r.fills.count,
      equity: Array.from(r.nav),
    },
    resultHash: run.resultHash,
    summary: `${run.strategy} ${paramsText(run.params)} · profile lab · ${K} instruments · seed ${args.seed} · ${r.fills.count} fills`,
  };
}

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** `quantlab backtest`: one strategy over one file or artifact (or, in the lab profile, a universe of them). */
export async function backtestCommand(argv: string[], out: (s: string) => void): Promise<void> {
  const args = parseBacktestArgs(argv);
  // A misspelt strategy or parameter is reported before any data is read.
  validateStrategyParams(findStrategy(args.strategy), args.params, args.profile === 'lab' ? 'lab' : 'backtesting.py');
  if (args.profile === 'lab' && (args.data.length > 1 || (await isFolder(args.data[0])))) {
    const universe = await loadUniverse(args.data, args.store);
    const report = await runUniverse(args, universe);
    const label = universe.instruments.map((i) => i.name);
    if (args.json) {
      out(JSON.stringify({ data: label, ...report.head, stats: report.stats, ...report.body, resultHash: report.resultHash }) + '\n');
      return;
    }
    out(`${label.join(', ')} · ${report.summary}\n`);
    for (const s of universe.skipped) out(`skipped ${s.file}: ${s.reason}\n`);
    out(formatStatsTable(report.stats));
    out(`\nresultHash ${report.resultHash}\n`);
    return;
  }
  const { table, label } = await loadBacktestData(args.data[0], args.store);
  const report = await runProfile(args, table, label);
  if (args.json) {
    out(JSON.stringify({ data: label, ...report.head, stats: report.stats, ...report.body, resultHash: report.resultHash }) + '\n');
    return;
  }
  out(`${label} · ${report.summary}\n`);
  out(formatStatsTable(report.stats));
  out(`\nresultHash ${report.resultHash}\n`);
}
