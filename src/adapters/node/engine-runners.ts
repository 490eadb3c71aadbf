/**
 * The runner ports in Node: the engine in this process, one instance shared by both profiles (runs are
 * synchronous inside, so they never interleave). The engine build hash is the SHA-256 of the .wasm bytes that were
 * compiled — read once, hashed and compiled from the same buffer, so a rebuild between the two cannot make them
 * disagree.
 */
import { sha256 } from 'hash-wasm';
import { InProcessCompatRunner } from '../../engine/compat-runner';
import { createEngine } from '../../engine/engine-module';
import { InProcessLabRunner } from '../../engine/lab-runner';
import type { CompatRunner } from '../../ports/compat-runner';
import type { LabRunner } from '../../ports/lab-runner';
import { NODE_ENGINE_WASM, readNodeEngineBytes } from './engine-loader';

export interface NodeRunners {
  compat: CompatRunner;
  lab: LabRunner;
}

export async function nodeEngineRunners(wasmUrl: URL = NODE_ENGINE_WASM): Promise<NodeRunners> {
  const bytes = await readNodeEngineBytes(wasmUrl);
  const engineBuildHash = await sha256(bytes);
  const engine = await createEngine(await WebAssembly.compile(bytes));
  return { compat: new InProcessCompatRunner(engine, engineBuildHash), lab: new InProcessLabRunner(engine, engineBuildHash) };
}

/** The backtesting.py-profile runner alone (what experiments run on). */
export async function nodeCompatRunner(wasmUrl: URL = NODE_ENGINE_WASM): Promise<CompatRunner> {
  return (await nodeEngineRunners(wasmUrl)).compat;
}
