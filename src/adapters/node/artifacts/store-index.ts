/**
 * The index of a directory store (<root>/index/): what list, find and lineage read instead of every record.
 * The records stay the truth; the index is derived from them, checked before each use, and rebuilt from them when it
 * is missing, stale or damaged — deleting the whole folder loses nothing.
 *
 *   index/head.json         {format, version, catalog, catalogBytes, generation, manifestMtimeNs, quarantineMtimeNs}
 *                           written last (temp + rename): a change is in the index once the head says so
 *   index/catalog.ndjson    journal of changes (./index-catalog.ts); only its first `catalogBytes` bytes count
 *   index/down/<id>.json    ids of the artifacts made from <id> (sorted), for artifacts that have any: lineage
 *                           downstream reads one small file per hop, whatever the size of the store
 *   index/instrument/<h>.json  {instrument, ids} of one instrument (h: the first 32 hex digits of the SHA-256 of
 *                           its name, which may hold any character): `find --instrument` reads that file and the
 *                           records it names, not the catalog
 *
 * Current means: the head parses, no writer holds the store's lock, and the manifest and quarantine folders were
 * last changed when the head says (their mtimes, to the nanosecond; a record written or removed by anyone changes
 * them). Writers update the index under the lock right after each record; a writer killed between the two leaves
 * the folders newer than the head, so the next reader or writer rebuilds. A lock taken over from a dead writer also
 * forces a listing check (record ids against the catalog), for a crash within the same clock tick as the last change.
 *
 * Index files are not fsynced: after a power loss a short or torn catalog is caught by its size and its line shape,
 * and rebuilt; the records themselves are written durably as before.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { consumerIndex } from '../../../core/artifacts/lineage';
import type { QuarantineRecord } from '../../../core/artifacts/quarantine';
import type { ArtifactRecord } from '../../../core/artifacts/record';
import { removeQuietly, tempName } from './atomic-file';
import { Catalog, catalogHeader, changeLine, CorruptIndexError, type CatalogChange } from './index-catalog';
import { isNotFound, readText } from './fs-errors';
import type { DirLayout } from './layout';

export const INDEX_FORMAT = 'quantlab-store-index';
export const INDEX_VERSION = 1;

interface Head {
  format: typeof INDEX_FORMAT;
  version: typeof INDEX_VERSION;
  catalog: string;
  catalogBytes: number;
  generation: number;
  manifestMtimeNs: string;
  quarantineMtimeNs: string;
}

/** What the index lists an artifact under: the artifacts it was made from, its instruments. */
export interface IndexedAbout {
  readonly inputs: readonly string[];
  readonly instruments: readonly string[];
}

const NOTHING: IndexedAbout = { inputs: [], instruments: [] };

/** Everything the records say, read by the store (the index never parses record files itself). */
export type ReadTruth = () => Promise<{ records: ArtifactRecord[]; quarantine: QuarantineRecord[] }>;

function parseHead(text: string): Head | undefined {
  try {
    const h = JSON.parse(text) as Partial<Head>;
    const ok =
      h.format === INDEX_FORMAT &&
      h.version === INDEX_VERSION &&
      typeof h.catalog === 'string' &&
      Number.isSafeInteger(h.catalogBytes) &&
      Number.isSafeInteger(h.generation) &&
      typeof h.manifestMtimeNs === 'string' &&
      typeof h.quarantineMtimeNs === 'string';
    return ok ? (h as Head) : undefined;
  } catch {
    return undefined;
  }
}

async function mtimeNs(dir: string): Promise<string> {
  return String((await stat(dir, { bigint: true })).mtimeNs);
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (e) {
    if (isNotFound(e)) return false;
    throw e;
  }
}

/** The first `bytes` bytes of the file as text, or undefined when the file is missing or shorter. */
async function readPrefix(path: string, bytes: number): Promise<string | undefined> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
  try {
    const buf = Buffer.allocUnsafe(bytes);
    let off = 0;
    while (off < bytes) {
      const { bytesRead } = await fh.read(buf, off, bytes - off, off);
      if (bytesRead === 0) return undefined;
      off += bytesRead;
    }
    return buf.toString('utf8');
  } finally {
    await fh.close();
  }
}

export class StoreIndex {
  readonly dir: string;
  readonly headFile: string;
  readonly catalogFile: string;
  readonly downDir: string;
  readonly instrumentDir: string;
  /** The head as this writer last made or checked it (only meaningful under the lock). */
  private head: Head | undefined;
  private cached: { catalog: string; catalogBytes: number; value: Catalog } | undefined;

  constructor(
    private readonly layout: DirLayout,
    private readonly readTruth: ReadTruth,
  ) {
    this.dir = join(layout.root, 'index');
    this.headFile = join(this.dir, 'head.json');
    this.catalogFile = join(this.dir, 'catalog.ndjson');
    this.downDir = join(this.dir, 'down');
    this.instrumentDir = join(this.dir, 'instrument');
  }

  private downFile(id: string): string {
    return join(this.downDir, `${id}.json`);
  }

  private instrumentFile(name: string): string {
    return join(this.instrumentDir, `${createHash('sha256').update(name).digest('hex').slice(0, 32)}.json`);
  }

  private async readHead(): Promise<Head | undefined> {
    const text = await readText(this.headFile);
    return text === undefined ? undefined : parseHead(text);
  }

  private async matchesFolders(head: Head): Promise<boolean> {
    const [m, q] = await Promise.all([mtimeNs(this.layout.manifestDir), mtimeNs(this.layout.quarantineDir)]);
    return m === head.manifestMtimeNs && q === head.quarantineMtimeNs;
  }

  /** The head if the index can be read without the lock right now (see the file comment), else undefined. */
  private async currentHead(): Promise<Head | undefined> {
    const head = await this.readHead();
    if (!head) return undefined;
    if (await exists(this.layout.lockFile)) return undefined;
    return (await this.matchesFolders(head)) ? head : undefined;
  }

  private async loadCatalog(head: Head): Promise<Catalog | undefined> {
    const c = this.cached;
    if (c && c.catalog === head.catalog && c.catalogBytes === head.catalogBytes) return c.value;
    const text = await readPrefix(this.catalogFile, head.catalogBytes);
    if (text === undefined) return undefined;
    try {
      const value = Catalog.replay(text, head.catalog, this.catalogFile);
      this.cached = { catalog: head.catalog, catalogBytes: head.catalogBytes, value };
      return value;
    } catch (e) {
      if (e instanceof CorruptIndexError) return undefined;
      throw e;
    }
  }

  // ---- reading without the lock: undefined means "not now", and the store retries under the lock ----

  async readCatalog(): Promise<Catalog | undefined> {
    const head = await this.currentHead();
    return head ? this.loadCatalog(head) : undefined;
  }

  readConsumers(id: string): Promise<string[] | undefined> {
    return this.readSmall(() => this.readDown(id));
  }

  readInstrument(name: string): Promise<string[] | undefined> {
    return this.readSmall(() => this.readInstrumentIds(name));
  }

  /** One small index file read without the lock, if the index is current before and after. */
  private async readSmall(read: () => Promise<string[]>): Promise<string[] | undefined> {
    const head = await this.currentHead();
    if (!head) return undefined;
    let ids: string[];
    try {
      ids = await read();
    } catch (e) {
      if (e instanceof CorruptIndexError) return undefined;
      throw e;
    }
    // A change or a rebuild may have come between the head and the file: only an unchanged head vouches for it.
    const again = await this.readHead();
    return again && again.generation === head.generation && again.catalog === head.catalog ? ids : undefined;
  }

  private async readInstrumentIds(name: string): Promise<string[]> {
    const path = this.instrumentFile(name);
    const text = await readText(path);
    if (text === undefined) return [];
    try {
      const v = JSON.parse(text) as { instrument?: unknown; ids?: unknown };
      if (v.instrument === name && Array.isArray(v.ids) && v.ids.every((x) => typeof x === 'string')) return v.ids;
    } catch {
      // damaged: said below
    }
    throw new CorruptIndexError(`${path} is not the id list of instrument ${JSON.stringify(name)}`);
  }

  private async writeInstrument(name: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) await removeQuietly(this.instrumentFile(name));
    else await this.writeReplacing(this.instrumentFile(name), JSON.stringify({ instrument: name, ids }));
  }

  private async readDown(id: string): Promise<string[]> {
    const text = await readText(this.downFile(id));
    if (text === undefined) return [];
    try {
      const ids: unknown = JSON.parse(text);
      if (Array.isArray(ids) && ids.every((x) => typeof x === 'string')) return ids;
    } catch {
      // damaged: said below
    }
    throw new CorruptIndexError(`${this.downFile(id)} is not a list of ids`);
  }

  // ---- under the store's lock ----

  /**
   * Makes the index current, rebuilding it from the records if it is missing, stale or damaged. `check`: also
   * compare the record ids with the catalog (after taking over the lock of a writer that died).
   */
  async ensureCurrent(check: boolean): Promise<void> {
    const head = await this.readHead();
    // A writer checks the catalog's ends, not every line (that would make each publish cost the size of the store);
    // readers check the lines, and rebuild a damaged catalog under the lock (catalogUnderLock).
    if (head && (await this.matchesFolders(head)) && (await this.catalogEndsMatch(head))) {
      const catalog = check ? await this.loadCatalog(head) : undefined;
      if (!check || (catalog && (await this.sameIds(catalog)))) {
        // Bytes past catalogBytes are an append whose head was never written: not part of the index.
        if ((await stat(this.catalogFile)).size > head.catalogBytes) await truncate(this.catalogFile, head.catalogBytes);
        this.head = head;
        return;
      }
    }
    await this.rebuild();
  }

  /** The catalog is the one the head names, at least as long as the head says, and its committed part ends a line. */
  private async catalogEndsMatch(head: Head): Promise<boolean> {
    const header = catalogHeader(head.catalog);
    let fh;
    try {
      fh = await open(this.catalogFile, 'r');
    } catch (e) {
      if (isNotFound(e)) return false;
      throw e;
    }
    try {
      if ((await fh.stat()).size < head.catalogBytes || head.catalogBytes < header.length) return false;
      const start = Buffer.alloc(header.length);
      await fh.read(start, 0, header.length, 0);
      const last = Buffer.alloc(1);
      await fh.read(last, 0, 1, head.catalogBytes - 1);
      return start.toString('utf8') === header && last[0] === 0x0a;
    } finally {
      await fh.close();
    }
  }

  private async sameIds(catalog: Catalog): Promise<boolean> {
    const ids = async (dir: string) => (await readdir(dir)).filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5));
    const [records, quarantined] = await Promise.all([ids(this.layout.manifestDir), ids(this.layout.quarantineDir)]);
    const same = (listed: string[], indexed: Map<string, string>) => listed.length === indexed.size && listed.every((id) => indexed.has(id));
    return same(records, catalog.artifacts) && same(quarantined, catalog.quarantine);
  }

  /** The catalog, for a reader that had to wait for the lock (call ensureCurrent first). */
  async catalogUnderLock(): Promise<Catalog> {
    let catalog = this.head ? await this.loadCatalog(this.head) : undefined;
    if (!catalog) {
      await this.rebuild();
      catalog = this.head ? await this.loadCatalog(this.head) : undefined;
    }
    if (!catalog) throw new CorruptIndexError(`${this.catalogFile} could not be read right after it was rebuilt`);
    return catalog;
  }

  consumersUnderLock(id: string): Promise<string[]> {
    return this.repairing(() => this.readDown(id));
  }

  instrumentUnderLock(name: string): Promise<string[]> {
    return this.repairing(() => this.readInstrumentIds(name));
  }

  private async repairing(read: () => Promise<string[]>): Promise<string[]> {
    try {
      return await read();
    } catch (e) {
      if (!(e instanceof CorruptIndexError)) throw e;
      await this.rebuild();
      return read();
    }
  }

  /** Writes the index anew from the records. */
  async rebuild(): Promise<void> {
    this.head = undefined;
    this.cached = undefined;
    await mkdir(this.downDir, { recursive: true });
    await mkdir(this.instrumentDir, { recursive: true });
    await removeQuietly(this.headFile); // from here until the new head, no reader trusts the index
    const [manifestMtime, quarantineMtime] = await Promise.all([mtimeNs(this.layout.manifestDir), mtimeNs(this.layout.quarantineDir)]);
    const { records, quarantine } = await this.readTruth();
    const catalogId = randomUUID();
    const lines = [catalogHeader(catalogId)];
    for (const record of records) lines.push(changeLine({ op: 'put', record }));
    for (const record of quarantine) lines.push(changeLine({ op: 'qput', record }));
    const text = lines.join('');
    await this.writeReplacing(this.catalogFile, text);
    const consumers = consumerIndex(records);
    for (const name of await readdir(this.downDir)) {
      if (!consumers.has(name.slice(0, -5))) await removeQuietly(join(this.downDir, name));
    }
    for (const [id, ids] of consumers) await this.writeReplacing(this.downFile(id), JSON.stringify(ids));
    const byInstrument = new Map<string, string[]>();
    for (const r of records) for (const name of r.instruments) byInstrument.set(name, [...(byInstrument.get(name) ?? []), r.id]);
    const kept = new Set([...byInstrument.keys()].map((name) => this.instrumentFile(name)));
    for (const name of await readdir(this.instrumentDir)) {
      if (!kept.has(join(this.instrumentDir, name))) await removeQuietly(join(this.instrumentDir, name));
    }
    for (const [name, ids] of byInstrument) await this.writeInstrument(name, ids.sort());
    await this.writeHead({
      format: INDEX_FORMAT,
      version: INDEX_VERSION,
      catalog: catalogId,
      catalogBytes: Buffer.byteLength(text),
      generation: 0,
      manifestMtimeNs: manifestMtime,
      quarantineMtimeNs: quarantineMtime,
    });
  }

  /**
   * Records changes the store has just made to the records, in order (call ensureCurrent first, in the same lock
   * hold): one append to the catalog, each touched downstream and instrument list written once, then the head.
   * `about`: the inputs and instruments of the artifact put or deleted, whose lists change.
   */
  async apply(changes: ReadonlyArray<{ change: CatalogChange; about?: IndexedAbout }>): Promise<void> {
    const head = this.head;
    if (!head) throw new Error('StoreIndex.apply without ensureCurrent');
    this.head = undefined; // until the new head is written, a failure leaves the index to be rebuilt
    const text = changes.map(({ change }) => changeLine(change)).join('');
    const fh = await open(this.catalogFile, 'a');
    try {
      await fh.write(text);
    } finally {
      await fh.close();
    }
    // Each list read once, changed in memory in the order of the changes, written once.
    const down = new Map<string, Set<string>>();
    const instruments = new Map<string, Set<string>>();
    const listOf = async (lists: Map<string, Set<string>>, key: string, read: (key: string) => Promise<string[]>) => {
      let ids = lists.get(key);
      if (!ids) lists.set(key, (ids = new Set(await read(key))));
      return ids;
    };
    for (const { change, about = NOTHING } of changes) {
      if (change.op !== 'put' && change.op !== 'del') continue;
      const id = change.op === 'put' ? change.record.id : change.id;
      for (const input of about.inputs) {
        const ids = await listOf(down, input, (x) => this.readDown(x));
        if (change.op === 'put') ids.add(id);
        else ids.delete(id);
      }
      if (change.op === 'del') down.set(id, new Set());
      for (const name of about.instruments) {
        const ids = await listOf(instruments, name, (x) => this.readInstrumentIds(x));
        if (change.op === 'put') ids.add(id);
        else ids.delete(id);
      }
    }
    for (const [input, ids] of down) {
      if (ids.size === 0) await removeQuietly(this.downFile(input));
      else await this.writeReplacing(this.downFile(input), JSON.stringify([...ids].sort()));
    }
    for (const [name, ids] of instruments) await this.writeInstrument(name, [...ids].sort());
    const [manifestMtime, quarantineMtime] = await Promise.all([mtimeNs(this.layout.manifestDir), mtimeNs(this.layout.quarantineDir)]);
    await this.writeHead({
      ...head,
      catalogBytes: head.catalogBytes + Buffer.byteLength(text),
      generation: head.generation + 1,
      manifestMtimeNs: manifestMtime,
      quarantineMtimeNs: quarantineMtime,
    });
  }

  private async writeHead(head: Head): Promise<void> {
    await this.writeReplacing(this.headFile, `${JSON.stringify(head)}\n`);
    this.head = head;
  }

  /** Temp file + rename (readers see the old or the new file, whole), without fsync: see the file comment. */
  private async writeReplacing(path: string, text: string): Promise<void> {
    const tmp = join(this.layout.tmpDir, tempName());
    try {
      await writeFile(tmp, text, { flag: 'wx' });
      await rename(tmp, path);
    } catch (e) {
      await removeQuietly(tmp);
      throw e;
    }
  }

  /** Forgets what this writer knew (after a failure): the next ensureCurrent checks the files again. */
  forget(): void {
    this.head = undefined;
  }
}
