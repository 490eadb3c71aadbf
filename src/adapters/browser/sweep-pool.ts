import * as Comlink from 'comlink';
import type { BacktestOptions } from '../../core/compat/options';
import type { LabConfigInput } from '../../core/lab/config';
import { ChunkQueue, DEFAULT_CHUNK_POLICY, type ChunkPolicy } from '../../core/sweeps/chunks';
import { planChunk, type ChunkOutcome, type SweepChunk } from '../../core/sweeps/job';
import { LAB_SWEEP_EXTRA_KEYS, planLabChunk, type LabSweepChunk } from '../../core/sweeps/lab-job';
import type { LabSweepPlan } from '../../core/sweeps/lab-spec';
import { packTimeline } from '../../core/sweeps/lab-timeline-pack';
import { combinationParams, type SweepPlan } from '../../core/sweeps/plan';
import { SweepResults } from '../../core/sweeps/results';
import type { LabSweepRunner, SweepUniverse } from '../../ports/lab-sweep-runner';
import type { SweepBars, SweepEnd, SweepExecution, SweepProgress, SweepRunner } from '../../ports/sweep-runner';
import { packBars } from './sweep-bars';

/** What the pool asks of one sweep worker (SweepService's methods, across Comlink in the browser). */
export interface SweepWorkerApi {
  init(module: WebAssembly.Module): Promise<true>;
  prepare(key: string, packed: Float64Array, n: number): Promise<true>;
  run(chunk: SweepChunk): Promise<ChunkOutcome>;
  equity(strategy: string, params: Record<string, number>, options: BacktestOptions): Promise<Float64Array>;
  prepareUniverse(key: string, instruments: readonly string[], packed: Float64Array, T: number): Promise<true>;
  runLab(chunk: LabSweepChunk): Promise<ChunkOutcome>;
  labNav(strategy: string, params: Record<string, number>, config: LabConfigInput): Promise<Float64Array>;
}

/**
 * What a sweep's workers hold: data named by `key` (sent to a worker once, kept while the key stays the same),
 * sent as one SharedArrayBuffer for all when the page may share memory, else as a copy each.
 */
interface WorkerData {
  key: string;
  send(api: SweepWorkerApi, share: boolean): Promise<unknown>;
}

/** A sweep as the pool runs it: its data, its number of combinations, and how a chunk of them runs on a worker. */
interface PoolJob {
  data: WorkerData;
  runs: number;
  /** Values a row holds beyond the statistics (SweepResults.extraKeys). */
  extraKeys: readonly string[];
  run(api: SweepWorkerApi, from: number, to: number): Promise<ChunkOutcome>;
}

/** One instrument's bars (backtesting.py-profile sweeps). */
function barsData(bars: SweepBars): WorkerData {
  let shared: Float64Array | null = null;
  const n = bars.table.close.length;
  return {
    key: `bars:${bars.key}`,
    send: (api, share) => {
      if (share) return api.prepare(bars.key, (shared ??= packBars(bars.table, true)), n);
      const packed = packBars(bars.table, false);
      return api.prepare(bars.key, Comlink.transfer(packed, [packed.buffer]), n);
    },
  };
}

/** A universe's aligned timeline (lab sweeps): aligned once by the page, the same numbers in every worker. */
function universeData(universe: SweepUniverse): WorkerData {
  let shared: Float64Array | null = null;
  const tl = universe.timeline;
  const T = tl.time.length;
  return {
    key: `universe:${universe.key}`,
    send: (api, share) => {
      if (share) return api.prepareUniverse(universe.key, tl.instruments, (shared ??= packTimeline(tl, true)), T);
      const packed = packTimeline(tl, false);
      return api.prepareUniverse(universe.key, tl.instruments, Comlink.transfer(packed, [packed.buffer]), T);
    },
  };
}

/**
 * A started worker: its API, a promise that rejects when it dies or is terminated (so no call waits on a worker that
 * is gone), and a way to stop it at once.
 */
export interface SweepWorkerConnection {
  api: SweepWorkerApi;
  failed: Promise<never>;
  terminate(): void;
}

export interface SweepPoolDeps {
  connect(): SweepWorkerConnection;
  /** The compiled engine, posted to every worker (compiled once per page). */
  loadModule(): Promise<WebAssembly.Module>;
  /** Workers to run (see workerCount). */
  size: number;
  /** One SharedArrayBuffer of bars for all workers (only when the page is cross-origin isolated); else a copy each. */
  shareBars?: boolean;
  policy?: ChunkPolicy;
  /** Milliseconds for rates and ETA (performance.now in the browser). */
  now?: () => number;
}

interface Slot {
  conn: SweepWorkerConnection;
  ready: Promise<void>;
  barsKey: string | null;
  dead: boolean;
}

const CANCELLED = Symbol('cancelled');

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Parameter sweeps on a pool of engine workers. Each worker holds its own engine instance (from one compiled
 * module) and its own prepared bars (sent once per worker and kept while the instrument stays the same); chunks of
 * combinations are handed out dynamically (core/sweeps/chunks.ts) and their rows written at their combination
 * index, so results are those of one SweepEngine whatever the number of workers or the timing. Cancel stops
 * handing out chunks and terminates the workers at once (a fresh pool starts on the next sweep); a chunk that
 * throws marks its combinations failed with the message; a worker that dies takes only the chunks it holds (the
 * one it runs and the one queued behind it) with it, and the other workers finish the sweep.
 */
export class BrowserSweepPool implements SweepRunner, LabSweepRunner {
  private slots: Slot[] = [];
  private module: Promise<WebAssembly.Module> | null = null;
  private active: SweepExecution | null = null;
  private readonly now: () => number;

  constructor(private readonly deps: SweepPoolDeps) {
    if (!Number.isInteger(deps.size) || deps.size < 1) throw new RangeError(`size must be an integer >= 1, got ${deps.size}`);
    this.now = deps.now ?? (() => performance.now());
  }

  /** The machine's logical cores (navigator.hardwareConcurrency), at least 1 and at most `cap`. */
  static workerCount(hardwareConcurrency: number | undefined, cap = 16): number {
    const n = Math.floor(hardwareConcurrency ?? 1);
    return Math.max(1, Math.min(cap, Number.isFinite(n) ? n : 1));
  }

  get size(): number {
    return this.deps.size;
  }

  get running(): boolean {
    return this.active !== null;
  }

  start(plan: SweepPlan, bars: SweepBars, onProgress: (p: SweepProgress) => void = () => {}): SweepExecution {
    const job: PoolJob = {
      data: barsData(bars),
      runs: plan.runs,
      extraKeys: [],
      run: (api, from, to) => {
        const chunk = planChunk(plan, from, to);
        return api.run(Comlink.transfer(chunk, [chunk.values.buffer]));
      },
    };
    return this.execute(job, onProgress);
  }

  /**
   * A lab-profile sweep over a universe: every worker receives the aligned timeline once, then runs chunks of
   * combinations (src/engine/lab-sweep.ts); rows by combination index as for any sweep.
   */
  startLab(plan: LabSweepPlan, universe: SweepUniverse, onProgress: (p: SweepProgress) => void = () => {}): SweepExecution {
    const job: PoolJob = {
      data: universeData(universe),
      runs: plan.runs,
      extraKeys: LAB_SWEEP_EXTRA_KEYS,
      run: (api, from, to) => {
        const chunk = planLabChunk(plan, from, to);
        return api.runLab(Comlink.transfer(chunk, [chunk.values.buffer]));
      },
    };
    return this.execute(job, onProgress);
  }

  /** Combination `c`'s NAV over the universe's timeline, run on one worker. */
  async labNav(plan: LabSweepPlan, c: number, universe: SweepUniverse): Promise<Float64Array> {
    const [slot] = await this.setUp(universeData(universe), () => false, 1);
    if (!slot) throw new Error('no sweep worker could start');
    const params = combinationParams(plan.paramNames, plan.values, c);
    return Promise.race([slot.conn.api.labNav(plan.strategy, params, plan.config as LabConfigInput), slot.conn.failed]);
  }

  private execute(job: PoolJob, onProgress: (p: SweepProgress) => void): SweepExecution {
    if (this.active) throw new Error('a sweep is already running: cancel it or wait for it');
    const results = new SweepResults(job.runs, job.extraKeys);
    let cancelled = false;
    let wake: (v: typeof CANCELLED) => void = () => {};
    const cancelSignal = new Promise<typeof CANCELLED>((resolve) => (wake = resolve));
    const started = this.now();
    let runStart: number | null = null;
    let setupMs = 0;
    let workers = 0;
    const progress = (phase: SweepProgress['phase']): SweepProgress => {
      const elapsedMs = runStart === null ? 0 : this.now() - runStart;
      const done = results.processed;
      const rate = elapsedMs > 0 && done > 0 ? (done / elapsedMs) * 1000 : null;
      return {
        phase,
        done,
        failed: results.failures.length,
        total: results.count,
        workers,
        elapsedMs,
        runsPerSecond: rate,
        etaMs: rate === null ? null : ((results.count - done) / rate) * 1000,
        setupMs,
      };
    };

    const execute = async (): Promise<SweepEnd> => {
      onProgress(progress('starting'));
      const setUp = this.setUp(job.data, () => cancelled);
      setUp.catch(() => {});
      const slots = await Promise.race([setUp, cancelSignal]);
      if (slots === CANCELLED || cancelled) return { status: 'cancelled', error: null, progress: progress('finished') };
      workers = slots.length;
      setupMs = this.now() - started;
      runStart = this.now();
      const queue = new ChunkQueue(job.runs, slots.length, this.deps.policy ?? DEFAULT_CHUNK_POLICY);
      onProgress(progress('running'));
      const drain = async (slot: Slot): Promise<void> => {
        for (let range = queue.take(); range !== null && !cancelled; range = queue.take()) {
          let outcome: ChunkOutcome | typeof CANCELLED;
          try {
            outcome = await Promise.race([job.run(slot.conn.api, range.from, range.to), slot.conn.failed, cancelSignal]);
          } catch (error) {
            if (cancelled) return;
            results.fail(range.from, range.to, `combinations ${range.from}–${range.to - 1}: ${messageOf(error)}`);
            onProgress(progress('running'));
            if (slot.dead) {
              this.drop(slot);
              return;
            }
            continue;
          }
          if (outcome === CANCELLED || cancelled) return;
          results.write(outcome.from, outcome.stats, outcome.failures, outcome.extras);
          queue.report(range.to - range.from, outcome.ms);
          onProgress(progress('running'));
        }
      };
      // Two requests in flight per worker: the next chunk waits in the worker's queue, so the worker never idles
      // while the page takes in a result.
      await Promise.all(slots.flatMap((slot) => [drain(slot), drain(slot)]));
      if (cancelled) return { status: 'cancelled', error: null, progress: progress('finished') };
      if (results.processed < results.count) {
        return { status: 'failed', error: 'every sweep worker stopped before the sweep was done', progress: progress('finished') };
      }
      return { status: 'done', error: null, progress: progress('finished') };
    };

    const finished = execute()
      .catch((error: unknown): SweepEnd => {
        this.terminateAll();
        return cancelled
          ? { status: 'cancelled', error: null, progress: progress('finished') }
          : { status: 'failed', error: messageOf(error), progress: progress('finished') };
      })
      .finally(() => {
        this.active = null;
      });
    const execution: SweepExecution = {
      results,
      finished,
      cancel: () => {
        if (cancelled) return;
        cancelled = true;
        wake(CANCELLED);
        this.terminateAll();
      },
    };
    this.active = execution;
    return execution;
  }

  /** Combination `c`'s equity curve, run on one worker (the best run's, for its deflated Sharpe ratio). */
  async equity(plan: SweepPlan, c: number, bars: SweepBars): Promise<Float64Array> {
    const [slot] = await this.setUp(barsData(bars), () => false, 1);
    if (!slot) throw new Error('no sweep worker could start');
    const params = combinationParams(plan.paramNames, plan.values, c);
    return Promise.race([slot.conn.api.equity(plan.strategy, params, plan.options), slot.conn.failed]);
  }

  /** Terminates every worker (a running sweep ends as cancelled). */
  dispose(): void {
    this.active?.cancel();
    this.terminateAll();
  }

  /** Workers started (up to `count`), each with the engine and this data. */
  private async setUp(data: WorkerData, stop: () => boolean, count = this.deps.size): Promise<Slot[]> {
    while (this.slots.length < count) {
      const conn = this.deps.connect();
      const slot: Slot = { conn, barsKey: null, ready: Promise.resolve(), dead: false };
      // Registered first, so the flag is set before any call racing `failed` sees the rejection.
      conn.failed.catch(() => (slot.dead = true));
      slot.ready = this.loadModule().then(async (module) => {
        await Promise.race([conn.api.init(module), conn.failed]);
      });
      slot.ready.catch(() => {});
      this.slots.push(slot);
    }
    const slots = this.slots.slice(0, count);
    const share = this.deps.shareBars === true;
    try {
      await Promise.all(
        slots.map(async (slot) => {
          await slot.ready;
          if (stop() || slot.barsKey === data.key) return;
          slot.barsKey = null;
          await Promise.race([data.send(slot.conn.api, share), slot.conn.failed]);
          slot.barsKey = data.key;
        }),
      );
    } catch (error) {
      if (stop()) return [];
      // A worker that cannot load the engine or take the bars fails the sweep; start afresh next time.
      this.terminateAll();
      throw error;
    }
    return stop() ? [] : slots;
  }

  private loadModule(): Promise<WebAssembly.Module> {
    this.module ??= this.deps.loadModule().catch((error: unknown) => {
      this.module = null;
      throw error;
    });
    return this.module;
  }

  private drop(slot: Slot): void {
    slot.conn.terminate();
    this.slots = this.slots.filter((s) => s !== slot);
  }

  private terminateAll(): void {
    const slots = this.slots;
    this.slots = [];
    for (const s of slots) s.conn.terminate();
  }
}
