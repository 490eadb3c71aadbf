import type { SmaCrossParams } from '../core/kernels/sma-cross';
import type { OhlcvTable } from '../core/domain/ohlcv-table';
import { openBarsFile } from '../handlers/open-bars-file';
import { runSmaCross, type RunSummary } from '../handlers/run-sma-cross';
import type { EngineRunner } from '../ports/engine-runner';
import type { ParquetCodec } from '../ports/parquet-codec';
import type { ProjectionBuilder } from '../ports/projection-builder';

export type RunStatus = 'idle' | 'running' | 'done' | 'failed';

export interface SampleEntry {
  id: string;
  name: string;
  interval: string;
  description: string;
}

export interface InstrumentEntry {
  id: string;
  name: string;
  source: 'sample' | 'file';
  detail: string;
  description: string;
  table: string;
  rows: number;
}

/** What the lab needs from the platform; main.ts supplies browser adapters. */
export interface LabDeps {
  startProjections(): Promise<ProjectionBuilder>;
  startEngine(): Promise<EngineRunner>;
  parquet: ParquetCodec;
  samples: { list(): SampleEntry[]; generate(id: string): OhlcvTable };
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Every line of a failure: a schema error lists its first violations, one per line. */
function messageLines(e: unknown): string[] {
  return message(e).split('\n').map((l) => l.trim()).filter((l) => l !== '');
}

/** The lab's UI state: instruments, the selected bars, and the last run. */
export class Lab {
  dataReady = $state(false);
  engineReady = $state(false);
  ready = $derived(this.dataReady && this.engineReady);
  bootError = $state<string | null>(null);

  instruments = $state<InstrumentEntry[]>([]);
  selectedId = $state<string | null>(null);
  bars = $state.raw<OhlcvTable | null>(null);
  loading = $state(false);
  fileErrors = $state<string[][]>([]);

  params = $state<SmaCrossParams>({ fast: 10, slow: 30, cash: 10_000, commission: 0.001, slippageBps: 2, seed: 1 });
  status = $state<RunStatus>('idle');
  result = $state.raw<RunSummary | null>(null);
  runError = $state<string | null>(null);

  selected = $derived(this.instruments.find((i) => i.id === this.selectedId) ?? null);

  private projections: ProjectionBuilder | null = null;
  private engine: EngineRunner | null = null;
  private fileCount = 0;

  constructor(private readonly deps: LabDeps) {}

  async start(): Promise<void> {
    try {
      const enginePromise = this.deps.startEngine().then((e) => {
        this.engine = e;
        this.engineReady = true;
      });
      this.projections = await this.deps.startProjections();
      for (const s of this.deps.samples.list()) {
        const table = `sample_${s.id.replace(/[^a-z0-9]/gi, '_')}`;
        const info = await this.projections.fromColumns(table, this.deps.samples.generate(s.id));
        this.instruments.push({ id: `sample:${s.id}`, name: s.name, source: 'sample', detail: s.interval, description: s.description, table, rows: info.rows });
      }
      this.dataReady = true;
      await enginePromise;
      if (this.instruments.length > 0) await this.select(this.instruments[0].id);
    } catch (e) {
      this.bootError = message(e);
    }
  }

  async select(id: string): Promise<void> {
    const entry = this.instruments.find((i) => i.id === id);
    if (!entry || !this.projections) return;
    this.selectedId = id;
    this.loading = true;
    try {
      this.bars = await this.projections.ohlcv(entry.table);
      this.result = null;
      this.status = 'idle';
    } finally {
      this.loading = false;
    }
  }

  async openFiles(files: File[]): Promise<void> {
    if (!this.projections) return;
    this.fileErrors = [];
    let lastId: string | null = null;
    for (const file of files) {
      const table = `file_${++this.fileCount}`;
      try {
        const bytes = new Uint8Array(await file.arrayBuffer());
        const loaded = await openBarsFile({ projections: this.projections, parquet: this.deps.parquet }, { name: file.name, bytes }, table);
        const id = `file:${this.fileCount}:${file.name}`;
        this.instruments.push({ id, name: file.name, source: 'file', detail: `${(file.size / 1024).toFixed(1)} KiB`, description: '', table, rows: loaded.columns.close.length });
        lastId = id;
      } catch (e) {
        await this.projections.drop(table).catch(() => undefined);
        this.fileErrors = [...this.fileErrors, messageLines(e)];
      }
    }
    if (lastId) await this.select(lastId);
  }

  async run(): Promise<void> {
    if (!this.engine || !this.bars) return;
    this.status = 'running';
    this.runError = null;
    try {
      this.result = await runSmaCross(this.engine, this.bars, $state.snapshot(this.params));
      this.status = 'done';
    } catch (e) {
      this.result = null;
      this.runError = message(e);
      this.status = 'failed';
    }
  }
}
