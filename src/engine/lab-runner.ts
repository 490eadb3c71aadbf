/**
 * The LabRunner port over one engine instance in this thread (in-process in Node, inside the browser's engine
 * worker): a built-in strategy's spec becomes its strategy object, which the WASM engine recognises and runs
 * entirely inside the module. Statistics come from the engine's stats module over NAV and the closed trades.
 */
import type { LabConfigInput } from '../core/lab/config';
import { labStatsTrades } from '../core/lab/stats-trades';
import { labStrategy, type LabBuiltinSpec } from '../core/lab/strategies/builtin';
import type { LabTimeline } from '../core/lab/timeline';
import type { LabRun, LabRunner } from '../ports/lab-runner';
import type { Engine } from './engine-module';

export class InProcessLabRunner implements LabRunner {
  constructor(
    private readonly engine: Engine,
    readonly engineBuildHash: string,
  ) {}

  async run(timeline: LabTimeline, config: LabConfigInput, strategy: LabBuiltinSpec): Promise<LabRun> {
    const result = this.engine.lab.runLabWasm(timeline, config, { strategy: labStrategy(strategy) });
    // Buy & hold of the first instrument (instrument-major layout: its closes are the first T values).
    const close = timeline.close.subarray(0, timeline.time.length);
    const stats = this.engine.stats.computeStats({
      equity: result.nav,
      time: result.time,
      close,
      trades: labStatsTrades(result),
      firstTradingBar: 0,
    });
    return { result, stats };
  }
}
