import { CompatEngine } from './compat';
import { instantiateEngineModule } from './engine-imports';
import { LabWasmEngine } from './lab';
import { RiskEngine } from './risk-engine';
import { StatsEngine } from './stats-engine';
import { SweepEngine } from './sweep-engine';
import { RngEngine } from './rng-engine';

/** The facades over one engine instance: they share its memory and scratch buffer, so use them from one thread. */
export interface Engine {
  rng: RngEngine;
  compat: CompatEngine;
  stats: StatsEngine;
  sweep: SweepEngine;
  lab: LabWasmEngine;
  risk: RiskEngine;
}

export async function createEngine(module: WebAssembly.Module): Promise<Engine> {
  const instance = await instantiateEngineModule(module);
  return {
    rng: RngEngine.fromInstance(instance),
    compat: CompatEngine.fromInstance(instance),
    stats: StatsEngine.fromInstance(instance),
    sweep: SweepEngine.fromInstance(instance),
    lab: LabWasmEngine.fromInstance(instance),
    risk: RiskEngine.fromInstance(instance),
  };
}
