import { compileNodeEngine } from '../../../src/adapters/node/engine-loader';
import { createEngine } from '../../../src/engine/engine-module';
import type { LabWasmEngine } from '../../../src/engine/lab';

/** The lab facade over a fresh instance of the built engine (npm run build:engine), as createEngine wires it. */
export async function loadLabEngine(): Promise<LabWasmEngine> {
  return (await createEngine(await compileNodeEngine())).lab;
}
