// Browser entry: wires browser adapters into the lab and mounts the UI.
import { mount } from 'svelte';
import App from './ui/App.svelte';
import { Lab } from './ui/lab.svelte';
import { labContext } from './ui/lab-context';
import { startDuckDB } from './adapters/browser/duckdb-instance';
import { DuckDBProjections } from './adapters/browser/duckdb-projections';
import { WorkerEngineRunner } from './adapters/browser/engine-client';
import { BrowserParquetCodec } from './adapters/browser/parquet-codec';
import { generateSample, sampleInstruments } from './core/sample';

const lab = new Lab({
  startProjections: async () => DuckDBProjections.open(await startDuckDB()),
  startEngine: async () => {
    const runner = new WorkerEngineRunner(new Worker(new URL('../workers/engine.worker.ts', import.meta.url), { type: 'module' }));
    await runner.ready();
    return runner;
  },
  parquet: new BrowserParquetCodec(),
  samples: { list: sampleInstruments, generate: generateSample },
});

mount(App, { target: document.getElementById('app')!, context: labContext(lab) });
void lab.start();
