// Browser entry: wires browser adapters into the lab and mounts the UI.
import { mount } from 'svelte';
import App from './ui/App.svelte';
import { Lab } from './ui/lab.svelte';
import { labContext } from './ui/lab-context';
import { APP_VERSION } from './adapters/browser/app-version';
import { startDuckDB } from './adapters/browser/duckdb-instance';
import { DuckDBProjections } from './adapters/browser/duckdb-projections';
import { WorkerEngineRunner } from './adapters/browser/engine-client';
import { IdbArtifactStore } from './adapters/browser/idb-artifact-store';
import { WorkerFileImporter } from './adapters/browser/import-client';
import { NavigatorStorage } from './adapters/browser/navigator-storage';
import { BrowserParquetCodec } from './adapters/browser/parquet-codec';
import { BroadcastStoreChanges } from './adapters/browser/store-broadcast';
import { generateSample, sampleInstruments } from './core/sample';

const parquet = new BrowserParquetCodec();

const lab = new Lab({
  openStore: () => IdbArtifactStore.open(),
  startProjections: async () => DuckDBProjections.open(await startDuckDB(), parquet),
  startEngine: async () => {
    const runner = new WorkerEngineRunner(new Worker(new URL('../workers/engine.worker.ts', import.meta.url), { type: 'module' }));
    await runner.ready();
    return runner;
  },
  parquet,
  importer: new WorkerFileImporter(() => new Worker(new URL('../workers/import.worker.ts', import.meta.url), { type: 'module' })),
  storage: new NavigatorStorage(),
  changes: new BroadcastStoreChanges(),
  samples: { list: sampleInstruments, generate: generateSample },
  appVersion: APP_VERSION,
});

mount(App, { target: document.getElementById('app')!, context: labContext(lab) });
void lab.start();
