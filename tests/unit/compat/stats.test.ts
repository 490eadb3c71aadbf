import { describe, it, expect } from 'vitest';
import {
  annualization,
  computeStats,
  drawdownEpisodes,
  drawdownSeries,
  geometricMean,
  resolutionMs,
  sum,
  type StatsTrade,
} from '../../../src/core/stats';
import { loadSharedBars } from './load-csv';
import { MS_PER_DAY } from '../../../src/core/domain/time';

const MONDAY = Date.UTC(2024, 0, 1);

function days(n: number, step = MS_PER_DAY, from = MONDAY): Float64Array {
  return Float64Array.from({ length: n }, (_, k) => from + k * step);
}

function rel(a: number | null, b: number): number {
  if (a === null) return Infinity;
  return Math.abs(a - b) / Math.abs(b);
}

describe('drawdown episodes', () => {
  it('run from one new high to the next, or to the last bar', () => {
    const equity = Float64Array.from([100, 110, 99, 105, 110, 120, 90, 95]);
    const dd = drawdownSeries(equity);
    expect(dd[2]).toBeCloseTo(0.1, 15);
    expect(dd[6]).toBeCloseTo(0.25, 15);
    const ep = drawdownEpisodes(dd, days(8));
    // highs at bars 0, 1, 4, 5 (+ the last bar 7): episodes 1 -> 4 and 5 -> 7
    expect(ep.rawFallback).toBe(false);
    expect(ep.durations).toEqual([3 * MS_PER_DAY, 2 * MS_PER_DAY]);
    expect(ep.peaks[0]).toBeCloseTo(0.1, 15);
    expect(ep.peaks[1]).toBeCloseTo(0.25, 15);
  });

  it('fall back to the raw drawdown values when no episode spans two bars (backtesting.py quirk)', () => {
    const equity = Float64Array.from([100, 101, 102, 90]);
    const ep = drawdownEpisodes(drawdownSeries(equity), days(4));
    expect(ep.rawFallback).toBe(true);
    expect(ep.durations).toHaveLength(1);
    expect(ep.durations[0]).toBeCloseTo(1 - 90 / 102, 15);
  });
});

describe('geometric mean of returns', () => {
  it('compounds, treats NaN as 0 and collapses to 0 on a total loss', () => {
    expect(geometricMean([0.1, -0.5])).toBeCloseTo(Math.sqrt(1.1 * 0.5) - 1, 15);
    expect(geometricMean([NaN, 0.21])).toBeCloseTo(0.1, 15);
    expect(geometricMean([0.2, -1])).toBe(0);
    expect(geometricMean([])).toBeNaN();
  });
});

describe('summation order', () => {
  it('is numpy pairwise, not left to right', () => {
    const tenths = new Float64Array(10).fill(0.1);
    let naive = 0;
    for (const v of tenths) naive += v;
    expect(naive).toBe(0.9999999999999999);
    expect(sum(tenths)).toBe(1);
  });
});

describe('annualization', () => {
  it('uses 252 periods for weekday-only daily bars', () => {
    expect(annualization(loadSharedBars('GOOG.csv').time)).toEqual({ periodsPerYear: 252, rule: 'day' });
  });
  it('uses 365 when weekends are present', () => {
    expect(annualization(days(30))).toEqual({ periodsPerYear: 365, rule: 'day' });
  });
  it('uses 52 for weekly bars and 12 for monthly bars', () => {
    expect(annualization(days(30, 7 * MS_PER_DAY))).toEqual({ periodsPerYear: 52, rule: 'week' });
    expect(annualization(loadSharedBars('BTCUSD.csv').time)).toEqual({ periodsPerYear: 12, rule: 'month' });
  });
  it('resamples hourly bars to days', () => {
    const eur = loadSharedBars('EURUSD.csv').time;
    expect(annualization(eur)).toEqual({ periodsPerYear: 252, rule: 'day' });
    expect(resolutionMs(3_600_000)).toBe(3_600_000);
  });
});

describe('computeStats on a hand-made series', () => {
  const equity = Float64Array.from([100, 110, 99, 105, 110, 120, 90, 95]);
  const time = days(8); // Monday to Monday: 2 of 8 bars on a weekend -> 365 periods a year
  const trades: StatsTrade[] = [
    { entryBar: 0, exitBar: 2, pnl: 50, returnPct: 0.1, commissions: 1, entryTime: time[0], exitTime: time[2] },
    { entryBar: 4, exitBar: 5, pnl: -20, returnPct: -0.04, commissions: 2, entryTime: time[4], exitTime: time[5] },
  ];
  const s = computeStats({ equity, time, close: equity, trades, firstTradingBar: 2 });

  it('summarises the equity curve', () => {
    expect(s.start).toBe('2024-01-01T00:00:00');
    expect(s.end).toBe('2024-01-08T00:00:00');
    expect(s.duration_days).toBe(7);
    expect(s.exposure_time_pct).toBe(62.5); // bars 0-2 and 4-5 of 8
    expect(s.equity_final).toBe(95);
    expect(s.equity_peak).toBe(120);
    expect(s.commissions).toBe(3);
    expect(s.return_pct).toBeCloseTo(-5, 12);
    expect(rel(s.buy_hold_return_pct, ((95 - 99) / 99) * 100)).toBeLessThan(1e-12);
  });

  it('annualises the compounded daily return', () => {
    // geometric mean daily return g = 0.95^(1/7) - 1, annualised (1 + g)^365 - 1
    expect(rel(s.return_ann_pct, (Math.pow(0.95, 365 / 7) - 1) * 100)).toBeLessThan(1e-9);
    expect(rel(s.cagr_pct, (Math.pow(0.95, 365.25 / 7) - 1) * 100)).toBeLessThan(1e-9);
  });

  it('measures drawdowns, rounding durations up to whole days', () => {
    expect(s.max_drawdown_pct).toBeCloseTo(-25, 12);
    expect(s.avg_drawdown_pct).toBeCloseTo(-17.5, 12);
    expect(s.max_drawdown_duration_days).toBe(3);
    expect(s.avg_drawdown_duration_days).toBe(3); // mean 2.5 days, rounded up
  });

  it('has beta 1 and alpha = return - buy & hold against itself', () => {
    expect(s.beta).toBe(1);
    expect(rel(s.alpha_pct, -5 - ((95 - 99) / 99) * 100)).toBeLessThan(1e-12);
  });

  it('summarises the trades', () => {
    expect(s.trades).toBe(2);
    expect(s.win_rate_pct).toBe(50);
    expect(s.best_trade_pct).toBeCloseTo(10, 12);
    expect(s.worst_trade_pct).toBeCloseTo(-4, 12);
    expect(rel(s.avg_trade_pct, (Math.sqrt(1.1 * 0.96) - 1) * 100)).toBeLessThan(1e-12);
    expect(s.max_trade_duration_days).toBe(2);
    expect(s.avg_trade_duration_days).toBe(2); // mean 1.5 days, rounded up
    expect(s.profit_factor).toBeCloseTo(2.5, 12);
    expect(s.expectancy_pct).toBeCloseTo(3, 12);
    // sqrt(2) * mean 15 / std(50, -20) = sqrt(2) * 15 / (70 / sqrt(2)) = 30 / 70
    expect(s.sqn).toBeCloseTo(30 / 70, 12);
    // 0.5 - 0.5 / (50 / 20)
    expect(s.kelly_criterion).toBeCloseTo(0.3, 12);
  });
});

describe('computeStats edge cases', () => {
  it('gives null for what is undefined without trades or risk', () => {
    const n = 10;
    const s = computeStats({
      equity: new Float64Array(n).fill(10_000),
      time: days(n),
      close: Float64Array.from({ length: n }, (_, k) => 100 + k),
      trades: [],
      firstTradingBar: 0,
    });
    expect(s.trades).toBe(0);
    expect(s.exposure_time_pct).toBe(0);
    expect(s.commissions).toBe(0);
    expect(s.return_ann_pct).toBe(0);
    for (const key of [
      'win_rate_pct',
      'best_trade_pct',
      'worst_trade_pct',
      'avg_trade_pct',
      'max_trade_duration_days',
      'avg_trade_duration_days',
      'profit_factor',
      'expectancy_pct',
      'sqn',
      'kelly_criterion',
      'sharpe_ratio',
      'sortino_ratio',
      'calmar_ratio',
      'avg_drawdown_pct',
      'max_drawdown_duration_days',
      'avg_drawdown_duration_days',
    ] as const) {
      expect(s[key], key).toBeNull();
    }
  });

  it('gives an infinite Sortino ratio when no period loses', () => {
    const equity = Float64Array.from({ length: 10 }, (_, k) => 100 + k);
    const s = computeStats({ equity, time: days(10), close: equity, trades: [], firstTradingBar: 0 });
    expect(s.sortino_ratio).toBe(Infinity);
  });

  it('rounds durations of hourly data up to whole hours', () => {
    const time = days(6, 3_600_000);
    const equity = Float64Array.from([100, 90, 95, 100, 99, 99]);
    const s = computeStats({ equity, time, close: equity, trades: [], firstTradingBar: 0 });
    // episodes 0 -> 3 (3 h) and 3 -> 5 (2 h, to the last bar)
    expect(s.max_drawdown_duration_days).toBe(3 / 24);
    expect(s.avg_drawdown_duration_days).toBe(3 / 24); // mean 2.5 h, rounded up
  });
});
