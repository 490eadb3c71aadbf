/**
 * `quantlab risk stress --weights equal|FILE [--value V] --shock NAME=R … [--worst-window K] [--data …] [--window N]
 * [--end DATE] [--json]` → {"pnl", "contribution": {name: x}}: the P&L of a portfolio worth V (default 1,000,000)
 * when each named instrument moves by the simple return R at once (others 0); with --worst-window K, also the
 * worst K-day window of the daily-rebalanced portfolio in the data. --data is needed for `equal` and the window;
 * with a weights FILE and shocks alone the names come from the file.
 */
import { portfolioReturns } from '../../core/risk/portfolio-returns';
import { shockPnl, worstWindow } from '../../core/risk/stress';
import { CliError } from '../cli-error';
import { intFlag, parseFlags, positiveFlag } from '../features/parse-features-args';
import { loadReturns, RETURNS_FLAGS, type ReturnsData } from './returns-data';
import { namedValues, readWeightsObject, weightsFlag } from './weights-file';

export async function stressCommand(argv: string[], out: (s: string) => void): Promise<void> {
  const v = parseFlags('risk stress', argv, {
    ...RETURNS_FLAGS,
    weights: { type: 'string' },
    value: { type: 'string' },
    shock: { type: 'string', multiple: true },
    'worst-window': { type: 'string' },
  });
  const value = positiveFlag(v.value as string | undefined, 'value', 1_000_000);
  const shocks = (v.shock as string[] | undefined) ?? [];
  const worstDays = v['worst-window'] === undefined ? undefined : intFlag(v, 'worst-window', 1);
  if (shocks.length === 0 && worstDays === undefined) throw new CliError('--shock NAME=R (repeat it) or --worst-window K is required');
  const weightsText = v.weights as string | undefined;
  if (weightsText === undefined) throw new CliError('--weights equal|FILE is required');
  const hasData = ((v.data as string[] | undefined) ?? []).length > 0;
  if (!hasData && (weightsText === 'equal' || worstDays !== undefined))
    throw new CliError(`--data FILE|DIR|ID is required with ${worstDays !== undefined ? '--worst-window' : '--weights equal'}`);
  let data: ReturnsData | undefined;
  let tickers: string[];
  let weights: Float64Array;
  if (hasData) {
    data = await loadReturns(v, worstDays ?? 2);
    tickers = data.tickers;
    weights = await weightsFlag(weightsText, tickers);
  } else {
    const byName = await readWeightsObject(weightsText);
    tickers = [...byName.keys()];
    weights = Float64Array.from(tickers, (t) => byName.get(t) as number);
  }
  const byName = namedValues('shock', shocks, tickers);
  const shocked = shockPnl(
    weights,
    Float64Array.from(tickers, (t) => byName.get(t) ?? 0),
    value,
  );
  const result: Record<string, unknown> = {
    pnl: shocked.pnl,
    portfolioReturn: shocked.portfolioReturn,
    contribution: Object.fromEntries(tickers.map((t, i) => [t, shocked.contribution[i]])),
    value,
  };
  if (worstDays !== undefined && data) {
    const w = worstWindow(portfolioReturns(data.returns, weights), worstDays);
    // Returns row r is the move from common bar r to r + 1 of the window; report the bars' times.
    const times = data.times;
    result.worst = { days: worstDays, from: times[w.start], to: times[w.end], return: w.return, pnl: value * w.return };
  }
  if (v.json) {
    out(JSON.stringify(result) + '\n');
    return;
  }
  out(`shock P&L on ${value}: ${shocked.pnl.toFixed(2)} (${(shocked.portfolioReturn * 100).toFixed(4)} %)\n`);
  tickers.forEach((t, i) => {
    if (shocked.contribution[i] !== 0) out(`  ${t.padEnd(10)}  ${shocked.contribution[i].toFixed(2).padStart(14)}\n`);
  });
  const worst = result.worst as { days: number; from: string; to: string; return: number; pnl: number } | undefined;
  if (worst)
    out(
      `worst ${worst.days}-day window: ${worst.from.slice(0, 10)} to ${worst.to.slice(0, 10)}, ${(worst.return * 100).toFixed(4)} % (${worst.pnl.toFixed(2)})\n`,
    );
}
