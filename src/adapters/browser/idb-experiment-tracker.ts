/**
 * ExperimentTracker in IndexedDB, in its own database (`quantlab-experiments`, version 1):
 *
 *   experiments   key id   ExperimentRecord; indexes status, strategy (spec.strategy), createdAt (provenance.createdAt)
 *
 * Why its own database and not a fourth store in `quantlab-artifacts`: a new store means a version upgrade, and an
 * upgrade must wait for every tab holding the old version to let go; keeping experiments apart lets each schema
 * evolve on its own. Nothing needs one transaction across both: result artifacts are stored first, then attached
 * (both idempotent), so a crash in between leaves results that a re-execution finds again, never a dangling id.
 *
 * Rules kept here: everything that is not IndexedDB work (hashing the spec, building the record) happens before
 * a transaction opens; inside one, read-check-write awaits only IDB requests, so a transition is an atomic
 * compare-and-set across tabs. Quota overflows surface as StorageQuotaError; a newer version of the database
 * elsewhere closes this connection (StoreClosedError: reload the page).
 */
import { type DBSchema, type IDBPDatabase, type IDBPObjectStore } from 'idb';
import { StorageQuotaError, StoreClosedError } from '../../core/artifacts/errors';
import { ExperimentNotFoundError } from '../../core/experiments/errors';
import { compareExperiments, matchesExperiment, statusesOf, type ExperimentFilter } from '../../core/experiments/filter';
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
import { IdbConnection, type ConnectionEvent } from './idb-connection';
import type { CreateExperimentOptions, CreateExperimentResult, ExperimentTracker, MarkInterruptedOptions } from '../../ports/experiment-tracker';

export const EXPERIMENTS_DB_VERSION = 1;
export const DEFAULT_EXPERIMENTS_DB = 'quantlab-experiments';

export interface ExperimentDB extends DBSchema {
  experiments: {
    key: string;
    value: ExperimentRecord;
    indexes: { status: string; strategy: string; createdAt: string };
  };
}

export function upgradeExperimentDB(db: IDBPDatabase<ExperimentDB>, oldVersion: number): void {
  if (oldVersion < 1) {
    const experiments = db.createObjectStore('experiments', { keyPath: 'id' });
    experiments.createIndex('status', 'status');
    experiments.createIndex('strategy', 'spec.strategy');
    experiments.createIndex('createdAt', 'provenance.createdAt');
  }
}

export type ExperimentConnectionEvent = ConnectionEvent;

export interface IdbExperimentTrackerOptions {
  /** Database name. Default `quantlab-experiments`. */
  name?: string;
  onConnectionEvent?: (event: ExperimentConnectionEvent) => void;
}

type Db = IDBPDatabase<ExperimentDB>;
type ExperimentsStore = IDBPObjectStore<ExperimentDB, ['experiments'], 'experiments', 'readwrite'>;

function errorName(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string' ? error.name : undefined;
}

function toTrackerError(error: unknown, txError: DOMException | null | undefined, what: string): unknown {
  const quota = [error, txError].find((e) => errorName(e) === 'QuotaExceededError');
  if (quota !== undefined)
    return new StorageQuotaError(`browser storage is full: could not store ${what}; nothing was changed — free space and retry`, { cause: quota });
  if (errorName(error) === 'VersionError')
    return new StoreClosedError('the experiments database was upgraded by a newer version of the lab (another tab?); reload this page', {
      cause: error,
    });
  return error;
}

export class IdbExperimentTracker implements ExperimentTracker {
  private readonly connection: IdbConnection<ExperimentDB>;
  private closed = false;
  private readonly name: string;

  private constructor(options: IdbExperimentTrackerOptions) {
    this.name = options.name ?? DEFAULT_EXPERIMENTS_DB;
    this.connection = new IdbConnection<ExperimentDB>(this.name, EXPERIMENTS_DB_VERSION, upgradeExperimentDB, options.onConnectionEvent);
  }

  static async open(options: IdbExperimentTrackerOptions = {}): Promise<IdbExperimentTracker> {
    const tracker = new IdbExperimentTracker(options);
    await tracker.db();
    return tracker;
  }

  private db(): Promise<Db> {
    if (this.closed) return Promise.reject(new StoreClosedError(`the experiment tracker ${this.name} is closed`));
    return this.connection.get().catch((e: unknown) => {
      throw toTrackerError(e, undefined, `the experiments database ${this.name}`);
    });
  }

  private where(key: string): string {
    return `indexeddb ${this.name}/experiments/${key}`;
  }

  private parse(value: unknown): ExperimentRecord {
    const key = typeof value === 'object' && value !== null ? String((value as { id?: unknown }).id) : '?';
    return parseStoredExperiment(value, this.where(key));
  }

  /** One readwrite transaction, committed before this resolves; aborted (nothing written) on any failure. */
  private async write<T>(what: string, body: (store: ExperimentsStore) => Promise<T>): Promise<T> {
    const db = await this.db();
    const tx = db.transaction(['experiments'], 'readwrite');
    const done = tx.done;
    done.catch(() => undefined); // observed below
    try {
      const result = await body(tx.objectStore('experiments'));
      await done;
      return result;
    } catch (e) {
      try {
        tx.abort();
      } catch {
        // already committed or aborted
      }
      await done.catch(() => undefined);
      throw toTrackerError(e, tx.error, what);
    }
  }

  async create(prepared: PreparedSpec, options: CreateExperimentOptions): Promise<CreateExperimentResult> {
    if (this.closed) throw new StoreClosedError(`the experiment tracker ${this.name} is closed`);
    const record = newExperimentRecord(await verifyPrepared(prepared), options);
    return this.write(`experiment ${record.id}`, async (store) => {
      const known = await store.get(record.id);
      if (known !== undefined) return { record: this.parse(known), created: false };
      await store.add(record);
      return { record, created: true };
    });
  }

  async registerImported(record: ExperimentRecord): Promise<CreateExperimentResult> {
    if (this.closed) throw new StoreClosedError(`the experiment tracker ${this.name} is closed`);
    const imported = await validImportedRecord(record);
    return this.write(`experiment ${imported.id}`, async (store) => {
      const value = await store.get(imported.id);
      const known = value === undefined ? undefined : this.parse(value);
      if (!importReplaces(known)) return { record: known!, created: false };
      await store.put(imported);
      return { record: imported, created: true };
    });
  }

  async get(id: string): Promise<ExperimentRecord | undefined> {
    if (!isExperimentId(id)) {
      await this.db();
      return undefined;
    }
    const value = await (await this.db()).get('experiments', id);
    return value === undefined ? undefined : this.parse(value);
  }

  async list(filter: ExperimentFilter = {}): Promise<ExperimentRecord[]> {
    const db = await this.db();
    const statuses = statusesOf(filter);
    // Narrow with one index, then apply the whole filter (the matcher every tracker uses).
    let values: unknown[];
    if (statuses !== undefined && statuses.length === 1) values = await db.getAllFromIndex('experiments', 'status', statuses[0]);
    else if (filter.strategy !== undefined) values = await db.getAllFromIndex('experiments', 'strategy', filter.strategy);
    else values = await db.getAll('experiments');
    return values
      .map((v) => this.parse(v))
      .filter((r) => matchesExperiment(r, filter))
      .sort(compareExperiments);
  }

  private change(id: string, what: string, update: (record: ExperimentRecord) => ExperimentRecord): Promise<ExperimentRecord> {
    return this.write(what, async (store) => {
      const value = isExperimentId(id) ? await store.get(id) : undefined;
      if (value === undefined) throw new ExperimentNotFoundError(id);
      const next = update(this.parse(value));
      await store.put(next);
      return next;
    });
  }

  async transition(id: string, to: ExperimentStatus, options: TransitionOptions): Promise<ExperimentRecord> {
    return this.change(id, `the ${to} status of ${id}`, (r) => applyTransition(r, to, options));
  }

  async attachResults(id: string, results: ExperimentResults): Promise<ExperimentRecord> {
    return this.change(id, `the results of ${id}`, (r) => withResults(r, results));
  }

  async markInterrupted(options: MarkInterruptedOptions): Promise<ExperimentRecord[]> {
    return this.write('interrupted experiments', async (store) => {
      const changed: ExperimentRecord[] = [];
      for (const status of ['queued', 'running'] as const) {
        for (const value of await store.index('status').getAll(status)) {
          const r = this.parse(value);
          if (r.session !== null && options.sessionAlive?.(r.session)) continue;
          const next = applyTransition(r, 'interrupted', { at: options.at, expected: [r.status], error: interruptedError(r) });
          await store.put(next);
          changed.push(next);
        }
      }
      return changed.sort(compareExperiments);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.connection.close();
  }
}
