import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { runBacktest, SmaCross, type BacktestOptionsInput, type Bars, type ClosedTradeRecord } from '../../../src/core/backtest';
import { computeStats, COMPAT_STATS_KEYS, type CompatStats } from '../../../src/core/stats';
import { loadSharedBars } from './load-csv';
import { Probe } from './probe-strategy';

// Cases beyond metrics.md's visible one, pinned to backtesting.py's own output (see the fixture's `_about`):
// other datasets and frequencies, spread, margin, fixed + relative commission, trade-on-close, SL/TP,
// finalize, hedging, every order type, an account wiped out, and the drawdown fallback quirk.

type Row = [string, number, number, number, number];
interface Case {
  name: string;
  data: string | null;
  rows?: number;
  retime?: { start: string; stepHours: number };
  inline?: Row[];
  strategy: 'sma' | 'probe';
  params: { fast?: number; slow?: number; sl?: number; tp?: number };
  options: BacktestOptionsInput;
  stats: Record<keyof CompatStats, string | number | null>;
  trades: Record<string, Record<keyof ClosedTradeRecord, number | null>>;
  equity: Record<string, number>;
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/backtesting-py-cases.json', import.meta.url), 'utf8')) as { cases: Case[] };

const DURATION_KEYS = new Set<keyof CompatStats>([
  'duration_days', 'max_drawdown_duration_days', 'avg_drawdown_duration_days', 'max_trade_duration_days', 'avg_trade_duration_days',
]);

function barsFor(c: Case): Bars {
  let bars: Bars;
  if (c.inline) {
    const col = (j: number): Float64Array => Float64Array.from(c.inline!.map((r) => r[j] as number));
    bars = {
      time: Float64Array.from(c.inline.map((r) => Date.parse(`${r[0]}T00:00:00Z`))),
      open: col(1), high: col(2), low: col(3), close: col(4), volume: new Float64Array(c.inline.length),
    };
  } else {
    bars = loadSharedBars(c.data!);
  }
  if (c.rows) {
    const r = c.rows;
    bars = {
      time: bars.time.slice(0, r), open: bars.open.slice(0, r), high: bars.high.slice(0, r),
      low: bars.low.slice(0, r), close: bars.close.slice(0, r), volume: bars.volume.slice(0, r),
    };
  }
  if (c.retime) {
    const t0 = Date.parse(`${c.retime.start}T00:00:00Z`);
    for (let k = 0; k < bars.time.length; k++) bars.time[k] = t0 + k * c.retime.stepHours * 3_600_000;
  }
  return bars;
}

function close(actual: number, expected: number, rtol: number): boolean {
  return actual === expected || Math.abs(actual - expected) <= rtol * Math.abs(expected);
}

for (const c of fixture.cases) {
  describe(`backtesting.py case ${c.name}`, () => {
    const bars = barsFor(c);
    const p = c.params;
    const strategy = c.strategy === 'sma' ? new SmaCross({ fast: p.fast!, slow: p.slow!, sl: p.sl, tp: p.tp }) : new Probe();
    const result = runBacktest(bars, strategy, c.options);
    const stats = computeStats({
      equity: result.equity, time: bars.time, close: bars.close, trades: result.trades, firstTradingBar: result.firstTradingBar,
    });

    it('matches every statistic', () => {
      const bad: string[] = [];
      for (const key of COMPAT_STATS_KEYS) {
        const e = c.stats[key];
        const a = stats[key];
        const ok =
          e === 'inf' ? a === Infinity
          : e === '-inf' ? a === -Infinity
          : typeof e === 'number' && typeof a === 'number' && !DURATION_KEYS.has(key) && key !== 'trades' ? close(a, e, 1e-6)
          : DURATION_KEYS.has(key) && typeof e === 'number' && typeof a === 'number' ? close(a, e, 1e-12)
          : a === e;
        if (!ok) bad.push(`${key}: ${String(a)} (expected ${String(e)})`);
      }
      expect(bad).toEqual([]);
    });

    it('has the same trades', () => {
      expect(result.trades).toHaveLength(c.stats.trades as number);
      for (const [k, e] of Object.entries(c.trades)) {
        const t = result.trades[Number(k)];
        expect(t.size, `trade ${k} size`).toBe(e.size);
        expect([t.entryBar, t.exitBar], `trade ${k} bars`).toEqual([e.entryBar, e.exitBar]);
        for (const f of ['entryPrice', 'exitPrice', 'pnl', 'commissions', 'returnPct'] as const) {
          expect(close(t[f], e[f] as number, 1e-9), `trade ${k} ${f}: ${t[f]} vs ${e[f]}`).toBe(true);
        }
        for (const f of ['sl', 'tp'] as const) {
          const a = t[f];
          const x = e[f];
          expect(a === null || x === null ? a === x : close(a, x, 1e-12), `trade ${k} ${f}: ${a} vs ${x}`).toBe(true);
        }
      }
    });

    it('has the same equity curve', () => {
      for (const [k, e] of Object.entries(c.equity)) {
        const a = result.equity[Number(k)];
        expect(close(a, e, 1e-9), `equity[${k}]: ${a} vs ${e}`).toBe(true);
      }
    });
  });
}
