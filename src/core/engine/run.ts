import { BarContext, revealUpTo } from './bar-context';
import { resolveLabConfig, type LabConfigInput } from './config';
import { LabEngine } from './engine';
import { EngineConfigError } from './errors';
import { collectResult, type LabResult } from './result';
import { rebalanceTable, scheduleTable, type RebalanceInput, type ScheduledEntry } from './schedule';
import type { Strategy } from './strategy';
import { validateTimeline, type LabTimeline } from './timeline';

/** The three order sources; any combination (none at all gives a flat cash curve). */
export interface LabSources {
  readonly strategy?: Strategy;
  readonly rebalances?: readonly RebalanceInput[];
  readonly scheduled?: readonly ScheduledEntry[];
}

/**
 * Runs the lab engine profile over a multi-instrument timeline. For each bar t of the union timeline:
 *   1. scheduled entries due (time ≤ time[t]) arrive, active from t;
 *   2. fills on bar t (exits of open trades, then working orders, then exits of trades entered at t's open);
 *   3. marks move to t's closes; trailing references ratchet; held bars counted, time stops flagged;
 *   4. the strategy's onBar sees bars ≤ t, then a due rebalance (first bar with time ≥ its timestamp) trades;
 *   5. fillTiming 'close': market orders decided in step 4 and flagged exits fill at t's close;
 *   6. last bar + closeAtEnd: open trades close at last known closes; NAV ≤ 0: liquidate and stop;
 *      NAV, cash and positions are recorded.
 * Same timeline + same config (seed included) + same sources = the same bits.
 */
export function runLab(timeline: LabTimeline, config: LabConfigInput = {}, sources: LabSources = {}): LabResult {
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
  const strategy = sources.strategy;

  const engine = new LabEngine(timeline, cfg);
  const ctx = new BarContext(timeline, engine, names);
  strategy?.initialize?.(ctx);

  const time = timeline.time;
  const T = time.length;
  const R = rebalances.time.length;
  const S = schedule.time.length;
  let s = 0;
  let r = 0;
  for (let t = 0; t < T; t++) {
    while (s < S && schedule.time[s] <= time[t]) engine.submitArrival(schedule.orders[s++], t);
    engine.openPhase(t);
    engine.endOfBar(t);
    if (!engine.halted) {
      if (strategy !== undefined) {
        revealUpTo(ctx, t);
        const out = strategy.onBar(ctx);
        if (out !== undefined) for (let i = 0; i < out.length; i++) ctx.submit(out[i]);
      }
      let due = -1;
      while (r < R && rebalances.time[r] <= time[t]) due = r++;
      if (due >= 0) engine.rebalance(rebalances.weights, due * K, t);
    }
    engine.closeAuction(t);
    engine.finishBar(t);
  }
  return collectResult(engine, cfg, timeline.instruments, time, S - s);
}
