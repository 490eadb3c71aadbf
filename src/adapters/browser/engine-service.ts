import * as Comlink from 'comlink';
import { sha256 } from 'hash-wasm';
import type { OhlcvTable } from '../../core/domain/ohlcv-table';
import type { LabConfigInput } from '../../core/lab/config';
import type { LabBuiltinSpec } from '../../core/lab/strategies/builtin';
import type { LabTimeline } from '../../core/lab/timeline';
import { InProcessCompatRunner } from '../../engine/compat-runner';
import { createEngine, type Engine } from '../../engine/engine-module';
import { InProcessLabRunner } from '../../engine/lab-runner';
import type { CompatJob, CompatRun } from '../../ports/compat-runner';
import type { LabRun } from '../../ports/lab-runner';
import { typedArrayBuffers } from './transferables';

export interface LoadedEngine {
  engine: Engine;
  /** SHA-256 of the very bytes that were compiled. */
  buildHash: string;
}

/** Fetches the engine's .wasm once; hashes and compiles the same buffer, so the hash names what runs. */
export async function fetchEngine(wasmUrl: string): Promise<LoadedEngine> {
  const response = await fetch(wasmUrl);
  if (!response.ok) throw new Error(`engine ${wasmUrl}: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const buildHash = await sha256(bytes);
  return { engine: await createEngine(await WebAssembly.compile(bytes)), buildHash };
}

interface Runners {
  engine: Engine;
  buildHash: string;
  compat: InProcessCompatRunner;
  lab: InProcessLabRunner;
}

/**
 * Lives inside the engine worker: owns one WASM instance (both profiles and statistics share it) and runs
 * work on transferred buffers through the same in-process runners the CLI uses. Results come back transferred too.
 */
export class EngineService {
  private loaded: Promise<Runners>;

  constructor(engine: Promise<LoadedEngine>) {
    this.loaded = engine.then(({ engine, buildHash }) => ({
      engine,
      buildHash,
      compat: new InProcessCompatRunner(engine, buildHash),
      lab: new InProcessLabRunner(engine, buildHash),
    }));
  }

  async ready(): Promise<true> {
    await this.loaded;
    return true;
  }

  async buildHash(): Promise<string> {
    return (await this.loaded).buildHash;
  }

  /** One backtesting.py-profile job (src/engine/compat-runner.ts). */
  async compat(bars: OhlcvTable, job: CompatJob): Promise<CompatRun> {
    const run = await (await this.loaded).compat.run(bars, job);
    return Comlink.transfer(run, [run.result.equity.buffer as ArrayBuffer]);
  }

  /** One lab-profile run (src/engine/lab-runner.ts); every column of the result is its own copy, all transferred. */
  async lab(timeline: LabTimeline, config: LabConfigInput, strategy: LabBuiltinSpec): Promise<LabRun> {
    const run = await (await this.loaded).lab.run(timeline, config, strategy);
    return Comlink.transfer(run, typedArrayBuffers(run.result));
  }
}
