// Engine worker entry: one EngineService over the fetched engine, exposed over Comlink. Wiring only.
import * as Comlink from 'comlink';
import engineWasmUrl from '../engine-wasm/build/engine.wasm?url';
import { EngineService, fetchEngine } from '../src/adapters/browser/engine-service';

Comlink.expose(new EngineService(fetchEngine(engineWasmUrl)));
