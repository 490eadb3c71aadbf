import { isoSeconds } from '../stats/calendar';
import { COMPAT_STATS_KEYS, type CompatStats } from '../stats/types';
import { metricGoal } from './metric-goals';

/** Statistics per run, in COMPAT_STATS_KEYS order (start/end as epoch ms, durations in days, NaN if undefined). */
export const SWEEP_STATS_WIDTH = COMPAT_STATS_KEYS.length;

/** A combination whose run failed, and why (the engine's or the strategy's message). */
export interface CombinationFailure {
  combination: number;
  message: string;
}

/** The best run of a sweep for one statistic. */
export interface BestRun {
  metric: keyof CompatStats;
  combination: number;
  value: number;
}

const PENDING = 0;
const DONE = 1;
const FAILED = 2;

/**
 * A sweep's results by combination index: row c of `stats` is combination c's statistics, whichever worker ran it
 * and whenever. Rows arrive in any order; a row is written once. A failed combination keeps a NaN row and its
 * message. Everything derived (best runs, trials) reads rows in index order, so it does not depend on the order
 * in which chunks finished.
 */
export class SweepResults {
  readonly stats: Float64Array;
  /** Values beyond the statistics table, `extraKeys` per row (a lab sweep's portfolio turnover); NaN until written. */
  readonly extras: Float64Array;
  readonly failures: CombinationFailure[] = [];
  private readonly state: Uint8Array;
  private doneCount = 0;

  constructor(
    readonly count: number,
    readonly extraKeys: readonly string[] = [],
  ) {
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be an integer >= 0, got ${count}`);
    this.stats = new Float64Array(count * SWEEP_STATS_WIDTH).fill(NaN);
    this.extras = new Float64Array(count * extraKeys.length).fill(NaN);
    this.state = new Uint8Array(count);
  }

  /** Runs that produced statistics. */
  get completed(): number {
    return this.doneCount;
  }

  /** Runs finished either way (completed or failed). */
  get processed(): number {
    return this.doneCount + this.failures.length;
  }

  /**
   * Rows of combinations [from, from + rows.length / width): each is completed, unless listed in `failed` (its row
   * is then ignored and the failure kept).
   */
  write(from: number, rows: Float64Array, failed: readonly CombinationFailure[] = [], extras?: Float64Array): void {
    const n = rows.length / SWEEP_STATS_WIDTH;
    if (!Number.isInteger(n) || from < 0 || from + n > this.count) {
      throw new RangeError(`rows of ${rows.length} values from combination ${from} do not fit a sweep of ${this.count}`);
    }
    const failedSet = new Map(failed.map((f) => [f.combination, f]));
    for (let k = 0; k < n; k++) {
      const c = from + k;
      if (this.state[c] !== PENDING) throw new Error(`combination ${c} was already written`);
      const failure = failedSet.get(c);
      if (failure) {
        this.state[c] = FAILED;
        this.failures.push(failure);
      } else {
        this.stats.set(rows.subarray(k * SWEEP_STATS_WIDTH, (k + 1) * SWEEP_STATS_WIDTH), c * SWEEP_STATS_WIDTH);
        const e = this.extraKeys.length;
        if (extras && e > 0) this.extras.set(extras.subarray(k * e, (k + 1) * e), c * e);
        this.state[c] = DONE;
        this.doneCount++;
      }
    }
  }

  /** Every combination of [from, to) failed with one message (a chunk that could not run at all). */
  fail(from: number, to: number, message: string): void {
    for (let c = from; c < to; c++) {
      if (this.state[c] !== PENDING) continue;
      this.state[c] = FAILED;
      this.failures.push({ combination: c, message });
    }
  }

  isCompleted(c: number): boolean {
    return this.state[c] === DONE;
  }

  /** Completed combinations in index order. */
  completedIndices(): number[] {
    const out: number[] = [];
    for (let c = 0; c < this.count; c++) if (this.state[c] === DONE) out.push(c);
    return out;
  }

  /** Failures in index order. */
  sortedFailures(): CombinationFailure[] {
    return [...this.failures].sort((a, b) => a.combination - b.combination);
  }

  /** Combination c's extra values by key. */
  extraOf(c: number): Record<string, number> {
    const e = this.extraKeys.length;
    return Object.fromEntries(this.extraKeys.map((key, i) => [key, this.extras[c * e + i]]));
  }

  value(c: number, metric: keyof CompatStats): number {
    return this.stats[c * SWEEP_STATS_WIDTH + COMPAT_STATS_KEYS.indexOf(metric)];
  }

  /** Combination c's statistics as the keyed table the result views take. */
  statsOf(c: number): CompatStats {
    const at = c * SWEEP_STATS_WIDTH;
    const out: Record<string, number | string | null> = {};
    COMPAT_STATS_KEYS.forEach((key, i) => {
      const v = this.stats[at + i];
      if (key === 'start' || key === 'end') out[key] = Number.isFinite(v) ? isoSeconds(v) : '';
      else if (key === 'trades' || key === 'duration_days') out[key] = v;
      else out[key] = Number.isNaN(v) ? null : v;
    });
    return out as unknown as CompatStats;
  }

  /**
   * The completed run with the best value of `metric` by its goal (metric-goals.ts); the lowest index on ties;
   * null when the metric has no goal or no run defines it.
   */
  best(metric: keyof CompatStats): BestRun | null {
    const goal = metricGoal(metric);
    if (goal === null) return null;
    const col = COMPAT_STATS_KEYS.indexOf(metric);
    let best: BestRun | null = null;
    for (let c = 0; c < this.count; c++) {
      if (this.state[c] !== DONE) continue;
      const v = this.stats[c * SWEEP_STATS_WIDTH + col];
      if (Number.isNaN(v)) continue;
      if (best === null || (goal === 'max' ? v > best.value : v < best.value)) best = { metric, combination: c, value: v };
    }
    return best;
  }

  bestPerMetric(metrics: readonly (keyof CompatStats)[]): BestRun[] {
    return metrics.map((m) => this.best(m)).filter((b): b is BestRun => b !== null);
  }

  /** The completed runs' values of one statistic, in index order. */
  column(metric: keyof CompatStats): Float64Array {
    const col = COMPAT_STATS_KEYS.indexOf(metric);
    const out: number[] = [];
    for (let c = 0; c < this.count; c++) if (this.state[c] === DONE) out.push(this.stats[c * SWEEP_STATS_WIDTH + col]);
    return Float64Array.from(out);
  }
}
