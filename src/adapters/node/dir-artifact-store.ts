/**
 * ArtifactStore on a directory (the CLI's `./.quantlab`). Layout: see ./artifacts/layout.ts.
 *
 * Crash safety comes from ordering, not from a journal:
 * - put: stream the bytes into tmp/ (hashing as they go, no lock held), fsync; then under the lock: re-check dedup
 *   and inputs, rename the temp file to blobs/…, fsync the directory, and only then write the record (temp + fsync
 *   + rename). A crash before the record leaves a blob no record refers to (garbage for gc), never a record without
 *   its blob. A failure we see ourselves also removes the blob we just placed.
 * - delete removes the record only; gc (under the lock) removes blobs nothing refers to and temp files whose writer
 *   is gone.
 * Readers take no lock: every file they can see was complete when it was renamed into place.
 *
 * list/find/lineage read the store index (./artifacts/store-index.ts), kept beside the records and updated under the
 * lock right after each record is written or removed; get reads the record itself. When the index is not current
 * (missing, stale, damaged, or a writer is at work) the reader takes the lock, and the index is rebuilt from the
 * records if it has to be.
 */
import { mkdir, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import {
  ArtifactIdCollisionError,
  ArtifactInUseError,
  ArtifactNotFoundError,
  CorruptStoreError,
  MissingInputError,
  StoreClosedError,
} from '../../core/artifacts/errors';
import type { ByteSource } from '../../core/artifacts/file-hash';
import type { ArtifactFilter } from '../../core/artifacts/filter';
import { artifactId, isArtifactId, isQuarantineId, isSha256Hex, quarantineId } from '../../core/artifacts/ids';
import { compareRecords, matchesFilter } from '../../core/artifacts/filter';
import { consumerIndex, walkLineage } from '../../core/artifacts/lineage';
import { ParquetEnvelope } from '../../core/artifacts/parquet-envelope';
import type { QuarantineDraft, QuarantineRecord } from '../../core/artifacts/quarantine';
import type { ArtifactDraft, ArtifactRecord } from '../../core/artifacts/record';
import { parseStoredQuarantine, parseStoredRecord } from '../../core/artifacts/stored-check';
import type {
  ArtifactStore,
  Clock,
  GcReport,
  LineageDirection,
  LineageOptions,
  PutResult,
  QuarantineResult,
  ReadOptions,
  StoreFaults,
  StoreUsage,
} from '../../ports/artifact-store';
import {
  fsyncDir,
  HOST_TAG,
  removeQuietly,
  tempOwner,
  writeFileAtomic,
  writeSyncedTemp,
  writeTempBlob,
  type TempBlob,
} from './artifacts/atomic-file';
import { DirLock, pidAlive } from './artifacts/dir-lock';
import { errnoCode, isNotFound, isReadOnlyError, readOnlyStoreError, toReadOnlyError, toStoreError } from './artifacts/fs-errors';
import { DirLayout, LAYOUT_ENTRIES, LAYOUT_VERSION, STORE_FORMAT } from './artifacts/layout';
import { Catalog, type CatalogChange } from './artifacts/index-catalog';
import { GroupCommit, type JobOutcome } from './artifacts/group-commit';
import { StoreIndex, type IndexedAbout } from './artifacts/store-index';

export interface DirArtifactStoreOptions {
  /** Source of createdAt. Default: the system clock. */
  clock?: Clock;
  /** How long a writer waits for another one before StoreLockTimeoutError. Default 30 s. */
  lockTimeoutMs?: number;
  /** gc removes temp files untouched for this long even if their writer still runs. Default 1 h. */
  tempGraceMs?: number;
  /** Test seam (see StoreFaults). */
  faults?: StoreFaults;
}

const systemClock: Clock = { now: () => Date.now() };

/**
 * Hashing (hash-wasm) is loaded by the writes and verified reads that need it: loading it costs about as much as
 * starting Node, which list, find, get and lineage would otherwise pay on every call.
 */
const fileHashing = () => import('../../core/artifacts/file-hash');
const discardByteSource = async (bytes: ByteSource) => (await fileHashing()).discardByteSource(bytes);
const fileHash = async (bytes: ByteSource) => (await fileHashing()).fileHash(bytes);
/**
 * The rules records are built by (zod schemas) are loaded by the writes too: reads check stored records by hand
 * (stored-check.ts), so list, find, get and lineage load no schema library.
 */
const recordRules = () => import('../../core/artifacts/record');
const quarantineRules = () => import('../../core/artifacts/quarantine');
const BLOB_NAME = /^[0-9a-f]{64}$/;

async function readJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new CorruptStoreError(path, `not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
}

async function listNames(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch (e) {
    if (isNotFound(e) || errnoCode(e) === 'ENOTDIR') return [];
    throw e;
  }
}

/** Reads many small files without opening thousands of descriptors at once. */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

function idOf(change: CatalogChange): string {
  return change.op === 'put' || change.op === 'qput' ? change.record.id : change.id;
}

function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** A write whose bytes are in a temp file, waiting for its group (see ./artifacts/group-commit.ts). */
type WriteJob = { kind: 'put'; id: string; draft: ArtifactDraft; temp: TempBlob } | { kind: 'quarantine'; draft: QuarantineDraft; temp: TempBlob };
type WriteResult = PutResult | QuarantineResult;

/** A record this group will write, and the index change that goes with it. */
interface RecordWrite {
  readonly job: number;
  readonly temp: TempBlob;
  readonly path: string;
  readonly json: string;
  readonly change: CatalogChange;
  readonly about?: IndexedAbout;
}

/** Writes committed together at most: bounds what one lock hold does, so other writers and readers get their turn. */
const MAX_GROUP = 256;
/** Files synced or renamed at once (the fsyncs of one group overlap on the disk instead of queueing one by one). */
const IO_PARALLEL = 16;

export class DirArtifactStore implements ArtifactStore {
  private closed = false;
  private readonly clock: Clock;
  private readonly lock: DirLock;
  private readonly tempGraceMs: number;
  private readonly faults: StoreFaults | undefined;
  /** Serializes this object's own writes so they do not poll the lock file against each other. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly index: StoreIndex;
  private readonly commits = new GroupCommit<WriteJob, WriteResult>((jobs) => this.commitGroup(jobs), MAX_GROUP);

  private constructor(
    readonly layout: DirLayout,
    options: DirArtifactStoreOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    this.lock = new DirLock(layout.lockFile, options.lockTimeoutMs ?? 30_000);
    this.tempGraceMs = options.tempGraceMs ?? 3_600_000;
    this.faults = options.faults;
    this.index = new StoreIndex(layout, async () => {
      const [records, quarantine] = await Promise.all([this.allRecords(), this.allQuarantine()]);
      return { records, quarantine };
    });
  }

  /** Opens (creating if needed) the store at `root`. Refuses a non-empty directory that is not a store. */
  static async open(root: string, options: DirArtifactStoreOptions = {}): Promise<DirArtifactStore> {
    const layout = new DirLayout(resolve(root));
    try {
      await mkdir(layout.root, { recursive: true });
    } catch (e) {
      // A recursive mkdir on a read-only mount may say ENOENT rather than EROFS.
      throw isNotFound(e) ? readOnlyStoreError(e, layout.root, 'creating the store') : toReadOnlyError(e, layout.root, 'creating the store');
    }
    const marker = await readJson(layout.storeFile);
    if (marker === undefined) {
      const strangers = (await listNames(layout.root)).filter((n) => !(LAYOUT_ENTRIES as readonly string[]).includes(n));
      if (strangers.length > 0) {
        throw new CorruptStoreError(
          layout.root,
          `not a quantlab store (no store.json) and not empty (${strangers.slice(0, 5).join(', ')}); refusing to write into it`,
        );
      }
    } else {
      const m = marker as { format?: unknown; layoutVersion?: unknown };
      if (m.format !== STORE_FORMAT)
        throw new CorruptStoreError(layout.storeFile, `not a quantlab store marker (format ${JSON.stringify(m.format)})`);
      if (m.layoutVersion !== LAYOUT_VERSION) {
        throw new CorruptStoreError(
          layout.storeFile,
          `layoutVersion ${JSON.stringify(m.layoutVersion)}; this version of the lab reads layout ${LAYOUT_VERSION}`,
        );
      }
    }
    try {
      for (const dir of [layout.blobsDir, layout.manifestDir, layout.quarantineDir, layout.tmpDir]) await mkdir(dir, { recursive: true });
      if (marker === undefined)
        await writeFileAtomic(layout.tmpDir, layout.storeFile, toJson({ format: STORE_FORMAT, layoutVersion: LAYOUT_VERSION }));
    } catch (e) {
      // A store that cannot be written here still answers reads (a folder missing from it reads as empty).
      if (marker === undefined || !isReadOnlyError(e)) throw toReadOnlyError(e, layout.root, 'creating the store');
    }
    return new DirArtifactStore(layout, options);
  }

  // ---- reading (no lock) ----

  private assertOpen(): void {
    if (this.closed) throw new StoreClosedError(`the artifact store at ${this.layout.root} is closed`);
  }

  private async readRecord(id: string): Promise<ArtifactRecord | undefined> {
    const path = this.layout.manifest(id);
    const json = await readJson(path);
    if (json === undefined) return undefined;
    const record = parseStoredRecord(json, path);
    if (record.id !== id) throw new CorruptStoreError(path, `holds record ${record.id}`);
    return record;
  }

  private async readQuarantine(id: string): Promise<QuarantineRecord | undefined> {
    const path = this.layout.quarantine(id);
    const json = await readJson(path);
    if (json === undefined) return undefined;
    const entry = parseStoredQuarantine(json, path);
    if (entry.id !== id) throw new CorruptStoreError(path, `holds quarantine entry ${entry.id}`);
    return entry;
  }

  private async allRecords(): Promise<ArtifactRecord[]> {
    const ids = (await listNames(this.layout.manifestDir))
      .filter((n) => n.endsWith('.json'))
      .map((n) => n.slice(0, -5))
      .filter(isArtifactId);
    // A record deleted between readdir and read is simply absent.
    const records = await mapLimited(ids, 32, (id) => this.readRecord(id));
    return records.filter((r): r is ArtifactRecord => r !== undefined);
  }

  private async allQuarantine(): Promise<QuarantineRecord[]> {
    const ids = (await listNames(this.layout.quarantineDir))
      .filter((n) => n.endsWith('.json'))
      .map((n) => n.slice(0, -5))
      .filter(isQuarantineId);
    const entries = await mapLimited(ids, 32, (id) => this.readQuarantine(id));
    return entries.filter((e): e is QuarantineRecord => e !== undefined);
  }

  /** The stored record for this content, if any; a different content under the same id is refused. */
  private async existing(id: string, contentHash: string): Promise<ArtifactRecord | undefined> {
    const record = await this.readRecord(id);
    if (record && record.contentHash !== contentHash) {
      throw new ArtifactIdCollisionError(`id ${id} is taken by contentHash ${record.contentHash}; refusing to store ${contentHash} under it`);
    }
    return record;
  }

  async get(id: string): Promise<ArtifactRecord | undefined> {
    this.assertOpen();
    return isArtifactId(id) ? this.readRecord(id) : undefined;
  }

  async getByContentHash(contentHash: string): Promise<ArtifactRecord | undefined> {
    this.assertOpen();
    if (!isSha256Hex(contentHash)) return undefined;
    const record = await this.readRecord(artifactId(contentHash));
    return record?.contentHash === contentHash ? record : undefined;
  }

  /** `stillThere` re-reads the owner: bytes gone because the owner was deleted (and gc ran) is "not found", not damage. */
  private async readBlob(expected: string, owner: string, verify: boolean, stillThere: () => Promise<unknown>): Promise<Uint8Array> {
    const path = this.layout.blob(expected);
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(path));
    } catch (e) {
      if (!isNotFound(e)) throw e;
      if (!(await stillThere())) throw new ArtifactNotFoundError(owner);
      throw new CorruptStoreError(path, `${owner} refers to bytes that are missing`);
    }
    if (verify) {
      const digest = await fileHash(bytes);
      if (digest.sha256 !== expected) throw new CorruptStoreError(path, `bytes of ${owner} hash to ${digest.sha256}, expected ${expected}`);
    }
    return bytes;
  }

  async readBytes(id: string, options: ReadOptions = {}): Promise<Uint8Array> {
    const record = await this.get(id);
    if (!record) throw new ArtifactNotFoundError(id);
    return this.readBlob(record.fileHash, id, options.verify ?? false, () => this.readRecord(id));
  }

  /** The index's catalog: without the lock when it is current, else under the lock (rebuilt if it has to be). */
  private async catalog(): Promise<Catalog> {
    return (
      (await this.index.readCatalog()) ??
      this.lockedOrScan(
        () => this.index.catalogUnderLock(),
        async () => Catalog.of(await this.allRecords(), await this.allQuarantine()),
      )
    );
  }

  private async consumersOf(id: string): Promise<string[]> {
    return (
      (await this.index.readConsumers(id)) ??
      this.lockedOrScan(
        () => this.index.consumersUnderLock(id),
        async () => consumerIndex(await this.allRecords()).get(id) ?? [],
      )
    );
  }

  private async instrumentIds(name: string): Promise<string[]> {
    return (
      (await this.index.readInstrument(name)) ??
      this.lockedOrScan(
        () => this.index.instrumentUnderLock(name),
        async () => (await this.allRecords()).filter((r) => r.instruments.includes(name)).map((r) => r.id),
      )
    );
  }

  /** Under the lock; in a store this process may not write (a read-only copy), from the records themselves. */
  private async lockedOrScan<T>(underLock: () => Promise<T>, scan: () => Promise<T>): Promise<T> {
    try {
      return await this.locked(underLock);
    } catch (e) {
      if (isReadOnlyError(e)) return scan();
      throw e;
    }
  }

  /** `find()` as the JSON text of each record (same order, same text as JSON.stringify of each): see Catalog.listedTexts. */
  async listJsonTexts(): Promise<string[]> {
    this.assertOpen();
    return (await this.catalog()).listedTexts();
  }

  /** With an instrument, reads that instrument's list and its records (the cost follows the answer); else the catalog. */
  async find(filter: ArtifactFilter = {}): Promise<ArtifactRecord[]> {
    this.assertOpen();
    const name = filter.instrument;
    if (name === undefined) return (await this.catalog()).find(filter);
    const ids = await this.instrumentIds(name);
    // A record deleted since the list was read is simply absent.
    const records = await mapLimited(ids, 32, (id) => this.readRecord(id));
    return records.filter((r): r is ArtifactRecord => r !== undefined && matchesFilter(r, filter)).sort(compareRecords);
  }

  /** Reads the records along the way and the index's downstream lists: the cost follows the lineage, not the store. */
  async lineage(id: string, direction: LineageDirection, options: LineageOptions = {}): Promise<ArtifactRecord[]> {
    this.assertOpen();
    const records = new Map<string, ArtifactRecord>();
    const load = async (x: string) => {
      const r = records.get(x) ?? (await this.readRecord(x));
      if (r) records.set(x, r);
      return r;
    };
    if (!isArtifactId(id) || !(await load(id))) throw new ArtifactNotFoundError(id);
    const next = async (x: string): Promise<readonly string[]> => (direction === 'down' ? this.consumersOf(x) : ((await load(x))?.inputs ?? []));
    const ids = await walkLineage(id, next, options.transitive ?? false);
    const found = await Promise.all(ids.map(load));
    return found.filter((r): r is ArtifactRecord => r !== undefined);
  }

  async listQuarantine(): Promise<QuarantineRecord[]> {
    this.assertOpen();
    return (await this.catalog()).quarantined();
  }

  async getQuarantined(id: string): Promise<QuarantineRecord | undefined> {
    this.assertOpen();
    return isQuarantineId(id) ? this.readQuarantine(id) : undefined;
  }

  async readQuarantinedBytes(id: string): Promise<Uint8Array> {
    const entry = await this.getQuarantined(id);
    if (!entry) throw new ArtifactNotFoundError(id);
    return this.readBlob(entry.fileHash, id, false, () => this.readQuarantine(id));
  }

  // ---- writing (under the lock) ----

  /** Runs `work` holding the lock, with the index made current first (so work may use and update it). */
  private locked<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      const release = await this.lock.acquire();
      try {
        await this.index.ensureCurrent(this.lock.tookOverStale);
        return await work();
      } catch (e) {
        this.index.forget();
        throw e;
      } finally {
        await release();
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** `locked`, for a write that may meet a store it cannot write (StoreReadOnlyError naming the folder). */
  private async writing<T>(what: string, work: () => Promise<T>): Promise<T> {
    try {
      return await this.locked(work);
    } catch (e) {
      throw toReadOnlyError(e, this.layout.root, what);
    }
  }

  /** Moves a complete temp file to its blob path; true if it placed a new blob (false: identical bytes were there). */
  private async placeBlob(temp: TempBlob): Promise<boolean> {
    const path = this.layout.blob(temp.digest.sha256);
    await mkdir(dirname(path), { recursive: true });
    try {
      if ((await stat(path)).size === temp.digest.size) return false;
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
    await rename(temp.path, path);
    return true;
  }

  private writeTemp(bytes: ByteSource, envelope: ParquetEnvelope | undefined, fileName: string): Promise<TempBlob> {
    return writeTempBlob(this.layout.tmpDir, bytes, { envelope, fileName, afterFirstChunk: () => this.faults?.duringBlobWrite?.() });
  }

  async put(draft: ArtifactDraft, bytes: ByteSource): Promise<PutResult> {
    const place = this.commits.reserve(); // before any await: the place in line is this call's
    let id: string;
    try {
      this.assertOpen();
      id = (await recordRules()).validateArtifactDraft(draft);
      const known = await this.existing(id, draft.contentHash);
      if (known) {
        place.withdraw();
        await discardByteSource(bytes);
        return { record: known, created: false };
      }
    } catch (e) {
      place.withdraw();
      await discardByteSource(bytes);
      throw e;
    }
    const name = draft.provenance.sourceFileName ?? id;
    let temp: TempBlob | undefined;
    try {
      const envelope = new ParquetEnvelope();
      temp = await this.writeTemp(bytes, envelope, name);
      const problem = envelope.problem(name);
      if (problem) throw problem;
      return (await place.submit({ kind: 'put', id, draft, temp })) as PutResult;
    } catch (e) {
      throw toReadOnlyError(toStoreError(e, `${draft.kind} artifact ${id} (${name})`), this.layout.root, `storing ${name}`);
    } finally {
      place.withdraw();
      if (temp) await removeQuietly(temp.path);
    }
  }

  /**
   * Commits a group of writes under one lock hold, in an order that survives a crash at any point: every new blob
   * is renamed into place and its folder fsynced before any record naming it is written; records are fsynced temp
   * files renamed into place, then their folders fsynced; the index comes last. A crash leaves at worst blobs no
   * record names (gc) and records the index does not list yet (the next command sees the folder changed and
   * rebuilds). A write that fails alone (a missing input, its record write) fails alone, taking back its blob.
   */
  private commitGroup(jobs: readonly WriteJob[]): Promise<Array<JobOutcome<WriteResult>>> {
    return this.locked(async () => {
      const outcomes = new Array<JobOutcome<WriteResult> | { sameAs: string; created: false }>(jobs.length);
      const decided = new Map<string, ArtifactRecord | QuarantineRecord>(); // written by this group, by id
      const writes: RecordWrite[] = [];
      for (let k = 0; k < jobs.length; k++) {
        try {
          const w = await this.decide(jobs[k], k, decided);
          if ('sameAs' in w || 'ok' in w) outcomes[k] = w;
          else writes.push(w);
        } catch (e) {
          outcomes[k] = { ok: false, error: e };
        }
      }
      const failed = new Map<string, unknown>();
      const fail = (w: RecordWrite, error: unknown) => {
        outcomes[w.job] = { ok: false, error };
        failed.set(idOf(w.change), error);
      };

      // 1. The bytes: renamed into blobs/, each touched folder fsynced once.
      const placed = new Set<RecordWrite>();
      await mapLimited(writes, IO_PARALLEL, async (w) => {
        try {
          if (await this.placeBlob(w.temp)) placed.add(w);
        } catch (e) {
          fail(w, e);
        }
      });
      let live = writes.filter((w) => !failed.has(idOf(w.change)));
      await mapLimited([...new Set(live.map((w) => dirname(this.layout.blob(w.temp.digest.sha256))))], IO_PARALLEL, fsyncDir);

      // 2. The records: fsynced temps, renamed in order, each folder fsynced once.
      const temps = new Map<RecordWrite, string>();
      await mapLimited(live, IO_PARALLEL, async (w) => {
        try {
          this.faults?.beforeRecordWrite?.();
          temps.set(w, await writeSyncedTemp(this.layout.tmpDir, w.json));
        } catch (e) {
          fail(w, e);
        }
      });
      for (const w of live) {
        const tmp = temps.get(w);
        if (tmp === undefined) continue;
        try {
          await rename(tmp, w.path);
        } catch (e) {
          await removeQuietly(tmp);
          fail(w, e);
        }
      }
      for (const w of writes) if (failed.has(idOf(w.change)) && placed.has(w)) await removeQuietly(this.layout.blob(w.temp.digest.sha256));
      live = live.filter((w) => !failed.has(idOf(w.change)));
      await Promise.all([...new Set(live.map((w) => dirname(w.path)))].map(fsyncDir));
      for (const w of live) {
        const record = decided.get(idOf(w.change));
        outcomes[w.job] = {
          ok: true,
          value: w.change.op === 'put' ? { record: record as ArtifactRecord, created: true } : { entry: record as QuarantineRecord, created: true },
        };
      }

      // 3. The index, once for the group.
      await this.indexChanges(live.map((w) => ({ change: w.change, ...(w.about ? { about: w.about } : {}) })));
      return outcomes.map((o, k) => {
        if (!('sameAs' in o)) return o;
        const error = failed.get(o.sameAs);
        if (error !== undefined) return { ok: false, error };
        const record = decided.get(o.sameAs);
        return {
          ok: true,
          value:
            jobs[k].kind === 'put' ? { record: record as ArtifactRecord, created: false } : { entry: record as QuarantineRecord, created: false },
        };
      });
    });
  }

  /**
   * What one job of a group writes, or its answer without a write: the same content already stored (or written by
   * this group: `sameAs`), or its own error (a missing input).
   */
  private async decide(
    job: WriteJob,
    k: number,
    decided: Map<string, ArtifactRecord | QuarantineRecord>,
  ): Promise<RecordWrite | JobOutcome<WriteResult> | { sameAs: string; created: false }> {
    const now = this.clock.now();
    if (job.kind === 'quarantine') {
      const id = quarantineId(job.temp.digest.sha256);
      if (decided.has(id)) return { sameAs: id, created: false };
      const known = await this.readQuarantine(id);
      if (known) return { ok: true, value: { entry: known, created: false } };
      const { buildQuarantineRecord } = await quarantineRules();
      const entry = buildQuarantineRecord(job.draft, { fileHash: job.temp.digest.sha256, size: job.temp.digest.size, createdAtMs: now });
      decided.set(id, entry);
      return { job: k, temp: job.temp, path: this.layout.quarantine(id), json: toJson(entry), change: { op: 'qput', record: entry } };
    }
    const { id, draft } = job;
    const mine = decided.get(id) as ArtifactRecord | undefined;
    if (mine && mine.contentHash !== draft.contentHash) {
      throw new ArtifactIdCollisionError(`id ${id} is taken by contentHash ${mine.contentHash}; refusing to store ${draft.contentHash} under it`);
    }
    if (mine) return { sameAs: id, created: false };
    const again = await this.existing(id, draft.contentHash);
    if (again) return { ok: true, value: { record: again, created: false } };
    const inputs = draft.inputs ?? [];
    const present = await Promise.all(inputs.map(async (i) => decided.has(i) || (await this.readRecord(i)) !== undefined));
    const missing = inputs.filter((_, n) => !present[n]);
    if (missing.length > 0) throw new MissingInputError(id, missing);
    const { buildArtifactRecord } = await recordRules();
    const record = buildArtifactRecord(draft, { fileHash: job.temp.digest.sha256, storedBytes: job.temp.digest.size, createdAtMs: now });
    decided.set(id, record);
    return { job: k, temp: job.temp, path: this.layout.manifest(id), json: toJson(record), change: { op: 'put', record }, about: record };
  }

  async delete(id: string): Promise<void> {
    this.assertOpen();
    await this.writing(`deleting ${id}`, async () => {
      const record = isArtifactId(id) ? await this.readRecord(id) : undefined;
      if (!record) throw new ArtifactNotFoundError(id);
      const dependents = await this.index.consumersUnderLock(id);
      if (dependents.length > 0) throw new ArtifactInUseError(id, dependents);
      await unlink(this.layout.manifest(id));
      await fsyncDir(this.layout.manifestDir);
      await this.indexChanges([{ change: { op: 'del', id }, about: record }]);
    });
  }

  async quarantine(draft: QuarantineDraft, bytes: ByteSource): Promise<QuarantineResult> {
    const place = this.commits.reserve(); // before any await: the place in line is this call's
    try {
      this.assertOpen();
      (await quarantineRules()).validateQuarantineDraft(draft);
    } catch (e) {
      place.withdraw();
      await discardByteSource(bytes);
      throw e;
    }
    let temp: TempBlob | undefined;
    try {
      temp = await this.writeTemp(bytes, undefined, draft.sourceFileName);
      return (await place.submit({ kind: 'quarantine', draft, temp })) as QuarantineResult;
    } catch (e) {
      throw toReadOnlyError(toStoreError(e, `quarantined file ${draft.sourceFileName}`), this.layout.root, `quarantining ${draft.sourceFileName}`);
    } finally {
      place.withdraw();
      if (temp) await removeQuietly(temp.path);
    }
  }

  async deleteQuarantined(id: string): Promise<void> {
    this.assertOpen();
    await this.writing(`deleting ${id}`, async () => {
      if (!isQuarantineId(id) || !(await this.readQuarantine(id))) throw new ArtifactNotFoundError(id);
      await unlink(this.layout.quarantine(id));
      await fsyncDir(this.layout.quarantineDir);
      await this.indexChanges([{ change: { op: 'qdel', id } }]);
    });
  }

  /**
   * Brings the index up to the changes just made to the records. The changes themselves are done (the records are
   * the truth): if the index cannot follow, it is left to be rebuilt, and the writes still succeed.
   */
  private async indexChanges(changes: ReadonlyArray<{ change: CatalogChange; about?: IndexedAbout }>): Promise<void> {
    if (changes.length === 0) return;
    try {
      this.faults?.beforeIndexUpdate?.();
      await this.index.apply(changes);
    } catch {
      this.index.forget();
    }
  }

  private async blobFiles(): Promise<Array<{ fileHash: string; path: string; size: number }>> {
    const out: Array<{ fileHash: string; path: string; size: number }> = [];
    for (const fan of await listNames(this.layout.blobsDir)) {
      if (!/^[0-9a-f]{2}$/.test(fan)) continue; // not ours: leave it alone
      for (const name of await listNames(`${this.layout.blobsDir}/${fan}`)) {
        if (!BLOB_NAME.test(name) || name.slice(0, 2) !== fan) continue; // not ours: leave it alone
        const path = this.layout.blob(name);
        try {
          out.push({ fileHash: name, path, size: (await stat(path)).size });
        } catch (e) {
          if (!isNotFound(e)) throw e;
        }
      }
    }
    return out;
  }

  private async referencedHashes(): Promise<Set<string>> {
    const [records, quarantined] = await Promise.all([this.allRecords(), this.allQuarantine()]);
    return new Set([...records.map((r) => r.fileHash), ...quarantined.map((q) => q.fileHash)]);
  }

  async gc(): Promise<GcReport> {
    this.assertOpen();
    return this.writing('garbage collection', async () => {
      const referenced = await this.referencedHashes();
      const removedBlobs: string[] = [];
      let freedBytes = 0;
      const touched = new Set<string>();
      for (const blob of await this.blobFiles()) {
        if (referenced.has(blob.fileHash)) continue;
        await removeQuietly(blob.path);
        removedBlobs.push(blob.fileHash);
        freedBytes += blob.size;
        touched.add(dirname(blob.path));
      }
      for (const dir of touched) await fsyncDir(dir);
      let removedTemp = 0;
      for (const name of await listNames(this.layout.tmpDir)) {
        const path = `${this.layout.tmpDir}/${name}`;
        const owner = tempOwner(name);
        let age: number;
        try {
          age = Date.now() - (await stat(path)).mtimeMs; // file-system time, compared with wall-clock time
        } catch (e) {
          if (isNotFound(e)) continue;
          throw e;
        }
        // A writer on this host that is gone left garbage; another host's writer is judged by age only.
        const ownerGone = owner === undefined || (owner.hostTag === HOST_TAG && !pidAlive(owner.pid));
        if (ownerGone || age > this.tempGraceMs) {
          await removeQuietly(path);
          removedTemp++;
        }
      }
      return { removedBlobs: removedBlobs.sort(), freedBytes, removedTemp };
    });
  }

  async usage(): Promise<StoreUsage> {
    this.assertOpen();
    const [records, quarantined, blobs] = await Promise.all([this.allRecords(), this.allQuarantine(), this.blobFiles()]);
    const referenced = new Set([...records.map((r) => r.fileHash), ...quarantined.map((q) => q.fileHash)]);
    const loose = blobs.filter((b) => !referenced.has(b.fileHash));
    return {
      artifacts: records.length,
      quarantined: quarantined.length,
      blobs: blobs.length,
      blobBytes: blobs.reduce((n, b) => n + b.size, 0),
      unreferencedBlobs: loose.length,
      unreferencedBytes: loose.reduce((n, b) => n + b.size, 0),
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.queue;
  }
}
