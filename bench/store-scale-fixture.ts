// Generated stores for bench/store-scale.ts: `count` small OHLCV artifacts (20 daily bars each, ten per instrument),
// made by the real import use case (decode, validate, content hash, canonical Parquet) and written straight into
// the directory layout — without a lock or fsync per file, which is what makes 50,000 artifacts take a minute, not
// an hour. Every hundredth artifact has a `results` artifact made from it, and every thousandth results artifact one
// made from that, so lineage has something to walk. No index is written: the first query builds it, as it does
// for a store from before the index. Cached under the OS temp folder, keyed by the layout and index versions.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LAYOUT_VERSION, STORE_FORMAT } from '../src/adapters/node/artifacts/layout';
import { INDEX_VERSION } from '../src/adapters/node/artifacts/store-index';
import { decodeBarsFile } from '../src/adapters/node/decode-bars-file';
import { NodeParquetCodec } from '../src/adapters/node/node-parquet-codec';
import { canonicalBytes } from '../src/core/artifacts/canonical-encoding';
import { contentHash } from '../src/core/artifacts/content-hash';
import type { LogicalTable } from '../src/core/artifacts/logical-schema';
import { buildArtifactRecord, type ArtifactDraft, type ArtifactRecord } from '../src/core/artifacts/record';
import { importArtifact } from '../src/handlers/import-artifact';
import type { ArtifactStore } from '../src/ports/artifact-store';
import { MS_PER_DAY } from '../src/core/domain/time';

const GENERATOR_VERSION = 1;
const CREATED = Date.UTC(2026, 0, 1);

export function instrumentOf(k: number): string {
  return `SYM${String(Math.floor(k / 10)).padStart(5, '0')}`;
}

/** The CSV of artifact k: 20 daily bars, a price walk that differs for every k. */
export function smallCsv(k: number): string {
  const start = Date.UTC(2015, 0, 1) + (k % 10) * 20 * MS_PER_DAY;
  let price = 50 + (k % 997) / 10;
  let s = 'timestamp,open,high,low,close,volume\n';
  for (let i = 0; i < 20; i++) {
    const next = price * (1 + (((k * 31 + i * 17) % 41) - 20) / 1000);
    const hi = Math.max(price, next) + 0.25;
    const lo = Math.min(price, next) - 0.25;
    s += `${new Date(start + i * MS_PER_DAY).toISOString().slice(0, 10)},${price.toFixed(4)},${hi.toFixed(4)},${lo.toFixed(4)},${next.toFixed(4)},${1000 + ((k + i) % 5000)}\n`;
    price = next;
  }
  return s;
}

class DirectWriter {
  constructor(private readonly root: string) {}

  async write(record: ArtifactRecord, bytes: Uint8Array): Promise<void> {
    const fan = join(this.root, 'blobs', 'sha256', record.fileHash.slice(0, 2));
    await mkdir(fan, { recursive: true });
    await writeFile(join(fan, record.fileHash), bytes);
    await writeFile(join(this.root, 'manifest', `${record.id}.json`), `${JSON.stringify(record, null, 2)}\n`);
  }

  async put(draft: ArtifactDraft, bytes: Uint8Array, createdAtMs: number): Promise<ArtifactRecord> {
    const fileHash = createHash('sha256').update(bytes).digest('hex');
    const record = buildArtifactRecord(draft, { fileHash, storedBytes: bytes.length, createdAtMs });
    await this.write(record, bytes);
    return record;
  }
}

/** A results table made from `inputs` (the shape a run's summary has), as Parquet-framed canonical bytes. */
async function resultsArtifact(writer: DirectWriter, label: string, inputs: string[], createdAtMs: number): Promise<ArtifactRecord> {
  const table: LogicalTable = {
    schema: [
      { name: 'metric', type: 'utf8' },
      { name: 'value', type: 'float64' },
    ],
    columns: [
      [label, 'sharpe'],
      [label.length, 1.25],
    ],
  };
  const magic = new TextEncoder().encode('PAR1');
  const body = canonicalBytes(table);
  const bytes = new Uint8Array(body.length + 8);
  bytes.set(magic, 0);
  bytes.set(body, 4);
  bytes.set(magic, body.length + 4);
  const draft: ArtifactDraft = {
    kind: 'results',
    contentHash: await contentHash(table),
    schema: table.schema,
    rowCount: 2,
    provenance: { sourceFileName: null, sourceFileHash: null, appVersion: 'bench' },
    inputs,
    tags: ['run'],
  };
  return writer.put(draft, bytes, createdAtMs);
}

export interface GeneratedStore {
  dir: string;
  /** An ohlcv artifact in the middle of the store, with a results artifact made from it (and one from that). */
  lineageId: string;
  /** An instrument with ten artifacts. */
  instrument: string;
}

/** The generated store of `count` ohlcv artifacts (made now if the cache has none). */
export async function generatedStore(count: number, log: (s: string) => void): Promise<GeneratedStore> {
  const dir = join(tmpdir(), `quantlab-bench-store-L${LAYOUT_VERSION}-I${INDEX_VERSION}-G${GENERATOR_VERSION}-${count}`);
  const middle = Math.floor(count / 2 / 1000) * 1000;
  if (!existsSync(join(dir, 'store.json'))) {
    const t0 = performance.now();
    const building = `${dir}.building-${process.pid}`;
    await rm(building, { recursive: true, force: true });
    for (const sub of ['manifest', 'quarantine', 'tmp', 'blobs/sha256']) await mkdir(join(building, sub), { recursive: true });
    const writer = new DirectWriter(building);
    const codec = new NodeParquetCodec();
    let at = 0;
    const store = {
      getByContentHash: async () => undefined,
      put: async (draft: ArtifactDraft, bytes: Uint8Array) => ({ record: await writer.put(draft, bytes, CREATED + at * 1000), created: true }),
    } as unknown as ArtifactStore;
    for (at = 0; at < count; at++) {
      const name = `${instrumentOf(at)}-${at % 10}.csv`;
      const outcome = await importArtifact(
        { store, decode: decodeBarsFile, parquet: codec, appVersion: 'bench' },
        { name, bytes: new TextEncoder().encode(smallCsv(at)) },
        { instrument: instrumentOf(at) },
      );
      if (outcome.status === 'quarantined') throw new Error(`generated ${name} was refused: ${outcome.entry.reasons[0].message}`);
      if (at % 100 === 0) {
        const run = await resultsArtifact(writer, `run-${at}`, [outcome.record.id], CREATED + at * 1000 + 1);
        if (at % 1000 === 0) await resultsArtifact(writer, `summary-${at}`, [run.id], CREATED + at * 1000 + 2);
      }
      if (at > 0 && at % 10_000 === 0) log(`  generating ${count} artifacts: ${at} done`);
    }
    await writeFile(join(building, 'store.json'), `${JSON.stringify({ format: STORE_FORMAT, layoutVersion: LAYOUT_VERSION }, null, 2)}\n`);
    await rename(building, dir);
    log(`  generated a store of ${count} ohlcv artifacts in ${((performance.now() - t0) / 1000).toFixed(1)} s (cached: ${dir})`);
  }
  const lineageCsv = smallCsv(middle);
  const ohlcvHash = await importedContentHash(lineageCsv);
  return { dir, lineageId: `art_${ohlcvHash.slice(0, 24)}`, instrument: instrumentOf(middle + 3) };
}

/** The content hash the import gives a CSV (to find the lineage artifact again in a cached store). */
async function importedContentHash(csv: string): Promise<string> {
  let hash = '';
  const store = {
    getByContentHash: async (h: string) => {
      hash = h;
      return { id: `art_${h.slice(0, 24)}`, instruments: ['x'] };
    },
  } as unknown as ArtifactStore;
  await importArtifact(
    { store, decode: decodeBarsFile, parquet: new NodeParquetCodec(), appVersion: 'bench' },
    { name: 'x.csv', bytes: new TextEncoder().encode(csv) },
    { instrument: 'x' },
  );
  return hash;
}
