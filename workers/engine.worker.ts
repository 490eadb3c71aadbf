// Engine worker entry: one EngineService exposed over Comlink. Wiring only.
import * as Comlink from 'comlink';
import engineWasmUrl from '../engine-wasm/build/engine.wasm?url';
import { EngineService } from '../src/adapters/browser/engine-service';

Comlink.expose(new EngineService(engineWasmUrl));
