/**
 * FileImporter backed by the import worker. Cancelling terminates the worker — the only way to stop a long CSV
 * parse at once — and the next import starts a fresh one. The abandoned call rejects with ImportCancelledError.
 */
import * as Comlink from 'comlink';
import type { ImportOutcome } from '../../handlers/import-artifact';
import { ImportCancelledError, type FileImporter } from '../../handlers/import-files';
import type { ImportStage } from '../../handlers/import-stages';
import type { ImportService } from './import-service';

export class WorkerFileImporter implements FileImporter<File> {
  private worker: Worker | undefined;
  private remote: Comlink.Remote<ImportService> | undefined;
  private abandon: ((reason: Error) => void) | undefined;

  constructor(private readonly spawn: () => Worker) {}

  importFile(
    file: File,
    options: { tags?: readonly string[] },
    onStage: (stage: ImportStage) => void,
    onBytes?: (bytes: number) => void,
  ): Promise<ImportOutcome> {
    if (!this.remote) {
      const worker = this.spawn();
      // A worker that fails to load or crashes would leave the call pending forever: fail it instead.
      worker.addEventListener('error', (e) => {
        e.preventDefault();
        if (this.worker === worker) this.stop(new Error(`the import worker failed${e.message ? `: ${e.message}` : ''}`));
      });
      this.worker = worker;
      this.remote = Comlink.wrap<ImportService>(worker);
    }
    const call = this.remote.importFile(
      file,
      options.tags ? { tags: [...options.tags] } : {},
      Comlink.proxy(onStage),
      onBytes ? Comlink.proxy(onBytes) : undefined,
    );
    return new Promise<ImportOutcome>((resolve, reject) => {
      this.abandon = reject;
      call.then(resolve, reject).finally(() => {
        if (this.abandon === reject) this.abandon = undefined;
      });
    });
  }

  cancel(): void {
    this.stop(new ImportCancelledError());
  }

  /** Terminates the worker (the next import starts a new one) and rejects the call in flight with `reason`. */
  private stop(reason: Error): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.remote = undefined;
    this.abandon?.(reason);
    this.abandon = undefined;
  }
}
