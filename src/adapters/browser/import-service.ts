/**
 * Lives inside the import worker: runs the streaming import use case on a File with the browser adapters (IndexedDB
 * store, parquet-wasm, the core CSV reader, Blob temp space), off the page's thread so a large file neither freezes the page nor delays a
 * cancel. The page cancels by terminating the worker: an unfinished IndexedDB transaction is then aborted, so a
 * file is stored whole or not at all.
 */
import * as Comlink from 'comlink';
import type { ImportOutcome } from '../../handlers/import-artifact';
import { importArtifactStream } from '../../handlers/import-artifact-stream';
import { barsDecoder } from '../../handlers/decode-bars-bytes';
import type { ImportStage } from '../../handlers/import-stages';
import { APP_VERSION } from './app-version';
import { blobTempSpace, fileChunks } from './blob-temp-space';
import { IdbArtifactStore } from './idb-artifact-store';
import { BrowserParquetCodec } from './parquet-codec';

/** Forwards the bytes read at most every 1% of the file (each report is a message to the page), and at its end. */
function throttledBytes(size: number, onBytes: (bytes: number) => void): (bytes: number) => void {
  const step = Math.max(1, Math.floor(size / 100));
  let next = 0;
  return (bytes) => {
    if (bytes < next && bytes < size) return;
    next = bytes + step;
    onBytes(bytes);
  };
}

export class ImportService {
  private store: Promise<IdbArtifactStore> | undefined;
  private readonly codec = new BrowserParquetCodec();

  private openStore(): Promise<IdbArtifactStore> {
    if (!this.store) {
      const opening = IdbArtifactStore.open();
      opening.catch(() => {
        if (this.store === opening) this.store = undefined;
      });
      this.store = opening;
    }
    return this.store;
  }

  async importFile(
    file: File,
    options: { tags?: readonly string[] },
    onStage: (stage: ImportStage) => void,
    onBytes?: (bytes: number) => void,
  ): Promise<ImportOutcome> {
    try {
      const store = await this.openStore();
      // A CSV streams from File.stream(), Parquet by row groups from File slices (memory independent of the file's
      // size); temp data lives in Blobs until the end.
      const deps = {
        store,
        parquet: this.codec,
        temp: blobTempSpace,
        appVersion: APP_VERSION,
        wholeFile: { decode: barsDecoder(this.codec), parquet: this.codec },
      };
      return await importArtifactStream(
        deps,
        { name: file.name, open: () => fileChunks(file), blob: async () => file },
        { ...(options.tags ? { tags: options.tags } : {}), onStage, ...(onBytes ? { onBytes: throttledBytes(file.size, onBytes) } : {}) },
      );
    } finally {
      // `onStage` is a Comlink proxy of the page's callback: close its channel (after the stages already sent).
      for (const proxy of [onStage, onBytes])
        (proxy as Partial<Record<typeof Comlink.releaseProxy, () => void>> | undefined)?.[Comlink.releaseProxy]?.();
    }
  }
}
