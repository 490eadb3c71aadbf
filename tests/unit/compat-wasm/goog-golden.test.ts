import { beforeAll, describe, expect, it } from 'vitest';
import { runBacktest, SmaCross, type BacktestResult } from '../../../src/core/compat';
import { computeStats } from '../../../src/core/stats';
import type { CompatEngine } from '../../../src/engine/compat';
import { loadSharedBars } from '../compat/load-csv';
import { loadCompatInstance } from './load-compat-engine';
import { bits, expectSameResult } from './same-result';

// metrics.md's visible acceptance case through the engine: GOOG daily, sma-cross 10/20, cash 10,000,
// commission 0.002, exclusive orders, no finalize.
const OPTIONS = { cash: 10_000, commission: 0.002, exclusiveOrders: true, finalizeTrades: false };

describe('engine backtester: GOOG sma-cross 10/20 (metrics.md visible case)', () => {
  const bars = loadSharedBars('GOOG.csv');
  const ref = runBacktest(bars, new SmaCross({ fast: 10, slow: 20 }), OPTIONS);
  let engine: CompatEngine;
  let memory: WebAssembly.Memory;
  let wasm: BacktestResult;
  beforeAll(async () => {
    ({ engine, memory } = await loadCompatInstance());
    wasm = engine.run(bars, { name: 'sma-cross', params: { fast: 10, slow: 20 } }, OPTIONS);
  });

  it('is bit-identical to the TypeScript reference (equity, every trade field, open trades, cash, notes)', () => {
    expectSameResult(wasm, ref);
  });

  it('has backtesting.py golden trades', () => {
    expect(wasm.firstTradingBar).toBe(19);
    expect(wasm.startBar).toBe(20);
    expect(wasm.trades).toHaveLength(93);
    expect(wasm.openTrades).toHaveLength(1);
    const expected = [
      { size: -59, entryBar: 63, exitBar: 75, entryPrice: 169.02, exitPrice: 179.13, pnl: -637.5717 },
      { size: 52, entryBar: 75, exitBar: 85, entryPrice: 179.13, exitPrice: 182.0, pnl: 111.68248 },
      { size: -51, entryBar: 85, exitBar: 88, entryPrice: 182.0, exitPrice: 187.45, pnl: -315.6339 },
    ];
    expected.forEach((e, k) => {
      const t = wasm.trades[k];
      expect([t.size, t.entryBar, t.exitBar, t.entryPrice, t.exitPrice]).toEqual([e.size, e.entryBar, e.exitBar, e.entryPrice, e.exitPrice]);
      expect(Math.abs(t.pnl - e.pnl) / Math.abs(e.pnl), `trade ${k} pnl ${t.pnl}`).toBeLessThanOrEqual(1e-9);
    });
  });

  it('has backtesting.py golden equity and statistics', () => {
    const last = [55199.53934, 55155.37934, 55821.22934, 55919.20934, 56263.51934];
    Array.from(wasm.equity.slice(-5)).forEach((v, k) => expect(Math.abs(v - last[k]) / last[k]).toBeLessThanOrEqual(1e-9));
    const stats = computeStats({
      equity: wasm.equity,
      time: bars.time,
      close: bars.close,
      trades: wasm.trades,
      firstTradingBar: wasm.firstTradingBar,
    });
    const golden = {
      equity_final: 56263.51934000004,
      equity_peak: 56309.05934000004,
      commissions: 10563.951540000002,
      sharpe_ratio: 0.6007399729861899,
      sqn: 1.5843922090024816,
    };
    for (const [key, value] of Object.entries(golden)) {
      expect(Math.abs((stats[key as keyof typeof stats] as number) - value) / value, key).toBeLessThanOrEqual(1e-6);
    }
    expect(stats.trades).toBe(93);
  });

  it('reuses its buffers: once a sweep has run, running it again neither changes results nor grows memory', () => {
    const sweep = (): string[] => {
      const out: string[] = [];
      for (let fast = 2; fast < 42; fast++) {
        const params = { fast, slow: fast + 7, sl: fast % 3 === 0 ? 0.05 : undefined, tp: fast % 2 === 0 ? 0.1 : undefined };
        out.push(bits(engine.run(bars, { name: 'sma-cross', params }, OPTIONS).equity));
      }
      return out;
    };
    const first = sweep();
    const before = memory.buffer.byteLength;
    expect(sweep()).toEqual(first);
    expect(memory.buffer.byteLength).toBe(before);
    const again = engine.run(bars, { name: 'sma-cross', params: { fast: 10, slow: 20 } }, OPTIONS);
    expect(bits(again.equity)).toBe(bits(wasm.equity));
    expectSameResult(again, ref);
  });
});
