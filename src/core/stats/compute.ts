import { MS_PER_DAY } from '../domain/time';
import { annualization, ceilDuration, dataPeriodMs, isoSeconds, resolutionMs } from './calendar';
import { drawdownEpisodes, drawdownSeries, meanOf } from './drawdown';
import { checkStatsInput } from './input';
import { geometricMean, periodReturns } from './returns';
import { max, mean, min, sum, variance } from './summation';
import type { CompatStats, StatsInput } from './types';

function orNull(x: number): number | null {
  return Number.isNaN(x) ? null : x;
}

/** Python's `x or nan` for a float divisor: zero becomes NaN. */
function orNaN(x: number): number {
  return x === 0 ? NaN : x;
}

/**
 * Every statistic of backtesting.py's `compute_stats`, from equity, closed trades, timestamps and closes.
 * Pure and deterministic: reductions run in a fixed order (numpy's pairwise summation).
 */
export function computeStats(input: StatsInput): CompatStats {
  const { equity, time, close, trades } = input;
  const { n, rf, ftb } = checkStatsInput(input);

  const durationUnit = resolutionMs(dataPeriodMs(time));
  const toDays = (ms: number): number => (Number.isNaN(ms) ? NaN : ceilDuration(ms, durationUnit) / MS_PER_DAY);

  // ---- equity ----
  const dd = drawdownSeries(equity);
  const episodes = drawdownEpisodes(dd, time);

  let exposed = 0;
  const inMarket = new Uint8Array(n);
  for (const t of trades) for (let k = t.entryBar; k <= t.exitBar; k++) inMarket[k] = 1;
  for (let k = 0; k < n; k++) exposed += inMarket[k];

  const eq0 = equity[0];
  const equityFinal = equity[n - 1];
  let equityPeak = -Infinity;
  for (let k = 0; k < n; k++) equityPeak = equity[k] !== equity[k] || equityPeak !== equityPeak ? NaN : Math.max(equityPeak, equity[k]);

  let commissions = 0;
  for (const t of trades) commissions += t.commissions;

  const returnPct = ((equityFinal - eq0) / eq0) * 100;
  const buyHoldPct = ((close[n - 1] - close[ftb]) / close[ftb]) * 100;

  // ---- annualised risk and return, from returns over calendar periods ----
  const { periodsPerYear: N, rule } = annualization(time);
  const periodRets = periodReturns(equity, time, rule);
  const g = geometricMean(periodRets);
  const annualized = Math.pow(1 + g, N) - 1;
  const returnAnnPct = annualized * 100;
  const volAnnPct = Math.sqrt(Math.pow(variance(periodRets, 1) + Math.pow(1 + g, 2), N) - Math.pow(1 + g, 2 * N)) * 100;

  const durMs = time[n - 1] - time[0];
  const wholeDays = Math.floor(durMs / MS_PER_DAY);
  const seconds = Math.floor((durMs - wholeDays * MS_PER_DAY) / 1000);
  const years = (wholeDays + seconds / 86400) / 365.25;
  const cagrPct = years ? (Math.pow(equityFinal / eq0, 1 / years) - 1) * 100 : NaN;

  const sharpe = (returnAnnPct - rf * 100) / orNaN(volAnnPct);
  const downside = new Float64Array(periodRets.length);
  for (let k = 0; k < periodRets.length; k++) {
    const r = periodRets[k] > 0 ? 0 : periodRets[k];
    downside[k] = r * r;
  }
  const sortino = (annualized - rf) / (Math.sqrt(mean(downside)) * Math.sqrt(N));

  let ddMax = -Infinity;
  for (let k = 0; k < n; k++) ddMax = dd[k] !== dd[k] || ddMax !== ddMax ? NaN : Math.max(ddMax, dd[k]);
  const maxDd = -(Number.isNaN(ddMax) ? 0 : ddMax);
  const calmar = annualized / orNaN(-maxDd);

  // ---- beta against the instrument, on log returns ----
  let beta = NaN;
  if (n > 2) {
    const m = n - 1;
    const x = new Float64Array(m);
    const y = new Float64Array(m);
    for (let k = 0; k < m; k++) {
      x[k] = Math.log(equity[k + 1] / equity[k]);
      y[k] = Math.log(close[k + 1] / close[k]);
    }
    const mx = sum(x) / m;
    const my = sum(y) / m;
    const xy = new Float64Array(m);
    const yy = new Float64Array(m);
    for (let k = 0; k < m; k++) {
      const dx = x[k] - mx;
      const dy = y[k] - my;
      xy[k] = dx * dy;
      yy[k] = dy * dy;
    }
    const f = 1 / (m - 1);
    beta = (sum(xy) * f) / (sum(yy) * f);
  }
  const alphaPct = returnPct - rf * 100 - beta * (buyHoldPct - rf * 100);

  // Durations are rounded up to the data's resolution; backtesting.py's fallback reports raw values as is.
  const ddDurMax = max(episodes.durations);
  const ddDurMean = meanOf(episodes.durations);
  const maxDdDuration = episodes.rawFallback ? ddDurMax : toDays(ddDurMax);
  const avgDdDuration = episodes.rawFallback ? ddDurMean : toDays(ddDurMean);

  // ---- trades ----
  const nTrades = trades.length;
  const pl = new Float64Array(nTrades);
  const rets = new Float64Array(nTrades);
  const durs = new Float64Array(nTrades);
  for (let k = 0; k < nTrades; k++) {
    pl[k] = trades[k].pnl;
    rets[k] = trades[k].returnPct;
    durs[k] = trades[k].exitTime - trades[k].entryTime;
  }
  let wins = 0;
  for (let k = 0; k < nTrades; k++) if (pl[k] > 0) wins++;
  const winRate = nTrades ? wins / nTrades : NaN;

  const gains = rets.filter((r) => r > 0);
  const losses = rets.filter((r) => r < 0);
  const profitFactor = sum(gains) / orNaN(Math.abs(sum(losses)));
  const sqn = (Math.sqrt(nTrades) * mean(pl)) / orNaN(Math.sqrt(variance(pl, 1)));
  const kelly = winRate - (1 - winRate) / (mean(pl.filter((p) => p > 0)) / -mean(pl.filter((p) => p < 0)));

  return {
    start: isoSeconds(time[0]),
    end: isoSeconds(time[n - 1]),
    duration_days: durMs / MS_PER_DAY,
    exposure_time_pct: (exposed / n) * 100,
    equity_final: orNull(equityFinal),
    equity_peak: orNull(equityPeak),
    commissions: orNull(commissions),
    return_pct: orNull(returnPct),
    buy_hold_return_pct: orNull(buyHoldPct),
    return_ann_pct: orNull(returnAnnPct),
    volatility_ann_pct: orNull(volAnnPct),
    cagr_pct: orNull(cagrPct),
    sharpe_ratio: orNull(sharpe),
    sortino_ratio: orNull(sortino),
    calmar_ratio: orNull(calmar),
    alpha_pct: orNull(alphaPct),
    beta: orNull(beta),
    max_drawdown_pct: orNull(maxDd * 100),
    avg_drawdown_pct: orNull(-meanOf(episodes.peaks) * 100),
    max_drawdown_duration_days: orNull(maxDdDuration),
    avg_drawdown_duration_days: orNull(avgDdDuration),
    trades: nTrades,
    win_rate_pct: orNull(winRate * 100),
    best_trade_pct: orNull(max(rets) * 100),
    worst_trade_pct: orNull(min(rets) * 100),
    avg_trade_pct: orNull(geometricMean(rets) * 100),
    max_trade_duration_days: orNull(toDays(max(durs))),
    avg_trade_duration_days: orNull(toDays(mean(durs))),
    profit_factor: orNull(profitFactor),
    expectancy_pct: orNull(mean(rets) * 100),
    sqn: orNull(sqn),
    kelly_criterion: orNull(kelly),
  };
}
