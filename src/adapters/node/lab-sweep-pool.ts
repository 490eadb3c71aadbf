import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { MessagePort, Worker } from 'node:worker_threads';
import type { LabConfigInput } from '../../core/lab/config';
import { ChunkQueue, DEFAULT_CHUNK_POLICY, type ChunkPolicy } from '../../core/sweeps/chunks';
import { LAB_SWEEP_EXTRA_KEYS, planLabChunk, type LabSweepChunk } from '../../core/sweeps/lab-job';
import type { LabSweepPlan } from '../../core/sweeps/lab-spec';
import { packTimeline, unpackTimeline } from '../../core/sweeps/lab-timeline-pack';
import { combinationParams } from '../../core/sweeps/plan';
import { SweepResults } from '../../core/sweeps/results';
import { createEngine } from '../../engine/engine-module';
import { LabSweepEngine, type LabChunkRows } from '../../engine/lab-sweep';
import type { LabSweepRunner, SweepUniverse } from '../../ports/lab-sweep-runner';
import type { SweepEnd, SweepExecution, SweepProgress } from '../../ports/sweep-runner';
import { compileNodeEngine } from './engine-loader';
import { spawnSweepWorker } from './sweep-pool';

// Lab sweeps across cores in Node (tests, bench, scripts): one engine instance per worker thread, the universe's
// aligned timeline in one SharedArrayBuffer every worker reads, chunks of combinations handed out as the browser's
// pool hands them out (core/sweeps/chunks.ts), rows written at their combination index. Cancel terminates the
// workers at once (within the combination each is running) and keeps the rows finished; the next sweep starts
// fresh workers.

type ToWorker =
  | { type: 'init'; module: WebAssembly.Module }
  | { type: 'prepare'; instruments: readonly string[]; packed: Float64Array; T: number }
  | { type: 'run'; chunk: LabSweepChunk }
  | { type: 'nav'; strategy: string; params: Record<string, number>; config: LabConfigInput };

type FromWorker =
  { type: 'ok' } | { type: 'rows'; rows: LabChunkRows; ms: number } | { type: 'nav'; nav: Float64Array } | { type: 'error'; message: string };

/** Worker side: one LabSweepEngine over one engine instance. Used by lab-sweep-worker.ts. */
export function serveLabSweepRequests(port: MessagePort): void {
  let lab: LabSweepEngine | null = null;
  const handle = async (msg: ToWorker): Promise<FromWorker> => {
    switch (msg.type) {
      case 'init':
        lab = new LabSweepEngine(await createEngine(msg.module));
        return { type: 'ok' };
      case 'prepare':
        lab!.prepare(unpackTimeline(msg.instruments, msg.packed, msg.T));
        return { type: 'ok' };
      case 'run': {
        const started = performance.now();
        const rows = await lab!.run(msg.chunk);
        return { type: 'rows', rows, ms: performance.now() - started };
      }
      case 'nav':
        return { type: 'nav', nav: await lab!.nav(msg.strategy, msg.params, msg.config) };
    }
  };
  port.on('message', (msg: ToWorker) => {
    handle(msg).then(
      (reply) => port.postMessage(reply),
      (error: unknown) => port.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) } satisfies FromWorker),
    );
  });
}

/** One worker thread, one request in flight; every pending request fails when it dies or is terminated. */
class LabWorker {
  private pending: { resolve: (m: FromWorker) => void; reject: (e: Error) => void } | null = null;
  private failed: Error | null = null;
  preparedKey: string | null = null;

  constructor(private readonly worker: Worker) {
    worker.on('message', (m: FromWorker) => {
      const p = this.pending;
      this.pending = null;
      if (!p) return;
      if (m.type === 'error') p.reject(new Error(m.message));
      else p.resolve(m);
    });
    const fail = (error: Error): void => {
      this.failed ??= error;
      const p = this.pending;
      this.pending = null;
      p?.reject(error);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`lab sweep worker exited (code ${code})`)));
  }

  request(msg: ToWorker): Promise<FromWorker> {
    if (this.failed) return Promise.reject(this.failed);
    if (this.pending) return Promise.reject(new Error('lab sweep worker is busy'));
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(msg);
    });
  }

  terminate(): void {
    this.failed ??= new Error('the lab sweep worker was stopped');
    this.pending?.reject(this.failed);
    this.pending = null;
    void this.worker.terminate();
  }
}

export interface NodeLabSweepPoolOptions {
  /** Worker threads (default: the machine's available parallelism). */
  workers?: number;
  /** The compiled engine (default: engine-wasm/build). */
  module?: WebAssembly.Module;
  policy?: ChunkPolicy;
}

export class NodeLabSweepPool implements LabSweepRunner {
  private workers: LabWorker[] = [];
  private active = false;
  private shared: { key: string; packed: Float64Array } | null = null;

  private constructor(
    readonly size: number,
    private readonly module: WebAssembly.Module,
    private readonly policy: ChunkPolicy,
  ) {}

  static async create(options: NodeLabSweepPoolOptions = {}): Promise<NodeLabSweepPool> {
    const size = options.workers ?? availableParallelism();
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`workers must be an integer >= 1, got ${size}`);
    return new NodeLabSweepPool(size, options.module ?? (await compileNodeEngine()), options.policy ?? DEFAULT_CHUNK_POLICY);
  }

  startLab(plan: LabSweepPlan, universe: SweepUniverse, onProgress: (p: SweepProgress) => void = () => {}): SweepExecution {
    if (this.active) throw new Error('a sweep is already running: cancel it or wait for it');
    this.active = true;
    const results = new SweepResults(plan.runs, LAB_SWEEP_EXTRA_KEYS);
    let cancelled = false;
    const started = performance.now();
    let runStart: number | null = null;
    let setupMs = 0;
    const progress = (phase: SweepProgress['phase']): SweepProgress => {
      const elapsedMs = runStart === null ? 0 : performance.now() - runStart;
      const done = results.processed;
      const rate = elapsedMs > 0 && done > 0 ? (done / elapsedMs) * 1000 : null;
      return {
        phase,
        done,
        failed: results.failures.length,
        total: results.count,
        workers: this.size,
        elapsedMs,
        runsPerSecond: rate,
        etaMs: rate === null ? null : ((results.count - done) / rate) * 1000,
        setupMs,
      };
    };
    const execute = async (): Promise<SweepEnd> => {
      onProgress(progress('starting'));
      const workers = await this.setUp(universe, this.size);
      if (cancelled) return { status: 'cancelled', error: null, progress: progress('finished') };
      setupMs = performance.now() - started;
      runStart = performance.now();
      const queue = new ChunkQueue(plan.runs, workers.length, this.policy);
      onProgress(progress('running'));
      const drain = async (w: LabWorker): Promise<void> => {
        for (let range = queue.take(); range !== null && !cancelled; range = queue.take()) {
          let reply: FromWorker;
          try {
            reply = await w.request({ type: 'run', chunk: planLabChunk(plan, range.from, range.to) });
          } catch (error) {
            if (cancelled) return;
            throw error;
          }
          if (cancelled || reply.type !== 'rows') return;
          results.write(reply.rows.from, reply.rows.stats, reply.rows.failures, reply.rows.extras);
          queue.report(range.to - range.from, reply.ms);
          onProgress(progress('running'));
        }
      };
      await Promise.all(workers.map(drain));
      return { status: cancelled ? 'cancelled' : 'done', error: null, progress: progress('finished') };
    };
    const finished = execute()
      .catch((error: unknown): SweepEnd => {
        this.terminateAll();
        return cancelled
          ? { status: 'cancelled', error: null, progress: progress('finished') }
          : { status: 'failed', error: error instanceof Error ? error.message : String(error), progress: progress('finished') };
      })
      .finally(() => (this.active = false));
    return {
      results,
      finished,
      cancel: () => {
        if (cancelled) return;
        cancelled = true;
        this.terminateAll();
      },
    };
  }

  async labNav(plan: LabSweepPlan, c: number, universe: SweepUniverse): Promise<Float64Array> {
    const [w] = await this.setUp(universe, 1);
    const params = combinationParams(plan.paramNames, plan.values, c);
    const reply = await w.request({ type: 'nav', strategy: plan.strategy, params, config: plan.config });
    if (reply.type !== 'nav') throw new Error(`lab sweep worker answered ${reply.type}`);
    return reply.nav;
  }

  close(): void {
    this.terminateAll();
  }

  /** `count` workers with the engine and this universe (one shared copy of its timeline for all). */
  private async setUp(universe: SweepUniverse, count: number): Promise<LabWorker[]> {
    const starting: Promise<FromWorker>[] = [];
    while (this.workers.length < count) {
      const w = new LabWorker(spawnSweepWorker('lab-sweep-worker'));
      this.workers.push(w);
      starting.push(w.request({ type: 'init', module: this.module }));
    }
    await Promise.all(starting);
    if (this.shared?.key !== universe.key) this.shared = { key: universe.key, packed: packTimeline(universe.timeline, true) };
    const { packed } = this.shared;
    const tl = universe.timeline;
    const workers = this.workers.slice(0, count);
    await Promise.all(
      workers.map(async (w) => {
        if (w.preparedKey === universe.key) return;
        await w.request({ type: 'prepare', instruments: tl.instruments, packed, T: tl.time.length });
        w.preparedKey = universe.key;
      }),
    );
    return workers;
  }

  private terminateAll(): void {
    const workers = this.workers;
    this.workers = [];
    for (const w of workers) w.terminate();
  }
}
