import { readFile } from 'node:fs/promises';
import { createEngine, type Engine } from '../../engine/engine-module';
import type { WasmEngine } from '../../engine/wasm-engine';

const ENGINE_URL = new URL('../../../engine-wasm/build/engine.wasm', import.meta.url);

/** Compiles the engine from engine-wasm/build (run `npm run build:engine` first). */
export async function compileNodeEngine(): Promise<WebAssembly.Module> {
  let bytes: Buffer;
  try {
    bytes = await readFile(ENGINE_URL);
  } catch {
    throw new Error(`engine not built: ${ENGINE_URL.pathname} is missing (run: npm run build:engine)`);
  }
  return WebAssembly.compile(new Uint8Array(bytes));
}

/** All engine facades over one fresh instance. */
export async function loadNodeEngines(): Promise<Engine> {
  return createEngine(await compileNodeEngine());
}

/** The kernel facade alone. */
export async function loadNodeEngine(): Promise<WasmEngine> {
  return (await loadNodeEngines()).kernel;
}
