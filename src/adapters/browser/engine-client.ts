import * as Comlink from 'comlink';
import type { EngineService } from './engine-service';

/** The engine worker's EngineService, as the tab's runners share it (one worker, one WASM instance). */
export type EngineRemote = Comlink.Remote<EngineService>;

export function connectEngine(worker: Worker): EngineRemote {
  return Comlink.wrap<EngineService>(worker);
}
