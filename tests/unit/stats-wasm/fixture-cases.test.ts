import { describe, it, expect, beforeAll } from 'vitest';
import { runBacktest } from '../../../src/core/compat';
import { computeStats } from '../../../src/core/stats';
import type { StatsEngine } from '../../../src/engine/stats-engine';
import { fixtureBars, fixtureCases, fixtureExpected, fixtureStrategy } from './fixture-bars';
import { loadStatsEngine, statsMismatches } from './harness';

// Every backtesting.py case of tests/unit/compat/fixtures: the backtest runs in the TypeScript reference, the
// statistics in WASM; they must match backtesting.py's table (rtol 1e-6; durations to float precision, the trade
// count exactly) and the TypeScript computeStats (rtol 1e-12; timestamps, durations and the count exactly).
let engine: StatsEngine;
beforeAll(async () => {
  engine = await loadStatsEngine();
});

for (const c of fixtureCases) {
  describe(`WASM statistics: backtesting.py case ${c.name}`, () => {
    const bars = fixtureBars(c);
    const result = runBacktest(bars, fixtureStrategy(c), c.options);
    const input = {
      equity: result.equity,
      time: bars.time,
      close: bars.close,
      trades: result.trades,
      firstTradingBar: result.firstTradingBar,
    };

    it('matches backtesting.py', () => {
      expect(statsMismatches(engine.computeStats(input), fixtureExpected(c), 1e-6, 1e-12)).toEqual([]);
    });

    it('matches the TypeScript computeStats', () => {
      expect(statsMismatches(engine.computeStats(input), computeStats(input), 1e-12)).toEqual([]);
    });
  });
}
