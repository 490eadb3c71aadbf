/**
 * The LabRunner port over the TypeScript reference (src/core/lab/run.ts) and the TypeScript statistics, for tests
 * that compare it with the WASM engine: same timeline + config + strategy → the same bits.
 */
import type { LabConfigInput } from '../../src/core/lab/config';
import { runLab } from '../../src/core/lab/run';
import { labStatsTrades } from '../../src/core/lab/stats-trades';
import { labStrategy, type LabBuiltinSpec } from '../../src/core/lab/strategies/builtin';
import type { LabTimeline } from '../../src/core/lab/timeline';
import { computeStats } from '../../src/core/stats/compute';
import type { LabRun, LabRunner } from '../../src/ports/lab-runner';

export class ReferenceLabRunner implements LabRunner {
  constructor(readonly engineBuildHash: string) {}

  run(timeline: LabTimeline, config: LabConfigInput, strategy: LabBuiltinSpec): Promise<LabRun> {
    const result = runLab(timeline, config, { strategy: labStrategy(strategy) });
    const close = timeline.close.subarray(0, timeline.time.length);
    const stats = computeStats({ equity: result.nav, time: result.time, close, trades: labStatsTrades(result), firstTradingBar: 0 });
    return Promise.resolve({ result, stats });
  }
}
