import { CompatEngine } from '../../../src/engine/compat';
import { instantiateEngineModule } from '../../../src/engine/engine-imports';
import { compileNodeEngine } from '../../../src/adapters/node/engine-loader';

/** The backtester facade over a fresh instance of the built engine (npm run build:engine), and its memory. */
export async function loadCompatInstance(): Promise<{ engine: CompatEngine; memory: WebAssembly.Memory }> {
  const instance = await instantiateEngineModule(await compileNodeEngine());
  return { engine: CompatEngine.fromInstance(instance), memory: instance.exports.memory as WebAssembly.Memory };
}

export async function loadCompatEngine(): Promise<CompatEngine> {
  return (await loadCompatInstance()).engine;
}
