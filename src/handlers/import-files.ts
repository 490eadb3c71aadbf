/**
 * Importing the files a person brought (picked or dropped), one after another: each is screened, imported by a
 * FileImporter (which runs the import use case, in the browser inside a worker), and reported as it finishes.
 *
 * - Refused without storing anything: names that are not .csv/.parquet, and empty files — there is nothing to keep.
 *   Every other file is either an artifact or a quarantine entry with its reasons (decided by importArtifact).
 * - Cancel: the importer abandons the file in flight (the store is transactional: no half artifact) and the files
 *   after it are not started. Files finished before the cancel stay imported.
 * - A full storage (StorageQuotaError) stops the queue: the files after it would fail the same way.
 */
import type { ImportOutcome } from './import-artifact';
import { barsFileFormat } from './bars-file-format';
import type { ImportStage } from './import-stages';

export interface ImportCandidate {
  readonly name: string;
  readonly size: number;
}

/**
 * Imports one file; `cancel` abandons the import in flight, whose promise then rejects with ImportCancelledError.
 * `onBytes` hears how many bytes of the file were read so far (a streamed file reports as it goes).
 */
export interface FileImporter<F extends ImportCandidate> {
  importFile(
    file: F,
    options: { tags?: readonly string[] },
    onStage: (stage: ImportStage) => void,
    onBytes?: (bytes: number) => void,
  ): Promise<ImportOutcome>;
  cancel(): void;
}

export class ImportCancelledError extends Error {
  override name = 'ImportCancelledError';
  constructor(message = 'the import was cancelled') {
    super(message);
  }
}

export type ImportResult =
  | ImportOutcome
  | { status: 'refused'; sourceFileName: string; message: string }
  | { status: 'failed'; sourceFileName: string; message: string; errorName: string }
  | { status: 'cancelled'; sourceFileName: string; message: string };

export interface ImportEvents {
  onStart?(index: number): void;
  onStage?(index: number, stage: ImportStage): void;
  /** Bytes of file `index` read so far. */
  onBytes?(index: number, bytes: number): void;
  onResult?(index: number, result: ImportResult): void;
}

/** Why a file is refused before anything is read, or null when it may be imported. */
export function screenFile(file: ImportCandidate): string | null {
  if (barsFileFormat(file.name) === null) return `${file.name}: unsupported file type (expected .csv or .parquet); nothing was stored`;
  if (file.size === 0) return `${file.name}: the file is empty (0 bytes); nothing was stored`;
  return null;
}

function errorName(e: unknown): string {
  return e instanceof Error ? e.name : 'Error';
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Imports `files` in order and returns one result per file (same order). */
export async function importFiles<F extends ImportCandidate>(
  files: readonly F[],
  importer: FileImporter<F>,
  options: { tags?: readonly string[]; signal?: AbortSignal; events?: ImportEvents } = {},
): Promise<ImportResult[]> {
  const { signal, events = {} } = options;
  const results: ImportResult[] = [];
  const cancelInFlight = () => importer.cancel();
  signal?.addEventListener('abort', cancelInFlight);
  let stopped: string | null = null;
  try {
    for (let i = 0; i < files.length; i++) {
      const file = files[i];
      let result: ImportResult;
      if (stopped !== null || signal?.aborted) {
        result = { status: 'cancelled', sourceFileName: file.name, message: stopped ?? 'not imported: the import was cancelled' };
      } else {
        const refusal = screenFile(file);
        if (refusal !== null) {
          result = { status: 'refused', sourceFileName: file.name, message: refusal };
        } else {
          events.onStart?.(i);
          try {
            result = await importer.importFile(
              file,
              options.tags ? { tags: options.tags } : {},
              (stage) => events.onStage?.(i, stage),
              (bytes) => events.onBytes?.(i, bytes),
            );
          } catch (e) {
            if (errorName(e) === 'ImportCancelledError' || signal?.aborted) {
              result = {
                status: 'cancelled',
                sourceFileName: file.name,
                message: 'cancelled while importing (the store keeps an artifact whole or not at all)',
              };
            } else {
              result = { status: 'failed', sourceFileName: file.name, message: errorMessage(e), errorName: errorName(e) };
              if (errorName(e) === 'StorageQuotaError') stopped = 'not imported: browser storage is full';
            }
          }
        }
      }
      results.push(result);
      events.onResult?.(i, result);
    }
  } finally {
    signal?.removeEventListener('abort', cancelInFlight);
  }
  return results;
}
