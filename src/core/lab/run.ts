import { BarContext, revealUpTo } from './bar-context';
import { resolveLabConfig, type LabConfig, type LabConfigInput } from './config';
import { LabEngine } from './engine';
import { EngineConfigError } from './errors';
import type { LabCore } from './lab-core';
import { collectResult, labEngineState, type LabResult } from './result';
import { rebalanceTable, scheduleTable, type RebalanceInput, type RebalanceTable, type ScheduledEntry, type ScheduleTable } from './schedule';
import type { Strategy } from './strategy';
import { validateTimeline, type LabTimeline } from './timeline';

/** The three order sources; any combination (none at all gives a flat cash curve). */
export interface LabSources {
  readonly strategy?: Strategy;
  readonly rebalances?: readonly RebalanceInput[];
  readonly scheduled?: readonly ScheduledEntry[];
}

/** A run's inputs after validation: the resolved config and the numeric source tables. */
export interface PreparedLabRun {
  readonly timeline: LabTimeline;
  readonly cfg: LabConfig;
  readonly names: ReadonlyMap<string, number>;
  readonly rebalances: RebalanceTable;
  readonly schedule: ScheduleTable;
  readonly strategy: Strategy | undefined;
}

/**
 * Validates the timeline, the config and the sources and turns the sources into flat tables: everything before
 * the bar loop, shared by every implementation so that they reject the same inputs with the same errors.
 */
export function prepareLabRun(timeline: LabTimeline, config: LabConfigInput = {}, sources: LabSources = {}): PreparedLabRun {
  validateTimeline(timeline);
  const K = timeline.instruments.length;
  const cfg = resolveLabConfig(config, K);
  const names = new Map<string, number>();
  timeline.instruments.forEach((name, k) => names.set(name, k));
  for (const key of Object.keys(sources)) {
    if (key !== 'strategy' && key !== 'rebalances' && key !== 'scheduled') {
      throw new EngineConfigError(`sources: unknown source "${key}"; expected strategy, rebalances, scheduled`);
    }
  }
  const rebalances = rebalanceTable(sources.rebalances ?? [], timeline.instruments, names);
  const schedule = scheduleTable(sources.scheduled ?? [], timeline.instruments, names);
  return { timeline, cfg, names, rebalances, schedule, strategy: sources.strategy };
}

/**
 * The bar loop over any implementation of the phases (docs/engine.md "The bar loop"). For each bar t:
 *   1. scheduled entries due (time ≤ time[t]) arrive, active from t;
 *   2. fills on bar t (exits of open trades, then working orders, then exits of trades entered at t's open);
 *   3. marks move to t's closes; trailing references ratchet; held bars counted, time stops flagged;
 *   4. the strategy's onBar sees bars ≤ t, then a due rebalance (first bar with time ≥ its timestamp) trades;
 *   5. fillTiming 'close': market orders decided in step 4 and flagged exits fill at t's close;
 *   6. last bar + closeAtEnd: open trades close at last known closes; NAV ≤ 0: liquidate and stop;
 *      NAV, cash and positions are recorded.
 * Returns the number of scheduled entries never submitted (timestamp after the last bar).
 */
export function driveLab(core: LabCore, run: PreparedLabRun): number {
  const { timeline, cfg, names, rebalances, schedule, strategy } = run;
  const K = timeline.instruments.length;
  const ctx = new BarContext(timeline, core, cfg, names);
  strategy?.initialize?.(ctx);

  const time = timeline.time;
  const T = time.length;
  const R = rebalances.time.length;
  const S = schedule.time.length;
  let s = 0;
  let r = 0;
  for (let t = 0; t < T; t++) {
    while (s < S && schedule.time[s] <= time[t]) core.submitArrival(schedule.orders[s++], t);
    core.openPhase(t);
    core.endOfBar(t);
    if (!core.halted) {
      if (strategy !== undefined) {
        revealUpTo(ctx, t);
        const out = strategy.onBar(ctx);
        if (out !== undefined) for (let i = 0; i < out.length; i++) ctx.submit(out[i]);
      }
      let due = -1;
      while (r < R && rebalances.time[r] <= time[t]) due = r++;
      if (due >= 0) core.rebalance(rebalances.weights, due * K, t);
    }
    core.closeAuction(t);
    core.finishBar(t);
  }
  return S - s;
}

/**
 * Called after each stage of a run — inputs validated, engine state set up, bar loop done (the result is copied
 * after the last) — so that a bench can time the stages; the run itself reads no clock.
 */
export type LabStageProbe = (stage: 'validated' | 'loaded' | 'ran') => void;

/**
 * Runs the lab engine profile (the TypeScript reference) over a multi-instrument timeline; see `driveLab` for
 * the bar loop. Same timeline + same config (seed included) + same sources = the same bits.
 */
export function runLab(timeline: LabTimeline, config: LabConfigInput = {}, sources: LabSources = {}, probe?: LabStageProbe): LabResult {
  const run = prepareLabRun(timeline, config, sources);
  probe?.('validated');
  const engine = new LabEngine(timeline, run.cfg);
  probe?.('loaded');
  const unscheduled = driveLab(engine, run);
  probe?.('ran');
  return collectResult(labEngineState(engine), run.cfg, timeline.instruments, timeline.time, unscheduled);
}
