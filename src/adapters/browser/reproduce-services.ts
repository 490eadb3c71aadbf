/**
 * The browser's ports for reproducing runs and importing bundles (src/ports/reproduce-services.ts): its own
 * connection to the artifact store (IndexedDB serializes writers across connections), the experiment tracker, the
 * engine worker as CompatRunner and as LabRunner (version-2 universes run on the lab engine), this tab as a session, parquet-wasm, and DuckDB for SQL signals. Opened lazily —
 * a lab that never sees a run link or a bundle starts none of it — and, for the engine, only at the first re-run.
 *
 * The engine is the tab's engine worker when main.ts hands it in, else a worker of its own (the same build: the same
 * .wasm bytes, hence the same engineBuildHash). SQL signals are the Experiments view's evaluator when main.ts hands
 * it in: the tab's one DuckDB over the lab's projections (a second set of projections of the same artifacts in the
 * same DuckDB would rebuild tables under the other's queries), the same SQL text, so the same positions.
 */
import { barsDecoder } from '../../handlers/decode-bars-bytes';
import type { ExecuteExperimentDeps } from '../../handlers/execute-experiment';
import { parquetBarsDecoder } from '../../handlers/experiments/parquet-bars-decoder';
import type { ArtifactStore, Clock } from '../../ports/artifact-store';
import type { ExperimentTracker } from '../../ports/experiment-tracker';
import type { ReproduceServices } from '../../ports/reproduce-services';
import type { SignalEvaluator } from '../../ports/signal-evaluator';
import { connectEngine, type EngineRemote } from './engine-client';
import { once } from './once';
import { IdbArtifactStore } from './idb-artifact-store';
import { IdbExperimentTracker } from './idb-experiment-tracker';
import type { BrowserParquetCodec } from './parquet-codec';
import { BroadcastStoreChanges } from './store-broadcast';
import { startTabSession } from './tab-session';
import { workerEngineRunners } from './worker-runners';

export interface BrowserReproduceOptions {
  parquet: BrowserParquetCodec;
  appVersion: string;
  /** The tab's engine worker; without it a worker of its own starts at the first re-run. */
  engine?: () => EngineRemote;
  /** The lab's SQL-signal evaluator, null while the lab is starting; without it a SQL-signal re-run fails saying so. */
  signals?: () => SignalEvaluator | null;
}

const clock: Clock = { now: () => Date.now() };

function ownEngine(): EngineRemote {
  return connectEngine(new Worker(new URL('../../../workers/engine.worker.ts', import.meta.url), { type: 'module' }));
}

/** Asks for the lab's evaluator at the first query (the lab may have started after this panel). */
function labSignals(current: () => SignalEvaluator | null): SignalEvaluator {
  return {
    evaluate: (input, sql) => {
      const signals = current();
      if (!signals) throw new Error('SQL signals are not ready yet: the lab is still starting DuckDB; re-run in a moment');
      return signals.evaluate(input, sql);
    },
  };
}

async function startExecution(
  store: ArtifactStore,
  tracker: () => Promise<ExperimentTracker>,
  options: BrowserReproduceOptions,
): Promise<ExecuteExperimentDeps> {
  const [opened, session] = await Promise.all([tracker(), startTabSession()]);
  const runners = await workerEngineRunners((options.engine ?? ownEngine)());
  // A session starting: attempts left running by tabs that are gone become interrupted (and can run again).
  await opened.markInterrupted({ at: clock.now(), sessionAlive: await session.liveSessions() });
  const signals = options.signals;
  return {
    store,
    tracker: opened,
    runner: runners.compat,
    lab: runners.lab,
    decodeBars: parquetBarsDecoder(options.parquet),
    parquet: options.parquet,
    clock,
    appVersion: options.appVersion,
    session: session.id,
    ...(signals ? { signals: labSignals(signals) } : {}),
  };
}

/** The services of reproduce-deps.ts, opened at the first run link or bundle (this module is its own chunk). */
export async function openReproduceServices(options: BrowserReproduceOptions): Promise<ReproduceServices> {
  const store = await IdbArtifactStore.open();
  const changes = new BroadcastStoreChanges();
  const tracker = once((): Promise<ExperimentTracker> => IdbExperimentTracker.open());
  return {
    store,
    codec: options.parquet,
    admit: { store, decode: barsDecoder(options.parquet), parquet: options.parquet, appVersion: options.appVersion },
    tracker,
    clock,
    execution: once(() => startExecution(store, tracker, options)),
    // Other views of this tab listen on the same channel, as other tabs do.
    changed: () => changes.notify(),
  };
}
