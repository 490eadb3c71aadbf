import { describe, it, expect, beforeAll } from 'vitest';
import fc from 'fast-check';
import { runBacktest } from '../../../src/core/compat';
import { COMPAT_STATS_KEYS, computeStats } from '../../../src/core/stats';
import type { StatsEngine } from '../../../src/engine/stats-engine';
import { transcendentalConditioning, TRANSCENDENTAL_KEYS, type TranscendentalKey } from './conditioning';
import { loadStatsEngine, relDiff } from './harness';
import { marketCase } from './random-market';

const EPS = 2 ** -52;
const RTOL = 1e-12;
const SEED = 20_261_121;
const RUNS = 400;
const transcendental = new Set<string>(TRANSCENDENTAL_KEYS);

describe('WASM statistics ≡ TypeScript computeStats on random backtests', () => {
  let engine: StatsEngine;
  beforeAll(async () => {
    engine = await loadStatsEngine();
  });

  it(`agree on ${RUNS} random price paths, strategies and broker settings (seed ${SEED})`, () => {
    let withTrades = 0;
    let beyondRtol = 0;
    fc.assert(
      fc.property(marketCase, (c) => {
        const r = runBacktest(c.bars, c.strategy(), c.options);
        const input = { equity: r.equity, time: c.bars.time, close: c.bars.close, trades: r.trades, firstTradingBar: r.firstTradingBar };
        const ts = computeStats(input);
        const wasm = engine.computeStats(input);
        if (r.trades.length > 0) withTrades++;
        const kappa = transcendentalConditioning(input, ts);
        const bad: string[] = [];
        let beyond = false;
        for (const key of COMPAT_STATS_KEYS) {
          const d = relDiff(wasm[key], ts[key]);
          // Keys without log/exp/pow are the same arithmetic in the same order: identical bits. The others agree
          // to 1e-12, or to what their conditioning allows for one-ulp differences of log/exp/pow (conditioning.ts).
          const limit = transcendental.has(key) ? Math.max(RTOL, 2 * EPS * kappa[key as TranscendentalKey]) : 0;
          if (d > RTOL) beyond = true;
          if (!(d <= limit)) bad.push(`${key}: wasm ${String(wasm[key])} ts ${String(ts[key])} rel ${d} limit ${limit}`);
        }
        if (beyond) beyondRtol++;
        if (bad.length > 0) throw new Error(`${c.label}\n${bad.join('\n')}`);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // The generator must exercise the trade statistics, and the widened limits must stay the exception.
    expect(withTrades).toBeGreaterThan(RUNS / 2);
    expect(beyondRtol).toBeLessThan(RUNS / 50);
  });
});
