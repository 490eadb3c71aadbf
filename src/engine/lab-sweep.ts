/**
 * One sweep worker's lab runs: the universe's aligned timeline held once, then chunks of combinations of one
 * lab-profile strategy, each run exactly as a version-2 experiment runs it (the parameters checked and completed
 * by the registry, the strategy's built-in spec, InProcessLabRunner: the same engine call and the same
 * statistics), so row c equals the experiment's statistics bit for bit. A combination that fails keeps its
 * message and a NaN row; the rest of the chunk still runs.
 */
import type { LabConfigInput } from '../core/lab/config';
import type { LabTimeline } from '../core/lab/timeline';
import { COMPAT_STATS_KEYS, type CompatStats } from '../core/stats/types';
import { findStrategy, validateStrategyParams } from '../core/strategies/registry';
import { LAB_SWEEP_EXTRA_KEYS, type LabSweepChunk } from '../core/sweeps/lab-job';
import { combinationParams } from '../core/sweeps/plan';
import type { CombinationFailure } from '../core/sweeps/results';
import { attribution } from '../core/universe/attribution';
import type { Engine } from './engine-module';
import { InProcessLabRunner } from './lab-runner';

const WIDTH = COMPAT_STATS_KEYS.length;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A statistics table as a sweep row (COMPAT_STATS_KEYS order, as SweepResults holds it): numbers as they are,
 * undefined as NaN, start/end (UTC ISO seconds without a zone) as epoch ms.
 */
export function statsRow(stats: CompatStats, out: Float64Array, at: number): void {
  COMPAT_STATS_KEYS.forEach((key, i) => {
    const v = stats[key];
    out[at + i] = typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Date.parse(`${v}Z`) : NaN;
  });
}

export interface LabChunkRows {
  from: number;
  stats: Float64Array;
  /** LAB_SWEEP_EXTRA_KEYS per combination. */
  extras: Float64Array;
  failures: CombinationFailure[];
}

/** The portfolio's turnover: the attribution table's per instrument, summed in instrument order. */
function turnover(timeline: LabTimeline, run: Awaited<ReturnType<InProcessLabRunner['run']>>, cash: number): number {
  const r = run.result;
  const a = attribution({
    instruments: timeline.instruments.length,
    positions: r.positions,
    close: timeline.close,
    nav: r.nav,
    cash,
    fills: r.fills,
  });
  let sum = 0;
  for (const t of a.turnover) sum += t;
  return sum;
}

export class LabSweepEngine {
  private readonly runner: InProcessLabRunner;
  private timeline: LabTimeline | null = null;

  constructor(engine: Engine) {
    // The build hash names results; a sweep row has none.
    this.runner = new InProcessLabRunner(engine, '');
  }

  prepare(timeline: LabTimeline): void {
    this.timeline = timeline;
  }

  get prepared(): LabTimeline | null {
    return this.timeline;
  }

  async run(chunk: LabSweepChunk): Promise<LabChunkRows> {
    const timeline = this.requireTimeline();
    const entry = findStrategy(chunk.strategy);
    const stats = new Float64Array(chunk.count * WIDTH).fill(NaN);
    const E = LAB_SWEEP_EXTRA_KEYS.length;
    const extras = new Float64Array(chunk.count * E).fill(NaN);
    const failures: CombinationFailure[] = [];
    for (let k = 0; k < chunk.count; k++) {
      try {
        const params = validateStrategyParams(entry, combinationParams(chunk.paramNames, chunk.values, k), 'lab');
        const run = await this.runner.run(timeline, chunk.config, entry.lab.spec(params));
        statsRow(run.stats, stats, k * WIDTH);
        extras[k * E] = turnover(timeline, run, chunk.config.cash ?? NaN);
      } catch (error) {
        failures.push({ combination: chunk.from + k, message: messageOf(error) });
      }
    }
    return { from: chunk.from, stats, extras, failures };
  }

  /** One combination's NAV over the timeline (the best run's, for its deflated Sharpe ratio). */
  async nav(strategy: string, params: Record<string, number>, config: LabConfigInput): Promise<Float64Array> {
    const entry = findStrategy(strategy);
    const run = await this.runner.run(this.requireTimeline(), config, entry.lab.spec(validateStrategyParams(entry, params, 'lab')));
    return run.result.nav.slice();
  }

  private requireTimeline(): LabTimeline {
    if (!this.timeline) throw new Error('lab sweep worker has no universe: call prepareUniverse() first');
    return this.timeline;
  }
}
