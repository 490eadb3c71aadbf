import { describe, expect, it } from 'vitest';
import { extendedReport, type ExtendedReport } from '../../../src/core/report';
import { loadGoogBuyAndHold } from './goog-curve';
import { MS_PER_DAY, MS_PER_HOUR } from '../../../src/core/domain/time';

/**
 * Buy-and-hold GOOG (2004-08-19 … 2013-03-01, 2148 daily bars at 00:00 UTC). Every value is checked twice:
 * against a deliberately naive second implementation below (other formulas, plain loops, sort-based quantiles,
 * Simpson-integrated Φ), and against literals computed independently with numpy 1.17 and Python's
 * statistics.NormalDist (the numbers in `NUMPY`).
 */
const g = loadGoogBuyAndHold();
const TRIALS = { count: 50, sharpeVariance: 0.3, units: 'annualized' as const };
const report = extendedReport({ equity: g.equity, time: g.time, trials: TRIALS });

// ---- the naive second implementation ----
const r: number[] = []; // daily returns from the closes (equity is proportional to close)
const endDate: string[] = []; // the date each return ends on
for (let k = 1; k < g.close.length; k++) {
  r.push(g.close[k] / g.close[k - 1] - 1);
  endDate.push(g.dates[k]);
}
const n = r.length;
const sorted = [...r].sort((a, b) => a - b);
function type7(q: number): number {
  const h = (n - 1) * q;
  const j = Math.floor(h);
  return (1 - (h - j)) * sorted[j] + (h - j) * sorted[j + 1];
}
let plainMean = 0;
for (const x of r) plainMean += x;
plainMean /= n;
let c2 = 0,
  c3 = 0,
  c4 = 0; // population central moments
for (const x of r) {
  const d = x - plainMean;
  c2 += (d * d) / n;
  c3 += (d * d * d) / n;
  c4 += (d * d * d * d) / n;
}
const g1 = c3 / c2 ** 1.5;
const g2 = c4 / (c2 * c2) - 3;
const naiveSkew = (g1 * Math.sqrt(n * (n - 1))) / (n - 2);
const naiveKurt = ((n - 1) / ((n - 2) * (n - 3))) * ((n + 1) * g2 + 6);
const naiveSharpe = plainMean / Math.sqrt((c2 * n) / (n - 1));

function simpsonCdf(x: number): number {
  const steps = 4000;
  const h = x / steps;
  const pdf = (t: number): number => Math.exp(-0.5 * t * t) / Math.sqrt(2 * Math.PI);
  let s = pdf(0) + pdf(x);
  for (let i = 1; i < steps; i++) s += (i % 2 === 1 ? 4 : 2) * pdf(i * h);
  return 0.5 + (s * h) / 3;
}
function bisectQuantile(p: number): number {
  let lo = -10,
    hi = 10;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (simpsonCdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
function naivePsr(benchmark: number): number {
  const sr = naiveSharpe;
  return simpsonCdf(((sr - benchmark) * Math.sqrt(n - 1)) / Math.sqrt(1 - naiveSkew * sr + ((naiveKurt + 3 - 1) / 4) * sr * sr));
}

function groupCompounded(keyLength: number): Map<string, number> {
  const groups = new Map<string, number>();
  r.forEach((x, k) => {
    const key = endDate[k].slice(0, keyLength);
    groups.set(key, (groups.get(key) ?? 1) * (1 + x));
  });
  for (const [key, v] of groups) groups.set(key, v - 1);
  return groups;
}
const months = groupCompounded(7);
const years = groupCompounded(4);

let wealth = 1,
  peak = 1,
  worstDd = 0,
  sumSq = 0;
const ddByDay: number[] = [];
for (let k = 0; k < n; k++) {
  wealth *= 1 + r[k];
  peak = Math.max(peak, wealth);
  const dd = wealth / peak - 1;
  ddByDay.push(dd);
  worstDd = Math.min(worstDd, dd);
  sumSq += dd * dd;
}
let longest = 0;
for (let k = 0; k < n; k++) {
  if (!(ddByDay[k] < 0) || (k > 0 && ddByDay[k - 1] < 0)) continue; // k starts an underwater run
  let last = k;
  while (last + 1 < n && ddByDay[last + 1] < 0) last++;
  longest = Math.max(longest, (Date.parse(endDate[last]) - Date.parse(endDate[k])) / MS_PER_DAY + 1);
}

function close(actual: number | null, expected: number, rtol = 1e-9): void {
  expect(actual).not.toBeNull();
  const err = Math.abs((actual as number) - expected) / Math.max(Math.abs(expected), 1e-300);
  expect(err, `got ${actual}, expected ${expected}`).toBeLessThan(rtol);
}

// ---- literals from numpy 1.17 / Python statistics.NormalDist on the same daily returns ----
const NUMPY: Partial<Record<keyof ExtendedReport, number>> = {
  var_95_daily: -0.030780025087434836, // np.percentile(r, 5)
  cvar_95_daily: -0.0480895849826603, // np.sort(r)[:int((n-1)*0.05)+1].mean()
  skew: 0.750929184960378,
  kurtosis: 8.977884467756585,
  omega_ratio: 1.1797198797718698,
  tail_ratio: 1.0380128933001558,
  best_day_pct: 19.991546914623815,
  worst_day_pct: -11.609131403118035,
  best_month_pct: 47.0987654320987, // 2004-10
  worst_month_pct: -18.477292965271563,
  best_year_pct: 115.18750972560822, // 2005
  worst_year_pct: -55.50847457627117, // 2008
  ulcer_index: 0.25124832977327527,
  recovery_factor: 10.773578802855964,
  sharpe_ratio_daily: 0.05553045028749923,
  probabilistic_sharpe_ratio: 0.995555452680773,
  expected_max_sharpe_daily: 0.07853991836969218,
  deflated_sharpe_ratio: 0.13916467430447693,
};

describe('extended report on GOOG buy & hold', () => {
  it('sees 2147 daily returns of a weekday calendar (252 a year)', () => {
    expect(report.daily_return_count).toBe(2147);
    expect(report.annualization_factor).toBe(252);
  });

  it('tail risk agrees with sort-based quantiles and a plain tail mean', () => {
    close(report.var_95_daily, type7(0.05), 1e-12);
    const k = Math.floor((n - 1) * 0.05) + 1;
    let tail = 0;
    for (let i = 0; i < k; i++) tail += sorted[i];
    close(report.cvar_95_daily, tail / k, 1e-12);
    close(report.tail_ratio, Math.abs(type7(0.95)) / Math.abs(type7(0.05)), 1e-12);
    expect(report.cvar_95_daily as number).toBeLessThan(report.var_95_daily as number);
  });

  it('omega, skew, kurtosis and Sharpe agree with loop and population-moment formulas', () => {
    let up = 0,
      down = 0;
    for (const x of r) {
      if (x > 0) up += x;
      else down -= x;
    }
    close(report.omega_ratio, up / down, 1e-12);
    close(report.skew, naiveSkew, 1e-9);
    close(report.kurtosis, naiveKurt, 1e-9);
    close(report.sharpe_ratio_daily, naiveSharpe, 1e-11);
  });

  it('best/worst periods and the monthly table agree with compounding grouped by date strings', () => {
    close(report.best_day_pct, Math.max(...r) * 100, 1e-12);
    close(report.worst_day_pct, Math.min(...r) * 100, 1e-12);
    close(report.best_month_pct, Math.max(...months.values()) * 100, 1e-11);
    close(report.worst_month_pct, Math.min(...months.values()) * 100, 1e-11);
    close(report.best_year_pct, Math.max(...years.values()) * 100, 1e-11);
    close(report.worst_year_pct, Math.min(...years.values()) * 100, 1e-11);
    expect(report.monthly_returns).toHaveLength(months.size);
    expect(report.monthly_returns).toHaveLength(104); // 2004-08 … 2013-03
    for (const cell of report.monthly_returns) {
      const key = `${cell.year}-${String(cell.month).padStart(2, '0')}`;
      expect(months.has(key), key).toBe(true);
      const want = (months.get(key) as number) * 100;
      expect(Math.abs(cell.return_pct - want), key).toBeLessThan(1e-10 * Math.max(1, Math.abs(want)));
    }
    expect(report.monthly_returns[0]).toMatchObject({ year: 2004, month: 8 });
    expect(report.monthly_returns[103]).toMatchObject({ year: 2013, month: 3 });
  });

  it('drawdown measures agree with a wealth walk', () => {
    expect(report.longest_drawdown_days).toBe(longest);
    expect(report.longest_drawdown_days).toBe(1781);
    close(report.ulcer_index, Math.sqrt(sumSq / (n - 1)), 1e-11);
    close(report.recovery_factor, (wealth - 1) / -worstDd, 1e-11);
  });

  it('PSR and DSR agree with Simpson-integrated Φ and a bisected Φ⁻¹', () => {
    const v = TRIALS.sharpeVariance / 252;
    const gamma = 0.5772156649015329;
    const sr0 = Math.sqrt(v) * ((1 - gamma) * bisectQuantile(1 - 1 / 50) + gamma * bisectQuantile(1 - 1 / (50 * Math.E)));
    close(report.probabilistic_sharpe_ratio, naivePsr(0), 1e-9);
    close(report.expected_max_sharpe_daily, sr0, 1e-9);
    close(report.deflated_sharpe_ratio, naivePsr(sr0), 1e-8);
    expect(report.deflated_sharpe_ratio as number).toBeLessThan(report.probabilistic_sharpe_ratio as number);
  });

  it('matches the numpy / Python literals', () => {
    for (const [key, want] of Object.entries(NUMPY)) {
      const got = report[key as keyof ExtendedReport] as number | null;
      expect(got, key).not.toBeNull();
      expect(Math.abs((got as number) - want) / Math.abs(want), key).toBeLessThan(1e-9);
    }
  });

  it('ignores intraday wiggles: extra bars before each close leave the report unchanged', () => {
    const time: number[] = [g.time[0]];
    const equity: number[] = [g.equity[0]];
    for (let k = 1; k < g.time.length; k++) {
      // 00:00 a noisy value, 12:00 another, 20:00 the day's equity
      const wiggle = 1 + 0.03 * Math.sin(k * 1.7);
      time.push(g.time[k], g.time[k] + 12 * MS_PER_HOUR, g.time[k] + 20 * MS_PER_HOUR);
      equity.push(g.equity[k] * wiggle, g.equity[k] / wiggle, g.equity[k]);
    }
    const intraday = extendedReport({ equity: Float64Array.from(equity), time: Float64Array.from(time), trials: TRIALS });
    expect(intraday).toEqual(report);
  });
});
