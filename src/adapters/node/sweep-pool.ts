import { availableParallelism } from 'node:os';
import { Worker, type MessagePort } from 'node:worker_threads';
import { validateBars, type Bars } from '../../core/compat';
import { COMPAT_STATS_KEYS } from '../../core/stats';
import { instantiateEngineModule } from '../../engine/engine-imports';
import {
  encodeSweep,
  SweepEngine,
  type EncodedSweep,
  type SweepOptions,
  type SweepParamsOf,
  type SweepResult,
  type SweepStrategy,
} from '../../engine/sweep-engine';
import { compileNodeEngine } from './engine-loader';

// A parameter sweep across cores: one engine instance per worker thread. The bars go to the workers once per
// prepare, in one SharedArrayBuffer; a sweep's parameters and its output matrix are shared buffers too, and each
// worker writes the rows of the combinations it ran at their index. Every combination is deterministic and
// independent of the others, so the result is the single-threaded SweepEngine's, whatever the worker count or
// the order in which chunks finish.

/** Columns of the shared bars buffer, each n f64. */
const BAR_COLUMNS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

type ToWorker =
  | { type: 'init'; module: WebAssembly.Module }
  | { type: 'prepare'; bars: SharedArrayBuffer; n: number }
  | { type: 'job'; sweep: EncodedSweep; out: SharedArrayBuffer }
  | { type: 'chunk'; from: number; to: number };

interface WireError {
  name: string;
  message: string;
  stack?: string;
  combination?: number;
}

type FromWorker = { type: 'ok' } | { type: 'done'; failure: WireError | null } | { type: 'error'; error: WireError };

function toWire(error: unknown): WireError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const { combination } = error as Error & { combination?: number };
  return { name: error.name, message: error.message, stack: error.stack, combination };
}

/** The named error of a worker, rethrown on this side (RangeError stays a RangeError). */
function fromWire(w: WireError): Error {
  const error = w.name === 'RangeError' ? new RangeError(w.message) : w.name === 'TypeError' ? new TypeError(w.message) : new Error(w.message);
  if (w.name !== error.name) error.name = w.name;
  if (w.combination !== undefined) Object.assign(error, { combination: w.combination });
  return error;
}

/** Worker side: serve the pool's requests with one engine instance. Used by sweep-worker.ts. */
export function serveSweepRequests(port: MessagePort): void {
  let engine: SweepEngine | null = null;
  let job: { sweep: EncodedSweep; out: Float64Array } | null = null;
  const handle = async (msg: ToWorker): Promise<FromWorker> => {
    switch (msg.type) {
      case 'init':
        engine = SweepEngine.fromInstance(await instantiateEngineModule(msg.module));
        return { type: 'ok' };
      case 'prepare': {
        const n = msg.n;
        const column = (k: number): Float64Array => new Float64Array(msg.bars, k * n * 8, n);
        const bars = Object.fromEntries(BAR_COLUMNS.map((key, k) => [key, column(k)])) as unknown as Bars;
        engine!.prepare(bars);
        return { type: 'ok' };
      }
      case 'job':
        job = { sweep: msg.sweep, out: new Float64Array(msg.out) };
        return { type: 'ok' };
      case 'chunk': {
        const failure = engine!.runEncoded(job!.sweep, msg.from, msg.to, job!.out);
        return { type: 'done', failure: failure && toWire(Object.assign(failure.error, { combination: failure.index })) };
      }
    }
  };
  port.on('message', (msg: ToWorker) => {
    handle(msg).then(
      (reply) => port.postMessage(reply),
      (error: unknown) => port.postMessage({ type: 'error', error: toWire(error) } satisfies FromWorker),
    );
  });
}

/** One worker and its requests, answered in order (one in flight at a time). */
class SweepWorker {
  private pending: { resolve: (m: FromWorker) => void; reject: (e: Error) => void } | null = null;
  private failed: Error | null = null;

  constructor(private readonly worker: Worker) {
    worker.on('message', (m: FromWorker) => {
      const p = this.pending;
      this.pending = null;
      if (!p) return;
      if (m.type === 'error') p.reject(fromWire(m.error));
      else p.resolve(m);
    });
    const fail = (error: Error): void => {
      this.failed = error;
      const p = this.pending;
      this.pending = null;
      p?.reject(error);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`sweep worker exited (code ${code})`)));
  }

  request(msg: ToWorker): Promise<FromWorker> {
    if (this.failed) return Promise.reject(this.failed);
    if (this.pending) return Promise.reject(new Error('sweep worker is busy'));
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(msg);
    });
  }

  terminate(): Promise<number> {
    this.worker.removeAllListeners('exit');
    return this.worker.terminate();
  }
}

/**
 * A worker entry next to this module (`sweep-worker` by default): its .ts when running from source (the TypeScript
 * loaded through tsx, which a worker thread does not inherit), its .js once compiled.
 */
export function spawnSweepWorker(name = 'sweep-worker'): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(fromSource ? `./${name}.ts` : `./${name}.js`, import.meta.url);
  if (!fromSource) return new Worker(entry);
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { eval: true });
}

export interface SweepPoolOptions {
  /** Worker threads (default: the machine's available parallelism). */
  workers?: number;
  /** The compiled engine (default: engine-wasm/build, compileNodeEngine). */
  module?: WebAssembly.Module;
  /** Combinations per request (default: about eight requests per worker, 16 to 512 each). */
  chunk?: number;
}

/**
 * SweepEngine's `prepare` / `run` spread over worker threads, with the same validation, errors and results.
 * `close()` ends the workers.
 */
export class NodeSweepPool {
  private prepared = false;
  private busy = false;

  private constructor(
    private readonly workers: SweepWorker[],
    private readonly chunk: number | undefined,
  ) {}

  static async create(options: SweepPoolOptions = {}): Promise<NodeSweepPool> {
    const count = options.workers ?? availableParallelism();
    if (!Number.isInteger(count) || count < 1) throw new RangeError(`workers must be an integer >= 1, got ${count}`);
    if (options.chunk !== undefined && !(Number.isInteger(options.chunk) && options.chunk >= 1)) {
      throw new RangeError(`chunk must be an integer >= 1, got ${options.chunk}`);
    }
    const module = options.module ?? (await compileNodeEngine());
    const workers = Array.from({ length: count }, () => new SweepWorker(spawnSweepWorker()));
    const pool = new NodeSweepPool(workers, options.chunk);
    try {
      await Promise.all(workers.map((w) => w.request({ type: 'init', module })));
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  get size(): number {
    return this.workers.length;
  }

  /** Validate `bars` and hand them to every worker (one shared copy). */
  async prepare(bars: Bars): Promise<void> {
    validateBars(bars);
    const n = bars.close.length;
    const shared = new SharedArrayBuffer(BAR_COLUMNS.length * n * 8);
    BAR_COLUMNS.forEach((key, k) => new Float64Array(shared, k * n * 8, n).set(bars[key]));
    this.prepared = false;
    await this.exclusively(() => Promise.all(this.workers.map((w) => w.request({ type: 'prepare', bars: shared, n }))));
    this.prepared = true;
  }

  /** SweepEngine.run across the workers. */
  async run<S extends SweepStrategy>(strategy: S, paramSets: readonly SweepParamsOf[S][], options?: SweepOptions): Promise<SweepResult> {
    const encoded = encodeSweep(strategy, paramSets, options);
    if (!this.prepared) throw new Error('sweep has no bars: call prepare(bars) first');
    const params = new Float64Array(new SharedArrayBuffer(Math.max(8, encoded.params.byteLength)), 0, encoded.params.length);
    params.set(encoded.params);
    const sweep: EncodedSweep = { ...encoded, params };
    const width = COMPAT_STATS_KEYS.length;
    const out = new SharedArrayBuffer(Math.max(8, sweep.count * width * 8));
    const chunk = this.chunk ?? Math.min(512, Math.max(16, Math.ceil(sweep.count / (8 * this.workers.length))));

    let failure: WireError | null = null;
    await this.exclusively(async () => {
      await Promise.all(this.workers.map((w) => w.request({ type: 'job', sweep, out })));
      // Chunks go out in index order, so once a failure is known every chunk that could hold a lower one has
      // started: later chunks are skipped, and the lowest failing combination is found whatever the timing.
      let next = 0;
      let stop = false;
      const drain = async (w: SweepWorker): Promise<void> => {
        while (!stop && next < sweep.count && (failure === null || next < failure.combination!)) {
          const from = next;
          const to = Math.min(sweep.count, from + chunk);
          next = to;
          try {
            const reply = await w.request({ type: 'chunk', from, to });
            const f = reply.type === 'done' ? reply.failure : null;
            if (f && (failure === null || f.combination! < failure.combination!)) failure = f;
          } catch (error) {
            stop = true;
            throw error;
          }
        }
      };
      const settled = await Promise.allSettled(this.workers.map(drain));
      const rejected = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
      if (rejected) throw rejected.reason;
    });
    if (failure) throw fromWire(failure);
    return { stats: new Float64Array(out, 0, sweep.count * width).slice(), keys: COMPAT_STATS_KEYS, count: sweep.count };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  /** One prepare or run at a time: the workers hold one set of bars and one job. */
  private async exclusively<T>(work: () => Promise<T>): Promise<T> {
    if (this.busy) throw new Error('sweep pool is busy: await the previous prepare or run');
    this.busy = true;
    try {
      return await work();
    } finally {
      this.busy = false;
    }
  }
}
