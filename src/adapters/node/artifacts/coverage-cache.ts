/**
 * Coverage reports of ohlcv artifacts, kept in the store index (<root>/index/coverage/<id>.json) so that showing an
 * artifact does not decode its Parquet again (which loads parquet-wasm: most of an `artifacts get`). A report is a
 * pure function of the stored bytes and the immutable record, so it never goes stale; it is keyed by the record's
 * fileHash and a version of the report's shape, and anything else found there is ignored and recomputed. Like the
 * rest of the index it is derived: deleting it loses nothing, and failing to write it is not an error.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ArtifactRecord } from '../../../core/artifacts/record';
import type { CoverageReport } from '../../../core/coverage/ohlcv-coverage';
import { removeQuietly, tempName } from './atomic-file';
import type { DirLayout } from './layout';

/** Bump when CoverageReport or the way it is computed changes: older cached reports are then recomputed. */
const REPORT_VERSION = 1;

interface Cached {
  version: number;
  fileHash: string;
  coverage: CoverageReport;
}

export class CoverageCache {
  private readonly dir: string;

  constructor(private readonly layout: DirLayout) {
    this.dir = join(layout.root, 'index', 'coverage');
  }

  private file(id: string): string {
    return join(this.dir, `${id}.json`);
  }

  async read(record: ArtifactRecord): Promise<CoverageReport | undefined> {
    try {
      const cached = JSON.parse(await readFile(this.file(record.id), 'utf8')) as Partial<Cached>;
      return cached.version === REPORT_VERSION && cached.fileHash === record.fileHash && cached.coverage ? cached.coverage : undefined;
    } catch {
      return undefined; // missing or damaged: computed again
    }
  }

  async write(record: ArtifactRecord, coverage: CoverageReport): Promise<void> {
    const tmp = join(this.layout.tmpDir, tempName());
    try {
      await mkdir(this.dir, { recursive: true });
      await writeFile(tmp, JSON.stringify({ version: REPORT_VERSION, fileHash: record.fileHash, coverage } satisfies Cached), { flag: 'wx' });
      await rename(tmp, this.file(record.id));
    } catch {
      await removeQuietly(tmp).catch(() => undefined); // a read-only store still answers, without the cache
    }
  }
}
