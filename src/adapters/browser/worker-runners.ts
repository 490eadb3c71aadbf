/**
 * The runner ports in the browser: the engine worker (EngineService.compat / .lab), like the Node runners
 * (src/adapters/node/engine-runners.ts) one engine instance for both profiles. Columns going in — bars, signal
 * series, timeline — are copied once and the copies transferred (the handler keeps reading its own arrays
 * afterwards); results come back transferred. `engineBuildHash` is the SHA-256 the worker computed over the .wasm
 * bytes it compiled.
 */
import * as Comlink from 'comlink';
import type { CompatRunner } from '../../ports/compat-runner';
import type { LabRunner } from '../../ports/lab-runner';
import type { EngineRemote } from './engine-client';
import { columnCopies } from './transferables';

export interface WorkerRunners {
  compat: CompatRunner;
  lab: LabRunner;
}

export async function workerEngineRunners(remote: EngineRemote): Promise<WorkerRunners> {
  const engineBuildHash = await remote.buildHash();
  return {
    compat: {
      engineBuildHash,
      run(bars, job) {
        const b = columnCopies(bars);
        const j = columnCopies(job);
        return remote.compat(Comlink.transfer(b.copy, b.buffers), Comlink.transfer(j.copy, j.buffers));
      },
    },
    lab: {
      engineBuildHash,
      run(timeline, config, strategy) {
        const t = columnCopies(timeline);
        return remote.lab(Comlink.transfer(t.copy, t.buffers), config, strategy);
      },
    },
  };
}
