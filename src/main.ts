// Browser entry: wires browser adapters into the lab and mounts the UI.
// First: DuckDB's worker starts fetching and compiling its wasm before anything else of the page runs.
import { duckdbWorker } from './adapters/browser/duckdb/early-worker';
import './adapters/browser/no-eval';
import { mount } from 'svelte';
import type { AsyncDuckDB } from '@duckdb/duckdb-wasm';
import type { ArtifactRecord } from './core/artifacts/record';
import App from './ui/App.svelte';
import { Lab } from './ui/lab.svelte';
import { labContext } from './ui/lab-context';
import { APP_VERSION } from './adapters/browser/app-version';
import { connectEngine, type EngineRemote } from './adapters/browser/engine-client';
import { IdbArtifactStore } from './adapters/browser/idb-artifact-store';
import { IdbExperimentTracker } from './adapters/browser/idb-experiment-tracker';
import { WorkerFileImporter } from './adapters/browser/import-client';
import { NavigatorStorage } from './adapters/browser/navigator-storage';
import { BrowserParquetCodec } from './adapters/browser/parquet-codec';
import { BroadcastStoreChanges } from './adapters/browser/store-broadcast';
import { startTabSession } from './adapters/browser/tab-session';
import { workerEngineRunners } from './adapters/browser/worker-runners';
import { generateSample, sampleInstruments } from './core/sample';
import { browserSweepPool } from './adapters/browser/sweep-workers';
import { SweepState } from './ui/sweeps.svelte';
import { sweepsContext } from './ui/sweeps/sweeps-context';
import { browserReproduceDeps, watchRunLinkRoute } from './adapters/browser/reproduce-deps';
import { registerServiceWorker } from './adapters/browser/service-worker';
import { ReproduceState } from './ui/reproduce.svelte';
import { BundleImportState } from './ui/reproduce/bundle-import-state.svelte';
import { reproduceContext } from './ui/reproduce/reproduce-context';
import { saveFile } from './adapters/browser/save-file';

/** Start-up milestones as performance marks (`quantlab:<name>`), for the bench and the tests. */
const mark = (name: string) => void performance.mark(`quantlab:${name}`);

// One DuckDB (projections and SQL signals) and one engine worker (experiments, the Research tab's Run) per tab, both started
// first thing: their workers fetch and compile their wasm while this thread mounts the page and reads the store.
// DuckDB's client code (and Apache Arrow) is its own chunk, loaded meanwhile.
let duckdb: Promise<AsyncDuckDB> | undefined;
const startDuck = () => (duckdb ??= import('./adapters/browser/duckdb-instance').then(({ startDuckDB }) => startDuckDB(duckdbWorker)));
let engine: EngineRemote | undefined;
const engineWorker = () => (engine ??= connectEngine(new Worker(new URL('../workers/engine.worker.ts', import.meta.url), { type: 'module' })));
void startDuck().catch(() => undefined);
engineWorker();

const parquet = new BrowserParquetCodec();

const lab: Lab = new Lab({
  openStore: () => IdbArtifactStore.open(),
  startProjections: async () => {
    const [{ DuckDBProjections }, db] = await Promise.all([import('./adapters/browser/duckdb-projections'), startDuck()]);
    return DuckDBProjections.open(db, parquet);
  },
  startEngine: () => engineWorker().ready(),
  parquet,
  importer: new WorkerFileImporter(() => new Worker(new URL('../workers/import.worker.ts', import.meta.url), { type: 'module' })),
  storage: new NavigatorStorage(),
  changes: new BroadcastStoreChanges(),
  samples: { list: sampleInstruments, generate: generateSample },
  appVersion: APP_VERSION,
  experiments: {
    openTracker: () => IdbExperimentTracker.open(),
    // One engine worker runs both profiles: version-1 specs on its compat runner, universes on its lab runner.
    startRunner: async () => (await workerEngineRunners(engineWorker())).compat,
    startLabRunner: async () => (await workerEngineRunners(engineWorker())).lab,
    startSession: () => startTabSession(),
    // Its code (Arrow included) loads with the first SQL signal.
    signals: (projections) => ({
      evaluate: async (input, sql) =>
        new (await import('./adapters/browser/duckdb-sql-signals')).DuckDBSqlSignals(
          startDuck,
          projections,
          async (id): Promise<ArtifactRecord | undefined> => lab.catalog?.byId(id),
        ).evaluate(input, sql),
    }),
    parquet,
    clock: { now: () => Date.now() },
    appVersion: APP_VERSION,
    copyText: (text) => navigator.clipboard.writeText(text),
    saveFile,
  },
  milestone: mark,
});

// Parameter sweeps run on their own pool of engine workers, one per core, started with the first sweep.
const sweepPool = browserSweepPool();
const sweeps = new SweepState({ runner: sweepPool, labRunner: sweepPool });

// Run links (#/run/v1/…) and result bundles: their own ports, opened when a link or a bundle first needs them.
const reproduceDeps = browserReproduceDeps({
  parquet,
  appVersion: APP_VERSION,
  engine: engineWorker,
  signals: () => lab.experiments?.sqlSignals ?? null,
});
const reproduce = { reproduce: new ReproduceState(reproduceDeps), bundles: new BundleImportState(reproduceDeps) };

// The store opens while the page mounts.
const started = lab.start();
mount(App, {
  target: document.getElementById('app')!,
  context: new Map<symbol, unknown>([...labContext(lab), ...sweepsContext(sweeps), ...reproduceContext(reproduce)]),
});
mark('shell-ready');
// DuckDB's wasm has been downloading since boot; compiling it waits until now, so it never delays the first render.
duckdbWorker.compileNow();
watchRunLinkRoute((hash) => void reproduce.reproduce.openHash(hash));
// Offline install precaches the whole build: only once the lab is up, so it never competes with the start.
void started.then(registerServiceWorker);
