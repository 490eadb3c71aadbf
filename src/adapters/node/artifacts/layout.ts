/**
 * On-disk layout of a directory artifact store (layout version 1):
 *
 *   <root>/store.json                    {"format":"quantlab-artifact-store","layoutVersion":1}
 *   <root>/lock                          exists while one writer holds the store (created with O_EXCL);
 *                                        JSON {pid, host, token, since}
 *   <root>/blobs/sha256/<h[0:2]>/<h>     bytes, named by their SHA-256 (fileHash). No extension: artifact blobs
 *                                        are Parquet, quarantined blobs are whatever the user brought.
 *   <root>/manifest/<art_id>.json        one ArtifactRecord (pretty JSON)
 *   <root>/quarantine/<q_id>.json        one QuarantineRecord; its bytes are a blob like any other
 *   <root>/tmp/<pid>-<uuid>.tmp          writes in flight; renamed into place when complete
 *   <root>/index/                        the store index (./store-index.ts): derived from the records, rebuilt
 *                                        from them when missing, stale or damaged. A store without it (written
 *                                        before it existed) gets it on first use; the layout version is unchanged.
 *
 * Everything in tmp/ is on the same file system as the rest (it is inside <root>), so the final rename is atomic.
 */
import { join } from 'node:path';

export const STORE_FORMAT = 'quantlab-artifact-store';
export const LAYOUT_VERSION = 1;
export const LAYOUT_ENTRIES = ['store.json', 'lock', 'lock.break', 'blobs', 'manifest', 'quarantine', 'tmp', 'index'] as const;

export class DirLayout {
  readonly storeFile: string;
  readonly lockFile: string;
  readonly blobsDir: string;
  readonly manifestDir: string;
  readonly quarantineDir: string;
  readonly tmpDir: string;

  constructor(readonly root: string) {
    this.storeFile = join(root, 'store.json');
    this.lockFile = join(root, 'lock');
    this.blobsDir = join(root, 'blobs', 'sha256');
    this.manifestDir = join(root, 'manifest');
    this.quarantineDir = join(root, 'quarantine');
    this.tmpDir = join(root, 'tmp');
  }

  blob(fileHash: string): string {
    return join(this.blobsDir, fileHash.slice(0, 2), fileHash);
  }

  manifest(id: string): string {
    return join(this.manifestDir, `${id}.json`);
  }

  quarantine(id: string): string {
    return join(this.quarantineDir, `${id}.json`);
  }
}
