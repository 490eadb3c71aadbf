import { readFile } from 'node:fs/promises';
import { createEngine, type Engine } from '../../engine/engine-module';
import type { RngEngine } from '../../engine/rng-engine';
import { packageFileUrl } from './package-root';

/** engine-wasm/build/engine.wasm, as `npm run build:engine` writes it (found from the package root: see package-root.ts). */
export const NODE_ENGINE_WASM = packageFileUrl('engine-wasm/build/engine.wasm');

/** The engine's .wasm bytes, or an error saying how to build them. */
export async function readNodeEngineBytes(url: URL = NODE_ENGINE_WASM): Promise<Uint8Array<ArrayBuffer>> {
  try {
    return new Uint8Array(await readFile(url));
  } catch {
    throw new Error(`engine not built: ${url.pathname} is missing (run: npm run build:engine)`);
  }
}

/** Compiles the engine from engine-wasm/build (run `npm run build:engine` first). */
export async function compileNodeEngine(): Promise<WebAssembly.Module> {
  return WebAssembly.compile(await readNodeEngineBytes());
}

/** All engine facades over one fresh instance. */
export async function loadNodeEngines(): Promise<Engine> {
  return createEngine(await compileNodeEngine());
}

/** The RNG facade alone. */
export async function loadNodeRng(): Promise<RngEngine> {
  return (await loadNodeEngines()).rng;
}
