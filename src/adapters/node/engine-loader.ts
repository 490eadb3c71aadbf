import { readFile } from 'node:fs/promises';
import { WasmEngine } from '../../engine/wasm-engine';

const ENGINE_URL = new URL('../../../engine-wasm/build/engine.wasm', import.meta.url);

/** Loads the compiled engine from engine-wasm/build (run `npm run build:engine` first). */
export async function loadNodeEngine(): Promise<WasmEngine> {
  let bytes: Buffer;
  try {
    bytes = await readFile(ENGINE_URL);
  } catch {
    throw new Error(`engine not built: ${ENGINE_URL.pathname} is missing (run: npm run build:engine)`);
  }
  return WasmEngine.instantiate(await WebAssembly.compile(new Uint8Array(bytes)));
}
