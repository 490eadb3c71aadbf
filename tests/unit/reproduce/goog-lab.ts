/**
 * A lab on a temporary directory with the pinned GOOG experiment run in it (docs/experiments.md): GOOG.csv from
 * ../shared/data imported through the import handler, the metrics.md spec created and executed by the WASM engine.
 * Fresh, empty labs beside it receive what bundles and links carry.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeBarsFile } from '../../../src/adapters/node/decode-bars-file';
import { DirArtifactStore } from '../../../src/adapters/node/dir-artifact-store';
import { DirExperimentTracker } from '../../../src/adapters/node/dir-experiment-tracker';
import { nodeCompatRunner } from '../../../src/adapters/node/engine-runners';
import { NodeParquetCodec } from '../../../src/adapters/node/node-parquet-codec';
import type { ExperimentRecord } from '../../../src/core/experiments/record';
import { executeExperiment, type ExecuteExperimentDeps } from '../../../src/handlers/execute-experiment';
import { createExperiment } from '../../../src/handlers/experiments/create-experiment';
import { parquetBarsDecoder } from '../../../src/handlers/experiments/parquet-bars-decoder';
import { importArtifact } from '../../../src/handlers/import-artifact';
import type { Clock } from '../../../src/ports/artifact-store';
import type { CompatRunner } from '../../../src/ports/compat-runner';
import { sharedDataPath } from '../../helpers/shared-data';
import { GOOG_HASH, GOOG_SMA_SPEC as GOOG_SPEC, GOOG_SMA_RESULT_HASH as RESULT_HASH } from '../../helpers/goog-experiment';
export { GOOG_HASH, GOOG_SPEC, RESULT_HASH };

export const GOOG_ID = 'art_f2e4b64306bd2b8ab341951c';
export const EXPERIMENT_ID = 'exp_99c61648f98d6fec74bccb88';
export const APP_VERSION = '0.1.0-test';

export const codec = new NodeParquetCodec();

export function goog(): Uint8Array {
  return new Uint8Array(readFileSync(sharedDataPath('GOOG.csv')));
}

export function sharedFile(name: string): Uint8Array {
  return new Uint8Array(readFileSync(sharedDataPath(name)));
}

export interface TestLab {
  dir: string;
  store: DirArtifactStore;
  tracker: DirExperimentTracker;
  deps: ExecuteExperimentDeps;
}

const root = mkdtempSync(join(tmpdir(), 'quantlab-reproduce-'));
const open: TestLab[] = [];
let runner: Promise<CompatRunner> | undefined;
let n = 0;

function clock(): Clock {
  let t = Date.UTC(2025, 0, 1);
  return { now: () => (t += 1000) };
}

export async function openLab(label: string, withRunner?: CompatRunner): Promise<TestLab> {
  const dir = join(root, `${label}-${++n}`);
  const c = clock();
  const store = await DirArtifactStore.open(dir, { clock: c });
  const tracker = await DirExperimentTracker.open(dir);
  runner ??= nodeCompatRunner();
  const lab: TestLab = {
    dir,
    store,
    tracker,
    deps: {
      store,
      tracker,
      runner: withRunner ?? (await runner),
      decodeBars: parquetBarsDecoder(codec),
      parquet: codec,
      clock: c,
      appVersion: APP_VERSION,
      session: `test/${label}-${n}`,
    },
  };
  open.push(lab);
  return lab;
}

export async function closeLabs(): Promise<void> {
  await Promise.all(open.splice(0).flatMap((l) => [l.store.close(), l.tracker.close()]));
  rmSync(root, { recursive: true, force: true });
}

/** What importBundle needs of a lab: its store and tracker, the Parquet codec, its clock. */
export const bundleDeps = (lab: TestLab) => ({ store: lab.store, tracker: lab.tracker, codec, clock: lab.deps.clock });

export const importDeps = (lab: TestLab) => ({ store: lab.store, decode: decodeBarsFile, parquet: codec, appVersion: APP_VERSION });

/** A lab holding GOOG and the pinned experiment, executed (done). */
export async function labWithGoogRun(label = 'origin'): Promise<{ lab: TestLab; record: ExperimentRecord }> {
  const lab = await openLab(label);
  const imported = await importArtifact(importDeps(lab), { name: 'GOOG.csv', bytes: goog() });
  if (imported.status === 'quarantined') throw new Error('GOOG.csv was quarantined');
  const { record } = await createExperiment({ tracker: lab.tracker, store: lab.store, clock: lab.deps.clock, appVersion: APP_VERSION }, GOOG_SPEC);
  const { record: done } = await executeExperiment(lab.deps, record.id);
  if (done.status !== 'done') throw new Error(`the pinned experiment ended ${done.status}: ${done.error?.message}`);
  return { lab, record: done };
}

/** What the store and the tracker hold, to compare before and after a refused import. */
export async function storeState(lab: TestLab): Promise<unknown> {
  return {
    usage: await lab.store.usage(),
    records: await lab.store.find(),
    quarantine: await lab.store.listQuarantine(),
    experiments: await lab.tracker.list(),
  };
}
