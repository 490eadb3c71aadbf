import { beforeAll, describe, expect, it } from 'vitest';
import { runBacktest, SmaCross, type BacktestResult, type ClosedTradeRecord } from '../../../src/core/compat';
import type { CompatEngine, CompatStrategy } from '../../../src/engine/compat';
import { Probe } from '../compat/probe-strategy';
import { fixtureBars, fixtureCases } from '../compat/fixture';
import { loadCompatEngine } from './load-compat-engine';
import { expectSameResult } from './same-result';

// Every backtesting.py case of tests/unit/compat/fixtures through the engine: identical to the TypeScript
// reference bit for bit, and so to backtesting.py's pinned trades and equity. The sma-cross cases are the
// acceptance set; the probe cases run the engine's `broker-probe` twin of probe-strategy.ts over the same broker
// paths (limit, stop, stop-limit, partial closes, cancellations, hedging, an account wiped out).

function near(actual: number, expected: number, rtol: number): boolean {
  return actual === expected || Math.abs(actual - expected) <= rtol * Math.abs(expected);
}

let engine: CompatEngine;
beforeAll(async () => {
  engine = await loadCompatEngine();
});

for (const c of fixtureCases) {
  describe(`engine backtester, backtesting.py case ${c.name} (${c.strategy})`, () => {
    const bars = fixtureBars(c);
    const p = c.params;
    const sma = { fast: p.fast!, slow: p.slow!, sl: p.sl, tp: p.tp };
    const ref = runBacktest(bars, c.strategy === 'sma' ? new SmaCross(sma) : new Probe(), c.options);
    const spec: CompatStrategy = c.strategy === 'sma' ? { name: 'sma-cross', params: sma } : { name: 'broker-probe' };
    let wasm: BacktestResult;
    beforeAll(() => {
      wasm = engine.run(bars, spec, c.options);
    });

    it('is bit-identical to the TypeScript reference', () => {
      expectSameResult(wasm, ref);
    });

    it("matches backtesting.py's trades and equity", () => {
      expect(wasm.trades).toHaveLength(c.stats.trades as number);
      for (const [k, e] of Object.entries(c.trades)) {
        const t = wasm.trades[Number(k)];
        expect([t.size, t.entryBar, t.exitBar], `trade ${k}`).toEqual([e.size, e.entryBar, e.exitBar]);
        for (const f of ['entryPrice', 'exitPrice', 'pnl', 'commissions', 'returnPct'] as const satisfies readonly (keyof ClosedTradeRecord)[]) {
          expect(near(t[f], e[f] as number, 1e-9), `trade ${k} ${f}: ${t[f]} vs ${e[f]}`).toBe(true);
        }
      }
      for (const [k, e] of Object.entries(c.equity)) {
        expect(near(wasm.equity[Number(k)], e, 1e-9), `equity[${k}]: ${wasm.equity[Number(k)]} vs ${e}`).toBe(true);
      }
    });
  });
}

it('covers every sma-cross case of the fixture', () => {
  expect(fixtureCases.filter((c) => c.strategy === 'sma').length).toBeGreaterThanOrEqual(17);
});
