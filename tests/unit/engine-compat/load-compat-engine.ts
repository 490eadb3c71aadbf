import { readFile } from 'node:fs/promises';
import { CompatEngine } from '../../../src/engine/compat-engine';

const ENGINE_URL = new URL('../../../engine-wasm/build/engine.wasm', import.meta.url);

/** The backtester facade over a fresh instance of the built engine (npm run build:engine), and its memory. */
export async function loadCompatInstance(): Promise<{ engine: CompatEngine; memory: WebAssembly.Memory }> {
  const bytes = await readFile(ENGINE_URL).catch(() => {
    throw new Error(`engine not built: ${ENGINE_URL.pathname} is missing (run: npm run build:engine)`);
  });
  const instance = await WebAssembly.instantiate(await WebAssembly.compile(new Uint8Array(bytes)), {
    env: {
      abort(_msg: number, _file: number, line: number, col: number): never {
        throw new Error(`engine aborted at ${line}:${col}`);
      },
    },
  });
  return { engine: CompatEngine.fromInstance(instance), memory: instance.exports.memory as WebAssembly.Memory };
}

export async function loadCompatEngine(): Promise<CompatEngine> {
  return (await loadCompatInstance()).engine;
}
