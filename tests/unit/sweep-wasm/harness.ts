import type { Bars } from '../../../src/core/compat';
import type { CompatStats } from '../../../src/core/stats';
import { compileNodeEngine } from '../../../src/adapters/node/engine-loader';
import { createEngine, type Engine } from '../../../src/engine/engine-module';
import type { SweepOptions, SweepParamsOf, SweepStrategy } from '../../../src/engine/sweep-engine';

/** All facades over one fresh instance of the built engine (run `npm run build:engine` first). */
export async function loadEngine(): Promise<Engine> {
  return createEngine(await compileNodeEngine());
}

/** What the facades give for one combination: CompatEngine.run, then StatsEngine.computeVector of its result. */
export function facadeVector<S extends SweepStrategy>(
  engine: Engine,
  bars: Bars,
  strategy: S,
  params: SweepParamsOf[S],
  options: SweepOptions = {},
): Float64Array {
  const { riskFreeRate, ...backtest } = options;
  const combination =
    strategy === 'sma-cross' ? { name: 'sma-cross' as const, params: params as SweepParamsOf['sma-cross'] } : { name: 'broker-probe' as const };
  const r = engine.compat.run(bars, combination, backtest);
  return engine.stats.computeVector({
    equity: r.equity,
    time: bars.time,
    close: bars.close,
    trades: r.trades,
    firstTradingBar: r.firstTradingBar,
    riskFreeRate,
  });
}

/** The same as a keyed table (StatsEngine.computeStats). */
export function facadeStats<S extends SweepStrategy>(
  engine: Engine,
  bars: Bars,
  strategy: S,
  params: SweepParamsOf[S],
  options: SweepOptions = {},
): CompatStats {
  const { riskFreeRate, ...backtest } = options;
  const combination =
    strategy === 'sma-cross' ? { name: 'sma-cross' as const, params: params as SweepParamsOf['sma-cross'] } : { name: 'broker-probe' as const };
  const r = engine.compat.run(bars, combination, backtest);
  return engine.stats.computeStats({
    equity: r.equity,
    time: bars.time,
    close: bars.close,
    trades: r.trades,
    firstTradingBar: r.firstTradingBar,
    riskFreeRate,
  });
}

/** Hex of the IEEE-754 bytes of row `row` (width 32): equal strings mean bit-identical rows, NaN payloads included. */
export function rowBits(stats: Float64Array, row: number, width = 32): string {
  return Buffer.from(stats.buffer, stats.byteOffset + row * width * 8, width * 8).toString('hex');
}

export function vectorBits(v: Float64Array): string {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex');
}

/** The error `run` throws, or null. */
export function thrown(run: () => unknown): Error | null {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  return null;
}

export async function thrownAsync(run: () => Promise<unknown>): Promise<Error | null> {
  try {
    await run();
  } catch (error) {
    return error as Error;
  }
  return null;
}

/** A grid of sma-cross combinations: fast × slow, some with a stop-loss and take-profit. */
export function smaGrid(fasts: readonly number[], slows: readonly number[], brackets = false): SweepParamsOf['sma-cross'][] {
  const out: SweepParamsOf['sma-cross'][] = [];
  for (const fast of fasts) {
    for (const slow of slows) {
      if (!brackets) out.push({ fast, slow });
      else out.push({ fast, slow, sl: (fast % 3) * 0.02 || undefined, tp: (slow % 4) * 0.03 || undefined });
    }
  }
  return out;
}
