import { importFiles, type FileImporter, type ImportResult } from '../handlers/import-files';
import { STAGE_START, type ImportStage } from '../handlers/import-stages';

export type ImportItemStatus = 'waiting' | 'importing' | ImportResult['status'];

export interface ImportItem {
  readonly key: number;
  readonly name: string;
  readonly size: number;
  status: ImportItemStatus;
  stage: ImportStage | null;
  /** Bytes of the file read so far (a streamed file reports as it is read). */
  bytesRead: number;
  result: ImportResult | null;
}

export interface ImportQueueDeps<F> {
  importer: FileImporter<F & { name: string; size: number }>;
  /** Told after each file (the store may have changed). */
  onResult(result: ImportResult): void | Promise<void>;
  /** Told when a batch is over (finished or cancelled). */
  onBatchDone(results: ImportResult[]): void | Promise<void>;
}

/**
 * How far one file in flight is (0…1): a streamed file is read while it is decoded, so within the decoding stage the
 * share of its bytes read moves the bar; other stages count from where they start.
 */
function itemProgress(item: ImportItem): number {
  if (item.stage === null) return 0;
  const start = STAGE_START[item.stage];
  if (item.stage !== 'decoding' || item.size <= 0) return start;
  const read = Math.min(1, item.bytesRead / item.size);
  return start + (STAGE_START.validating - start) * read;
}

/**
 * Files brought by the user, imported one at a time in the order they arrived (files dropped while a batch runs
 * wait for it). Progress is by bytes: finished files count whole, the one in flight by its stage.
 */
export class ImportQueue<F extends { name: string; size: number }> {
  items = $state<ImportItem[]>([]);
  running = $state(false);

  /** Keys of the batch being imported. */
  private batchKeys = $state(new Set<number>());
  /** The running batch and the files waiting after it: what the progress bar measures. */
  private active = $derived(this.items.filter((i) => i.status === 'waiting' || i.status === 'importing' || this.batchKeys.has(i.key)));

  current = $derived(this.items.find((i) => i.status === 'importing') ?? null);
  progress = $derived.by(() => {
    const total = this.active.reduce((n, i) => n + Math.max(1, i.size), 0);
    if (total === 0) return 0;
    let done = 0;
    for (const i of this.active) {
      const size = Math.max(1, i.size);
      if (i.status === 'importing') done += size * itemProgress(i);
      else if (i.status !== 'waiting') done += size;
    }
    return done / total;
  });
  activeCount = $derived(this.active.length);
  activeDone = $derived(this.active.filter((i) => i.status !== 'waiting' && i.status !== 'importing').length);

  private nextKey = 0;
  private controller = new AbortController();
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: ImportQueueDeps<F>) {}

  /** Queues files; resolves with their results when their batch is over. */
  add(files: readonly F[]): Promise<ImportResult[]> {
    const batch = files.map((f): ImportItem => ({
      key: this.nextKey++,
      name: f.name,
      size: f.size,
      status: 'waiting',
      stage: null,
      bytesRead: 0,
      result: null,
    }));
    this.items.push(...batch);
    const signal = this.controller.signal;
    const run = this.tail.then(() => this.runBatch(files, batch, signal));
    this.tail = run.catch(() => undefined);
    return run;
  }

  private item(key: number): ImportItem | undefined {
    return this.items.find((i) => i.key === key);
  }

  private async runBatch(files: readonly F[], batch: ImportItem[], signal: AbortSignal): Promise<ImportResult[]> {
    this.running = true;
    this.batchKeys = new Set(batch.map((b) => b.key));
    try {
      const results = await importFiles(files, this.deps.importer, {
        signal,
        events: {
          onStart: (i) => {
            const it = this.item(batch[i].key);
            if (it) it.status = 'importing';
          },
          onStage: (i, stage) => {
            const it = this.item(batch[i].key);
            if (it) it.stage = stage;
          },
          onBytes: (i, bytes) => {
            const it = this.item(batch[i].key);
            if (it) it.bytesRead = bytes;
          },
          onResult: (i, result) => {
            const it = this.item(batch[i].key);
            if (it) {
              it.status = result.status;
              it.result = result;
              it.stage = null;
            }
            void this.deps.onResult(result);
          },
        },
      });
      await this.deps.onBatchDone(results);
      return results;
    } finally {
      this.running = this.items.some((i) => i.status === 'waiting');
      this.batchKeys = new Set();
    }
  }

  /** Abandons the file in flight and every file still waiting; finished files stay imported. */
  cancel(): void {
    this.controller.abort();
    this.controller = new AbortController();
  }

  /** Forgets finished items. */
  clearFinished(): void {
    this.items = this.items.filter((i) => i.status === 'waiting' || i.status === 'importing');
  }
}
