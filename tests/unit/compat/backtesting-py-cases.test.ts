import { describe, it, expect } from 'vitest';
import { runBacktest } from '../../../src/core/compat';
import { computeStats, COMPAT_STATS_KEYS, type CompatStats } from '../../../src/core/stats';
import { fixtureBars, fixtureCases, fixtureStrategy } from './fixture';

// Cases beyond metrics.md's visible one, pinned to backtesting.py's own output (see the fixture's `_about`):
// other datasets and frequencies, spread, margin, fixed + relative commission, trade-on-close, SL/TP,
// finalize, hedging, every order type, an account wiped out, and the drawdown fallback quirk.

const DURATION_KEYS = new Set<keyof CompatStats>([
  'duration_days',
  'max_drawdown_duration_days',
  'avg_drawdown_duration_days',
  'max_trade_duration_days',
  'avg_trade_duration_days',
]);

function close(actual: number, expected: number, rtol: number): boolean {
  return actual === expected || Math.abs(actual - expected) <= rtol * Math.abs(expected);
}

for (const c of fixtureCases) {
  describe(`backtesting.py case ${c.name}`, () => {
    const bars = fixtureBars(c);
    const result = runBacktest(bars, fixtureStrategy(c), c.options);
    const stats = computeStats({
      equity: result.equity,
      time: bars.time,
      close: bars.close,
      trades: result.trades,
      firstTradingBar: result.firstTradingBar,
    });

    it('matches every statistic', () => {
      const bad: string[] = [];
      for (const key of COMPAT_STATS_KEYS) {
        const e = c.stats[key];
        const a = stats[key];
        const ok =
          e === 'inf'
            ? a === Infinity
            : e === '-inf'
              ? a === -Infinity
              : typeof e === 'number' && typeof a === 'number' && !DURATION_KEYS.has(key) && key !== 'trades'
                ? close(a, e, 1e-6)
                : DURATION_KEYS.has(key) && typeof e === 'number' && typeof a === 'number'
                  ? close(a, e, 1e-12)
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
