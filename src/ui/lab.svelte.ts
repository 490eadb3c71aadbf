import { tick } from 'svelte';
import type { ArtifactRecord } from '../core/artifacts/record';
import type { IntervalName } from '../core/domain/interval';
import type { OhlcvTable } from '../core/domain/ohlcv-table';
import { ArtifactProjections } from '../handlers/artifact-projections';
import { DeferredProjectionBuilder } from '../handlers/deferred-projection-builder';
import { SAMPLE_TAG, SAMPLE_UNIVERSE_TAG } from '../core/sample/tag';
import type { CanonicalParquetWriter } from '../ports/canonical-parquet-writer';
import type { FileImporter, ImportResult } from '../handlers/import-files';
import type { ArtifactStore } from '../ports/artifact-store';
import type { ExperimentTracker } from '../ports/experiment-tracker';
import type { ExperimentRecord, ExperimentResults } from '../core/experiments/record';
import type { ExperimentSpecInput } from '../core/experiments/spec';
import type { ExperimentResultData } from '../handlers/experiments/read-results';
import type { ProjectionBuilder, ProjectionInfo } from '../ports/projection-builder';
import type { StorageQuota } from '../ports/storage-quota';
import type { StoreChanges } from '../ports/store-changes';
import { ArtifactCatalog } from './artifacts.svelte';
import { errorMessage } from './error-message';
import { nextPaint } from './next-paint';
import { ExperimentsState, type ExperimentsDeps } from './experiments.svelte';
import { FeaturesState } from './features/features.svelte';
import { ImportQueue } from './import-queue.svelte';
import { RunState } from './run.svelte';
import { UniversePicker } from './universe/universe-picker-state.svelte';

/** Artifacts read first, for the first screen of the Artifacts view. */
const FIRST_ROWS = 60;

export type View = 'research' | 'experiments' | 'sweeps' | 'artifacts' | 'quarantine' | 'storage';

export interface SampleEntry {
  id: string;
  name: string;
  interval: IntervalName;
  description: string;
}

/** An ohlcv artifact as the instrument list shows it. */
export interface InstrumentEntry {
  /** The artifact id. */
  id: string;
  name: string;
  source: 'sample' | 'file';
  detail: string;
  description: string;
  rows: number;
  record: ArtifactRecord;
}

/**
 * Moments of the lab's start, in the order a start reaches them (duckdb-ready and engine-ready may come in either
 * order, and before instruments-listed on a slow store). main.ts records them as performance marks.
 */
export type LabMilestone = 'instruments-listed' | 'duckdb-ready' | 'engine-ready' | 'app-ready';

/** What the lab needs from the platform; main.ts supplies browser adapters. */
export interface LabDeps {
  openStore(): Promise<ArtifactStore>;
  startProjections(): Promise<ProjectionBuilder>;
  /** Resolves once the engine worker has compiled its WASM (the Research tab's Run waits for it). */
  startEngine(): Promise<unknown>;
  parquet: CanonicalParquetWriter;
  importer: FileImporter<File>;
  storage: StorageQuota;
  changes: StoreChanges;
  samples: { list(): SampleEntry[]; generate(id: string): OhlcvTable };
  appVersion: string;
  /** Tracked experiments (the Experiments view); absent, the view says it is not available. */
  experiments?: ExperimentsDeps;
  /** Told as the start reaches each milestone (after the page shows it). */
  milestone?(name: LabMilestone): void;
}

/** The lab's UI state: boot, the instruments (ohlcv artifacts), the selected bars, and its sub-states. */
export class Lab {
  /** DuckDB (projections, SQL) is up. */
  dataReady = $state(false);
  engineReady = $state(false);
  /** Every sample instrument is stored (on a first start they are generated first). */
  samplesReady = $state(false);
  ready = $derived(this.dataReady && this.engineReady && this.samplesReady);
  bootError = $state<string | null>(null);
  view = $state<View>('research');

  /** Present once the store is open and its records were read (DuckDB may still be starting). */
  catalog = $state.raw<ArtifactCatalog | null>(null);
  /** The stored instruments are listed (read from the store's manifest, without DuckDB): all of them. */
  listed = $derived(this.catalog?.complete ?? false);
  readonly imports: ImportQueue<File>;
  readonly runs: RunState;
  readonly experiments: ExperimentsState | null;
  /** The instruments of a universe (lab-profile) experiment. */
  readonly universe: UniversePicker;
  /** Features and labels of the selected instrument. */
  readonly features: FeaturesState;

  instruments = $derived.by(() => this.instrumentEntries(this.catalog?.records ?? []));
  selectedId = $state<string | null>(null);
  selected = $derived(this.instruments.find((i) => i.id === this.selectedId) ?? null);
  bars = $state.raw<OhlcvTable | null>(null);
  loading = $state(false);
  barsError = $state<string | null>(null);

  projectionList = $state.raw<ProjectionInfo[]>([]);
  /** Artifacts whose projections the last "drop all" removed (what "rebuild" builds again). */
  dropped = $state.raw<string[]>([]);

  private store: ArtifactStore | null = null;
  private projections: ArtifactProjections | null = null;
  private selectToken = 0;

  constructor(private readonly deps: LabDeps) {
    this.imports = new ImportQueue<File>({
      importer: deps.importer,
      onResult: () => this.catalog?.refresh(),
      onBatchDone: (results) => this.afterImport(results),
    });
    this.experiments = deps.experiments ? new ExperimentsState(deps.experiments) : null;
    this.universe = new UniversePicker({
      candidates: () => this.instruments,
      storeSampleUniverse: () => this.storeSampleUniverse(),
      importFiles: (files) => this.importFiles(files),
    });
    this.features = new FeaturesState({
      store: () => this.store,
      projections: () => this.projections,
      parquet: deps.parquet,
      appVersion: deps.appVersion,
      records: () => this.catalog?.records ?? [],
      selected: () => (this.selected ? { record: this.selected.record, bars: this.bars } : null),
      stored: async () => {
        this.deps.changes.notify();
        await this.catalog?.refresh();
      },
    });
    this.runs = new RunState({
      runExperiment: (spec) => this.runExperiment(spec),
      readResults: (results) => this.readResults(results),
    });
  }

  private instrumentEntries(records: readonly ArtifactRecord[]): InstrumentEntry[] {
    const samples = this.deps.samples.list();
    const order = new Map(samples.map((s, i) => [s.id, i]));
    const entries = records
      .filter((r) => r.kind === 'ohlcv')
      .map((r): InstrumentEntry => {
        const sample = r.tags.includes(SAMPLE_TAG) ? samples.find((s) => s.id === r.instruments[0]) : undefined;
        if (sample)
          return {
            id: r.id,
            name: sample.name,
            source: 'sample',
            detail: sample.interval,
            description: sample.description,
            rows: r.rowCount,
            record: r,
          };
        if (r.tags.includes(SAMPLE_UNIVERSE_TAG))
          return {
            id: r.id,
            name: r.instruments[0],
            source: 'sample',
            detail: `sample universe · ${r.interval ?? ''}`,
            description: '',
            rows: r.rowCount,
            record: r,
          };
        const from = r.provenance.sourceFileName;
        return {
          id: r.id,
          name: r.instruments.join(', ') || r.id,
          source: 'file',
          detail: [r.interval ?? 'irregular', from].filter(Boolean).join(' · '),
          description: '',
          rows: r.rowCount,
          record: r,
        };
      });
    const rank = (e: InstrumentEntry) => (e.source === 'sample' ? (order.get(e.record.instruments[0]) ?? 0) : samples.length);
    // Samples in catalogue order, then files oldest first (records come oldest first; sort is stable).
    return entries.sort((a, b) => rank(a) - rank(b));
  }

  /**
   * Starts everything at once and shows each part as soon as what it needs is there: the stored instruments as soon
   * as the store's records are read; bars, previews and statistics once DuckDB is up; runs once the engine is.
   */
  async start(): Promise<void> {
    const failed = (e: unknown) => void (this.bootError ??= errorMessage(e));
    const duckdb = this.deps.startProjections().then((builder) => {
      this.dataReady = true;
      this.deps.milestone?.('duckdb-ready');
      return builder;
    });
    const engine = this.deps.startEngine().then(() => {
      this.engineReady = true;
      this.deps.milestone?.('engine-ready');
    });
    duckdb.catch(failed);
    engine.catch(failed);
    try {
      const store = await this.deps.openStore();
      this.store = store;
      this.projections = new ArtifactProjections(store, new DeferredProjectionBuilder(duckdb));
      const catalog = new ArtifactCatalog({
        store,
        projections: this.projections,
        storage: this.deps.storage,
        experiments: () => this.experimentsForDeletes(),
        changed: () => this.deps.changes.notify(),
        deleted: (id) => this.afterDelete(id),
      });
      // The views show the newest artifacts while the whole store is read.
      await catalog.showNewest(FIRST_ROWS);
      this.catalog = catalog;
      // Those rows reach the screen before reading (and checking) every record holds the page up.
      await tick();
      await nextPaint();
      await catalog.refresh();
      this.deps.changes.subscribe(() => void this.afterExternalChange());
      await this.milestoneShown('instruments-listed');
      // Its bars load as soon as DuckDB is up.
      if (this.instruments.length > 0) void this.select(this.instruments[0].id);
      // A first start (or a deleted sample) stores the samples now; otherwise they are checked once the lab is ready.
      const samplesStored = this.hasEverySample();
      if (!samplesStored) await this.ensureSamples(store, catalog);
      this.samplesReady = true;
      void this.experiments?.start({
        store,
        projections: this.projections,
        inputs: () => this.instruments.map((i) => ({ id: i.id, name: i.name, contentHash: i.record.contentHash, record: i.record })),
        selectedInput: () => this.selectedId,
        universe: () => this.universe.selection,
        chooseUniverse: (hashes) => this.universe.choose(hashes.map((h) => this.instruments.find((i) => i.record.contentHash === h)?.record)),
        artifactsChanged: async () => {
          this.deps.changes.notify();
          await catalog.refresh();
        },
        showArtifact: (id) => {
          this.view = 'artifacts';
          catalog.select(id);
        },
      });
      await Promise.all([duckdb, engine]);
      await this.milestoneShown('app-ready');
      if (samplesStored) await this.ensureSamples(store, catalog);
    } catch (e) {
      failed(e);
    }
  }

  /** The tracker deletes consult: the Experiments view's own connection (without experiments, none holds anything). */
  private experimentsForDeletes(): Promise<Pick<ExperimentTracker, 'list'>> {
    return this.experiments?.openTracker() ?? Promise.resolve({ list: async () => [] });
  }

  private async milestoneShown(name: LabMilestone): Promise<void> {
    await tick();
    this.deps.milestone?.(name);
  }

  /** True when a stored sample artifact exists for every sample instrument. */
  private hasEverySample(): boolean {
    const stored = new Set(this.instruments.filter((i) => i.source === 'sample').map((i) => i.record.instruments[0]));
    return this.deps.samples.list().every((s) => stored.has(s.id));
  }

  /**
   * Stores the samples that are missing (generated from their seeds; a generator change makes new ones) and lists
   * them; the first of them is selected when nothing is.
   */
  private async ensureSamples(store: ArtifactStore, catalog: ArtifactCatalog): Promise<void> {
    // Generating and writing samples (Arrow, Parquet) is code of its own chunk: a warm start only checks them, late.
    const { ensureSampleArtifacts } = await import('../handlers/ensure-sample-artifacts');
    const samples = await ensureSampleArtifacts({ store, parquet: this.deps.parquet, appVersion: this.deps.appVersion, samples: this.deps.samples });
    if ([...samples.values()].every((r) => catalog.byId(r.id))) return;
    await catalog.refresh();
    this.deps.changes.notify();
    if (!this.selectedId && this.instruments.length > 0) void this.select(this.instruments[0].id);
  }

  /** Stores the sample universe (once, in one batch) and lists it; its members' records in catalogue order. */
  private async storeSampleUniverse(): Promise<readonly ArtifactRecord[]> {
    const store = this.store;
    const catalog = this.catalog;
    if (!store || !catalog) throw new Error('the artifact store is not open');
    const { ensureSampleUniverse } = await import('../handlers/ensure-sample-universe');
    const records = await ensureSampleUniverse({ store, parquet: this.deps.parquet, appVersion: this.deps.appVersion });
    if (!records.every((r) => catalog.byId(r.id))) {
      await catalog.refresh();
      this.deps.changes.notify();
    }
    return records;
  }

  /** The stored bars of an instrument (its projection), without selecting it: a universe sweep reads several. */
  async barsOf(id: string): Promise<OhlcvTable> {
    const entry = this.instruments.find((i) => i.id === id);
    if (!entry) throw new Error(`instrument ${id} is not stored`);
    if (!this.projections) throw new Error('bars are not readable yet: the lab is still starting');
    return this.projections.bars(entry.record);
  }

  async select(id: string): Promise<void> {
    const entry = this.instruments.find((i) => i.id === id);
    if (!entry || !this.projections) return;
    const token = ++this.selectToken;
    this.selectedId = id;
    // Never show one instrument's name over another's bars, nor run on them.
    this.bars = null;
    this.runs.reset();
    this.loading = true;
    this.barsError = null;
    try {
      const bars = await this.projections.bars(entry.record);
      if (token !== this.selectToken) return;
      this.bars = bars;
    } catch (e) {
      if (token === this.selectToken) {
        this.bars = null;
        this.barsError = errorMessage(e);
      }
    } finally {
      if (token === this.selectToken) this.loading = false;
      void this.refreshProjections();
    }
  }

  /** Imports files (picked or dropped); the last one that became an instrument is selected. */
  importFiles(files: File[]): Promise<ImportResult[]> {
    return this.imports.add(files);
  }

  private async afterImport(results: ImportResult[]): Promise<void> {
    await this.catalog?.refresh();
    if (results.some((r) => r.status !== 'refused')) this.deps.changes.notify();
    const last = [...results].reverse().find((r) => (r.status === 'created' || r.status === 'existing') && r.record.kind === 'ohlcv');
    if (last && (last.status === 'created' || last.status === 'existing')) await this.select(last.record.id);
  }

  private async afterExternalChange(): Promise<void> {
    void this.experiments?.refresh();
    await this.catalog?.refresh();
    if (this.selectedId && !this.instruments.some((i) => i.id === this.selectedId)) await this.selectFirst();
  }

  /** After a delete here (the catalog has been read again): its projection goes, and so does its selection. */
  private async afterDelete(id: string): Promise<void> {
    await this.projections?.drop(id);
    if (this.selectedId === id) await this.selectFirst();
    await this.refreshProjections();
  }

  private async selectFirst(): Promise<void> {
    this.selectedId = null;
    this.bars = null;
    this.runs.reset();
    if (this.instruments.length > 0) await this.select(this.instruments[0].id);
  }

  /** The Research tab's Run on the selected instrument: a tracked experiment (run.svelte.ts). */
  async run(): Promise<void> {
    const entry = this.selected;
    if (!this.bars || !entry) return;
    await this.runs.run({ contentHash: entry.record.contentHash, name: entry.name });
  }

  private runExperiment(spec: ExperimentSpecInput): Promise<ExperimentRecord> {
    if (!this.experiments) throw new Error('this lab tracks no experiments, so it cannot run one');
    return this.experiments.createAndExecute(spec);
  }

  private async readResults(results: ExperimentResults): Promise<ExperimentResultData> {
    const codec = this.deps.experiments?.parquet;
    if (!this.store || !codec) throw new Error('the artifact store is not open');
    const { readExperimentResults } = await import('../handlers/experiments/read-results');
    return readExperimentResults(this.store, codec, results);
  }

  /** Opens the Experiments view on one experiment (its status, provenance, results and run link). */
  showExperiment(id: string): void {
    if (!this.experiments) return;
    this.view = 'experiments';
    this.experiments.select(id);
  }

  /** Opens the Experiments view on the experiment of a spec made elsewhere (a sweep's row), running it if needed. */
  async openAsExperiment(spec: unknown): Promise<ExperimentRecord> {
    if (!this.experiments) throw new Error('this lab tracks no experiments, so it cannot open one');
    this.view = 'experiments';
    return this.experiments.openSpec(spec);
  }

  async refreshProjections(): Promise<void> {
    if (this.projections) this.projectionList = await this.projections.list();
  }

  /** Drops every projection; the bars on screen are forgotten too, so nothing reads a dropped table. */
  async dropAllProjections(): Promise<void> {
    if (!this.projections) return;
    this.selectToken++;
    this.dropped = await this.projections.dropAll();
    this.bars = null;
    this.runs.reset();
    await this.refreshProjections();
  }

  /** Rebuilds the dropped projections from stored Parquet, and re-reads the selected instrument's bars. */
  async rebuildProjections(): Promise<void> {
    if (!this.projections || !this.catalog) return;
    const catalog = this.catalog;
    for (const id of this.dropped) {
      const record = catalog.byId(id);
      if (record) await this.projections.ensure(record);
    }
    this.dropped = [];
    if (this.selectedId) await this.select(this.selectedId);
    await this.refreshProjections();
  }
}
