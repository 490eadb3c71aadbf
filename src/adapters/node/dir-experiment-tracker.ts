/**
 * ExperimentTracker on a directory: the artifact store's directory (the CLI's `./.quantlab`), so one `--store`
 * names a lab's artifacts and its experiments together.
 *
 *   <root>/experiments/<exp_id>.json   one ExperimentRecord (pretty JSON), replaced atomically on every change
 *   <root>/experiments/lock            held (O_EXCL) while a change is read, checked and written
 *   <root>/tmp/                        the artifact store's temp directory: records are written there, fsynced and
 *                                      renamed into place, so a reader sees the old record or the new, never half
 *
 * Readers take no lock. Writers serialize through the lock file (across processes) and a promise queue (within
 * this object), so a compare-and-set transition cannot lose a race. The artifact store's gc only removes temp
 * files whose writer is gone, so writes in flight here are safe from it.
 */
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CorruptStoreError, StoreClosedError } from '../../core/artifacts/errors';
import { ExperimentNotFoundError } from '../../core/experiments/errors';
import { compareExperiments, matchesExperiment, type ExperimentFilter } from '../../core/experiments/filter';
import { isExperimentId, verifyPrepared, type PreparedSpec } from '../../core/experiments/identity';
import {
  applyTransition,
  importReplaces,
  interruptedError,
  newExperimentRecord,
  parseStoredExperiment,
  validImportedRecord,
  withResults,
  type ExperimentRecord,
  type ExperimentResults,
  type TransitionOptions,
} from '../../core/experiments/record';
import type { ExperimentStatus } from '../../core/experiments/status';
import type { CreateExperimentOptions, CreateExperimentResult, ExperimentTracker, MarkInterruptedOptions } from '../../ports/experiment-tracker';
import { writeFileAtomic } from './artifacts/atomic-file';
import { DirLock } from './artifacts/dir-lock';
import { errnoCode, isNotFound, isReadOnlyError, readOnlyStoreError, toStoreError } from './artifacts/fs-errors';
import { DirArtifactStore } from './dir-artifact-store';

export interface DirExperimentTrackerOptions {
  /** How long a writer waits for another one before StoreLockTimeoutError. Default 30 s. */
  lockTimeoutMs?: number;
}

export const EXPERIMENTS_DIR = 'experiments';

function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export class DirExperimentTracker implements ExperimentTracker {
  private closed = false;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly lock: DirLock;
  readonly dir: string;
  private readonly tmpDir: string;

  private constructor(
    readonly root: string,
    options: DirExperimentTrackerOptions,
  ) {
    this.dir = join(root, EXPERIMENTS_DIR);
    this.tmpDir = join(root, 'tmp');
    this.lock = new DirLock(join(this.dir, 'lock'), options.lockTimeoutMs ?? 30_000);
  }

  /**
   * Opens (creating if needed) the experiments of the store at `root`. The directory is set up (or checked) as an
   * artifact store first, so the two always agree on what `root` is.
   */
  static async open(root: string, options: DirExperimentTrackerOptions = {}): Promise<DirExperimentTracker> {
    const dir = resolve(root);
    await (await DirArtifactStore.open(dir)).close();
    try {
      await mkdir(join(dir, EXPERIMENTS_DIR), { recursive: true });
    } catch (e) {
      // In a store that exists, a folder that cannot be made means the store cannot be written here (a recursive
      // mkdir on a read-only mount may say ENOENT rather than EROFS).
      if (isReadOnlyError(e) || isNotFound(e)) throw readOnlyStoreError(e, dir, 'setting up its experiments');
      throw e;
    }
    return new DirExperimentTracker(dir, options);
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreClosedError(`the experiment tracker at ${this.root} is closed`);
  }

  private path(id: string): string {
    return join(this.dir, `${id}.json`);
  }

  private async read(id: string): Promise<ExperimentRecord | undefined> {
    const path = this.path(id);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new CorruptStoreError(path, `not valid JSON (${e instanceof Error ? e.message : String(e)})`);
    }
    const record = parseStoredExperiment(json, path);
    if (record.id !== id) throw new CorruptStoreError(path, `holds experiment ${record.id}`);
    return record;
  }

  private async write(record: ExperimentRecord): Promise<void> {
    try {
      await writeFileAtomic(this.tmpDir, this.path(record.id), toJson(record));
    } catch (e) {
      throw toStoreError(e, `experiment ${record.id}`);
    }
  }

  /** Runs `work` holding the lock, after this object's earlier writes. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      this.assertOpen();
      const release = await this.lock.acquire();
      try {
        return await work();
      } finally {
        await release();
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  async create(prepared: PreparedSpec, options: CreateExperimentOptions): Promise<CreateExperimentResult> {
    this.assertOpen();
    const record = newExperimentRecord(await verifyPrepared(prepared), options);
    return this.exclusive(async () => {
      const known = await this.read(record.id);
      if (known) return { record: known, created: false };
      await this.write(record);
      return { record, created: true };
    });
  }

  async registerImported(record: ExperimentRecord): Promise<CreateExperimentResult> {
    this.assertOpen();
    const imported = await validImportedRecord(record);
    return this.exclusive(async () => {
      const known = await this.read(imported.id);
      if (!importReplaces(known)) return { record: known!, created: false };
      await this.write(imported);
      return { record: imported, created: true };
    });
  }

  async get(id: string): Promise<ExperimentRecord | undefined> {
    this.assertOpen();
    return isExperimentId(id) ? this.read(id) : undefined;
  }

  private async all(): Promise<ExperimentRecord[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (e) {
      if (isNotFound(e) || errnoCode(e) === 'ENOTDIR') return [];
      throw e;
    }
    const ids = names
      .filter((n) => n.endsWith('.json'))
      .map((n) => n.slice(0, -5))
      .filter(isExperimentId)
      .sort();
    const records: ExperimentRecord[] = [];
    // A record removed between readdir and read is simply absent.
    for (const id of ids) {
      const r = await this.read(id);
      if (r) records.push(r);
    }
    return records;
  }

  async list(filter: ExperimentFilter = {}): Promise<ExperimentRecord[]> {
    this.assertOpen();
    return (await this.all()).filter((r) => matchesExperiment(r, filter)).sort(compareExperiments);
  }

  private change(id: string, update: (record: ExperimentRecord) => ExperimentRecord): Promise<ExperimentRecord> {
    return this.exclusive(async () => {
      const record = isExperimentId(id) ? await this.read(id) : undefined;
      if (!record) throw new ExperimentNotFoundError(id);
      const next = update(record);
      await this.write(next);
      return next;
    });
  }

  async transition(id: string, to: ExperimentStatus, options: TransitionOptions): Promise<ExperimentRecord> {
    this.assertOpen();
    return this.change(id, (r) => applyTransition(r, to, options));
  }

  async attachResults(id: string, results: ExperimentResults): Promise<ExperimentRecord> {
    this.assertOpen();
    return this.change(id, (r) => withResults(r, results));
  }

  async markInterrupted(options: MarkInterruptedOptions): Promise<ExperimentRecord[]> {
    this.assertOpen();
    return this.exclusive(async () => {
      const changed: ExperimentRecord[] = [];
      for (const r of await this.all()) {
        if (r.status !== 'queued' && r.status !== 'running') continue;
        if (r.session !== null && options.sessionAlive?.(r.session)) continue;
        const next = applyTransition(r, 'interrupted', { at: options.at, expected: [r.status], error: interruptedError(r) });
        await this.write(next);
        changed.push(next);
      }
      return changed.sort(compareExperiments);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.queue;
  }
}
