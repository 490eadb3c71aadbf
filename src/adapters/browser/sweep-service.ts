import * as Comlink from 'comlink';
import type { BacktestOptions } from '../../core/compat/options';
import type { Bars } from '../../core/compat/bars';
import { runBacktest } from '../../core/compat/run';
import { COMPAT_STATS_KEYS } from '../../core/stats/types';
import { compatStrategy, findStrategy, validateStrategyParams, type StrategyEntry } from '../../core/strategies/registry';
import type { ChunkOutcome, SweepChunk } from '../../core/sweeps/job';
import { combinationParams } from '../../core/sweeps/plan';
import type { CombinationFailure } from '../../core/sweeps/results';
import type { LabConfigInput } from '../../core/lab/config';
import type { LabSweepChunk } from '../../core/sweeps/lab-job';
import { unpackTimeline } from '../../core/sweeps/lab-timeline-pack';
import { createEngine, type Engine } from '../../engine/engine-module';
import { LabSweepEngine } from '../../engine/lab-sweep';
import { encodeSweep } from '../../engine/sweep-engine';
import { SWEEP_BAR_COLUMNS } from './sweep-bars';

const WIDTH = COMPAT_STATS_KEYS.length;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * One sweep worker's engine: an instance of the engine module (compiled once by the page and posted here) and the
 * bars it was given, prepared once for every chunk that follows. Runs chunks of combinations: strategies built
 * into the engine go through its sweep loop (SweepEngine, bars and indicators prepared once), the others through
 * the TypeScript backtester with the engine's statistics. A combination that fails is reported with its index and
 * message and leaves a NaN row; the rest of the chunk still runs. Lives inside workers/sweep.worker.ts; plain
 * async methods, so tests drive it in-process.
 */
export class SweepService {
  private module: WebAssembly.Module | null = null;
  private engine: Engine | null = null;
  private bars: Bars | null = null;
  private barsKey: string | null = null;
  private lab: LabSweepEngine | null = null;

  async init(module: WebAssembly.Module): Promise<true> {
    this.module = module;
    this.engine = await createEngine(module);
    this.lab = new LabSweepEngine(this.engine);
    return true;
  }

  /**
   * A universe's aligned timeline, packed as lab-timeline-pack.ts lays it out (transferred, or a view of shared
   * memory), held for the lab chunks that follow.
   */
  async prepareUniverse(key: string, instruments: readonly string[], packed: Float64Array, T: number): Promise<true> {
    const lab = this.requireLab();
    this.barsKey = null;
    lab.prepare(unpackTimeline(instruments, packed, T));
    this.barsKey = key;
    return true;
  }

  /** A chunk of a lab sweep's combinations over the prepared universe (src/engine/lab-sweep.ts). */
  async runLab(chunk: LabSweepChunk): Promise<ChunkOutcome> {
    const started = performance.now();
    let rows;
    try {
      rows = await this.requireLab().run(chunk);
    } catch (error) {
      await this.reset();
      throw error;
    }
    const outcome: ChunkOutcome = { ...rows, ms: performance.now() - started };
    return Comlink.transfer(outcome, [rows.stats.buffer, rows.extras.buffer]);
  }

  /** One lab combination's NAV (the best run's, for its deflated Sharpe ratio). */
  async labNav(strategy: string, params: Record<string, number>, config: LabConfigInput): Promise<Float64Array> {
    const nav = await this.requireLab().nav(strategy, params, config);
    return Comlink.transfer(nav, [nav.buffer]);
  }

  /**
   * Bars packed as SWEEP_BAR_COLUMNS, n values each (transferred, or a view of shared memory), validated and
   * prepared for sweeps. `key` names them (the artifact id) so that the pool re-sends bars only when they change.
   */
  async prepare(key: string, packed: Float64Array, n: number): Promise<true> {
    const engine = this.requireEngine();
    if (packed.length !== SWEEP_BAR_COLUMNS.length * n)
      throw new RangeError(`packed bars hold ${packed.length} values, ${SWEEP_BAR_COLUMNS.length * n} expected`);
    const column = (k: number): Float64Array => packed.subarray(k * n, (k + 1) * n);
    const bars = Object.fromEntries(SWEEP_BAR_COLUMNS.map((name, k) => [name, column(k)])) as unknown as Bars;
    this.bars = null;
    this.barsKey = null;
    engine.sweep.prepare(bars);
    this.bars = bars;
    this.barsKey = key;
    return true;
  }

  async preparedKey(): Promise<string | null> {
    return this.barsKey;
  }

  async run(chunk: SweepChunk): Promise<ChunkOutcome> {
    const started = performance.now();
    const entry = findStrategy(chunk.strategy);
    const stats = new Float64Array(chunk.count * WIDTH).fill(NaN);
    const failures: CombinationFailure[] = [];
    const valid: { k: number; params: Record<string, number> }[] = [];
    for (let k = 0; k < chunk.count; k++) {
      try {
        valid.push({ k, params: validateStrategyParams(entry, combinationParams(chunk.paramNames, chunk.values, k)) });
      } catch (error) {
        failures.push({ combination: chunk.from + k, message: messageOf(error) });
      }
    }
    try {
      if (entry.engine) this.runInEngine(entry, chunk, valid, stats, failures);
      else this.runReference(entry, chunk, valid, stats, failures);
    } catch (error) {
      // An engine trap can leave the instance inconsistent: start the next chunk on a fresh one.
      await this.reset();
      throw error;
    }
    failures.sort((a, b) => a.combination - b.combination);
    const outcome: ChunkOutcome = { from: chunk.from, stats, failures, ms: performance.now() - started };
    return Comlink.transfer(outcome, [stats.buffer]);
  }

  /** One combination's equity curve (the best run's, for its deflated Sharpe ratio). */
  async equity(strategy: string, params: Record<string, number>, options: BacktestOptions): Promise<Float64Array> {
    const engine = this.requireEngine();
    const bars = this.requireBars();
    const entry = findStrategy(strategy);
    const p = validateStrategyParams(entry, params);
    const builtIn = entry.engine?.(p);
    const result = builtIn ? engine.compat.run(bars, builtIn, options) : runBacktest(bars, compatStrategy(entry, p), options);
    const equity = result.equity.slice();
    return Comlink.transfer(equity, [equity.buffer]);
  }

  /** The engine's sweep loop over the valid combinations; a failing one is rerun past until none is left. */
  private runInEngine(
    entry: StrategyEntry,
    chunk: SweepChunk,
    valid: readonly { k: number; params: Record<string, number> }[],
    stats: Float64Array,
    failures: CombinationFailure[],
  ): void {
    if (valid.length === 0) return;
    const engine = this.requireEngine();
    this.requireBars();
    const strategies = valid.map((v) => entry.engine!(v.params));
    const encoded = encodeSweep(
      strategies[0].name,
      strategies.map((s) => s.params),
      chunk.options,
    );
    const rows = new Float64Array(valid.length * WIDTH);
    for (let start = 0; start < valid.length;) {
      const failure = engine.sweep.runEncoded(encoded, start, valid.length, rows);
      if (failure === null) break;
      failures.push({ combination: chunk.from + valid[failure.index].k, message: failure.error.message });
      start = failure.index + 1;
    }
    const failed = new Set(failures.map((f) => f.combination - chunk.from));
    valid.forEach((v, j) => {
      if (!failed.has(v.k)) stats.set(rows.subarray(j * WIDTH, (j + 1) * WIDTH), v.k * WIDTH);
    });
  }

  /** The TypeScript backtester per combination, statistics by the engine (what `quantlab backtest` does). */
  private runReference(
    entry: StrategyEntry,
    chunk: SweepChunk,
    valid: readonly { k: number; params: Record<string, number> }[],
    stats: Float64Array,
    failures: CombinationFailure[],
  ): void {
    const engine = this.requireEngine();
    const bars = this.requireBars();
    for (const { k, params } of valid) {
      try {
        const r = runBacktest(bars, compatStrategy(entry, params), chunk.options);
        const row = engine.stats.computeVector({
          equity: r.equity,
          time: bars.time,
          close: bars.close,
          trades: r.trades,
          firstTradingBar: r.firstTradingBar,
        });
        stats.set(row, k * WIDTH);
      } catch (error) {
        failures.push({ combination: chunk.from + k, message: messageOf(error) });
      }
    }
  }

  private async reset(): Promise<void> {
    if (!this.module) return;
    this.engine = await createEngine(this.module);
    if (this.bars) this.engine.sweep.prepare(this.bars);
    const timeline = this.lab?.prepared ?? null;
    this.lab = new LabSweepEngine(this.engine);
    if (timeline) this.lab.prepare(timeline);
  }

  private requireLab(): LabSweepEngine {
    if (!this.lab) throw new Error('sweep worker has no engine: call init(module) first');
    return this.lab;
  }

  private requireEngine(): Engine {
    if (!this.engine) throw new Error('sweep worker has no engine: call init(module) first');
    return this.engine;
  }

  private requireBars(): Bars {
    if (!this.bars) throw new Error('sweep worker has no bars: call prepare() first');
    return this.bars;
  }
}
