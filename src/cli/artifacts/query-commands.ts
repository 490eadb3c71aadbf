/** The read-only artifacts commands: list, find, get, lineage. None of them creates a store. */
import { CoverageCache } from '../../adapters/node/artifacts/coverage-cache';
import { DirArtifactStore } from '../../adapters/node/dir-artifact-store';
import { DirLayout } from '../../adapters/node/artifacts/layout';
import type { ArtifactFilter } from '../../core/artifacts/filter';
import type { CoverageReport } from '../../core/coverage/ohlcv-coverage';
import type { ArtifactRecord, ArtifactStore, QuarantineRecord } from '../../ports/artifact-store';
import { coverageText, quarantineBlock, quarantineTable, recordBlock, recordsTable } from './format-artifacts';
import { resolveArtifact, resolveRef } from './resolve-ref';
import { noStoreError, storeDir, withExistingStore, type CliContext } from './store-access';
import { textTable } from './text-table';
import { formatList } from './format-values';

interface Common {
  json: boolean;
  store: string | undefined;
}

type Out = (s: string) => void;

const json = (out: Out, value: unknown) => out(`${JSON.stringify(value)}\n`);

export async function listCommand(args: Common, ctx: CliContext, out: Out): Promise<void> {
  const dir = storeDir(ctx, args.store);
  if (args.json) {
    // The directory store hands over its records as JSON text: printed as they are, the same bytes as
    // JSON.stringify of the parsed records, without parsing and printing 50,000 of them again.
    const listed = await withExistingStore(dir, ctx, async (store) => ({
      texts: store instanceof DirArtifactStore ? await store.listJsonTexts() : (store ? await store.find() : []).map((r) => JSON.stringify(r)),
      quarantined: store ? (await store.listQuarantine()).length : 0,
    }));
    out(`{"store":${JSON.stringify(dir)},"artifacts":[${listed.texts.join(',')}],"quarantined":${listed.quarantined}}\n`);
    return;
  }
  const { records, quarantined } = await withExistingStore(dir, ctx, async (store) => ({
    records: store ? await store.find() : [],
    quarantined: store ? (await store.listQuarantine()).length : 0,
  }));
  out(records.length === 0 ? `no artifacts in ${dir}\n` : recordsTable(records));
  if (quarantined > 0)
    out(`\n${quarantined} quarantined file${quarantined === 1 ? '' : 's'} (not listed; see: quantlab artifacts find --quarantined)\n`);
}

function matchesQuarantine(q: QuarantineRecord, filter: ArtifactFilter): boolean {
  if (filter.kind !== undefined && q.kindHint !== filter.kind) return false;
  if (filter.hashPrefix !== undefined) {
    const p = filter.hashPrefix;
    if (!(q.id.startsWith(p) || q.fileHash.startsWith(p.startsWith('q_') ? p.slice(2) : p))) return false;
  }
  return true;
}

export async function findCommand(args: Common & { quarantined: boolean; filter: ArtifactFilter }, ctx: CliContext, out: Out): Promise<void> {
  const dir = storeDir(ctx, args.store);
  if (args.quarantined) {
    const entries = await withExistingStore(dir, ctx, async (store) =>
      store ? (await store.listQuarantine()).filter((q) => matchesQuarantine(q, args.filter)) : [],
    );
    if (args.json) {
      json(out, { store: dir, quarantined: entries });
      return;
    }
    out(entries.length === 0 ? `no quarantined files match in ${dir}\n` : quarantineTable(entries));
    return;
  }
  // Quarantined files never match a plain find: the store's find returns artifacts only.
  const records = await withExistingStore(dir, ctx, async (store) => (store ? store.find(args.filter) : []));
  if (args.json) {
    json(out, { store: dir, filter: args.filter, artifacts: records });
    return;
  }
  out(records.length === 0 ? `no artifacts match in ${dir}\n` : recordsTable(records));
}

export async function getCommand(args: Common & { ref: string }, ctx: CliContext, out: Out): Promise<void> {
  const dir = storeDir(ctx, args.store);
  await withExistingStore(dir, ctx, async (store) => {
    if (!store) throw noStoreError(dir);
    const resolved = await resolveRef(store, args.ref, { quarantine: true });
    if (resolved.kind === 'quarantined') {
      if (args.json) {
        json(out, { store: dir, quarantined: resolved.entry });
        return;
      }
      out(quarantineBlock(resolved.entry));
      return;
    }
    const record = resolved.record;
    const coverage = record.kind === 'ohlcv' ? await coverageOf(dir, store, record) : null;
    if (args.json) {
      json(out, { store: dir, artifact: record, coverage });
      return;
    }
    out(recordBlock(record));
    if (coverage) out(`\n${coverageText(coverage)}`);
  });
}

/**
 * Coverage from the store's cache, else from the bars. Imported only then: reading the bars back loads parquet-wasm
 * (a 5 MB module to compile), which list, find, lineage and a cached get never need.
 */
async function coverageOf(dir: string, store: ArtifactStore, record: ArtifactRecord): Promise<CoverageReport> {
  const cache = new CoverageCache(new DirLayout(dir));
  const cached = await cache.read(record);
  if (cached) return cached;
  const coverage = await (await import('./artifact-bars')).artifactCoverage(store, record);
  await cache.write(record, coverage);
  return coverage;
}

export interface LineageEntry {
  depth: number;
  artifact: ArtifactRecord;
}

/** Breadth first, one hop at a time, so each artifact is shown at its nearest distance. */
async function walk(store: ArtifactStore, id: string, direction: 'up' | 'down'): Promise<LineageEntry[]> {
  const seen = new Set([id]);
  const out: LineageEntry[] = [];
  let frontier = [id];
  for (let depth = 1; frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const at of frontier) {
      for (const r of await store.lineage(at, direction)) {
        if (seen.has(r.id)) continue;
        seen.add(r.id);
        out.push({ depth, artifact: r });
        next.push(r.id);
      }
    }
    frontier = next;
  }
  return out;
}

function lineageTable(entries: readonly LineageEntry[]): string {
  if (entries.length === 0) return '  (none)\n';
  return textTable(
    [
      { header: '  DEPTH', align: 'right' },
      { header: 'ID' },
      { header: 'KIND' },
      { header: 'INSTRUMENTS' },
      { header: 'INPUTS' },
      { header: 'SOURCE' },
    ],
    entries.map((e) => [
      String(e.depth),
      e.artifact.id,
      e.artifact.kind,
      formatList(e.artifact.instruments),
      formatList(e.artifact.inputs),
      e.artifact.provenance.sourceFileName ?? '-',
    ]),
  );
}

export async function lineageCommand(args: Common & { ref: string; up: boolean; down: boolean }, ctx: CliContext, out: Out): Promise<void> {
  const dir = storeDir(ctx, args.store);
  await withExistingStore(dir, ctx, async (store) => {
    if (!store) throw noStoreError(dir);
    const record = await resolveArtifact(store, args.ref);
    const up = args.up ? await walk(store, record.id, 'up') : undefined;
    const down = args.down ? await walk(store, record.id, 'down') : undefined;
    if (args.json) {
      json(out, { store: dir, id: record.id, ...(up ? { up } : {}), ...(down ? { down } : {}) });
      return;
    }
    out(`${record.id} (${record.kind}${record.instruments.length ? ` ${formatList(record.instruments)}` : ''})\n`);
    if (up) out(`upstream (made from):\n${lineageTable(up)}`);
    if (down) out(`downstream (made from it):\n${lineageTable(down)}`);
  });
}
