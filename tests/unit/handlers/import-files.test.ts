/** The import queue: screening, order, progress stages, cancel of the file in flight, and a full storage. */
import { describe, expect, it } from 'vitest';
import type { ImportOutcome } from '../../../src/handlers/import-artifact';
import { ImportCancelledError, importFiles, screenFile, type FileImporter, type ImportResult } from '../../../src/handlers/import-files';
import type { ImportStage } from '../../../src/handlers/import-stages';

interface FakeFile {
  name: string;
  size: number;
}

const file = (name: string, size = 10): FakeFile => ({ name, size });

function outcome(name: string): ImportOutcome {
  return { status: 'quarantined', sourceFileName: name, created: true, entry: { id: `q_${name}` } as never };
}

/** Imports instantly, except files named in `hold`, which wait until cancelled. */
function fakeImporter(options: { hold?: string[]; fail?: Record<string, Error> } = {}) {
  const calls: string[] = [];
  let cancel: (() => void) | undefined;
  const importer: FileImporter<FakeFile> & { calls: string[]; cancels: number } = {
    calls,
    cancels: 0,
    async importFile(f, _options, onStage: (s: ImportStage) => void) {
      calls.push(f.name);
      onStage('reading');
      onStage('decoding');
      const failure = options.fail?.[f.name];
      if (failure) throw failure;
      if (options.hold?.includes(f.name)) {
        await new Promise<void>((_, reject) => {
          cancel = () => reject(new ImportCancelledError());
        });
      }
      return outcome(f.name);
    },
    cancel() {
      importer.cancels++;
      cancel?.();
    },
  };
  return importer;
}

function named(name: string, cause: string): Error {
  const e = new Error(cause);
  e.name = name;
  return e;
}

describe('screenFile', () => {
  it('refuses other types and empty files, accepts .csv/.parquet in any case', () => {
    expect(screenFile(file('a.txt'))).toMatch(/a\.txt: unsupported file type \(expected \.csv or \.parquet\)/);
    expect(screenFile(file('a.csv', 0))).toMatch(/a\.csv: the file is empty \(0 bytes\)/);
    expect(screenFile(file('A.CSV'))).toBeNull();
    expect(screenFile(file('b.Parquet'))).toBeNull();
  });
});

describe('importFiles', () => {
  it('imports in order, one result per file, refusing without calling the importer', async () => {
    const importer = fakeImporter();
    const stages: string[] = [];
    const seen: number[] = [];
    const results = await importFiles([file('a.csv'), file('b.txt'), file('c.parquet')], importer, {
      events: { onStage: (i, s) => stages.push(`${i}:${s}`), onResult: (i) => seen.push(i) },
    });
    expect(results.map((r) => r.status)).toEqual(['quarantined', 'refused', 'quarantined']);
    expect(importer.calls).toEqual(['a.csv', 'c.parquet']);
    expect(seen).toEqual([0, 1, 2]);
    expect(stages).toEqual(['0:reading', '0:decoding', '2:reading', '2:decoding']);
  });

  it('cancel abandons the file in flight and does not start the rest; finished files stay', async () => {
    const importer = fakeImporter({ hold: ['big.csv'] });
    const controller = new AbortController();
    const done: ImportResult[] = [];
    const run = importFiles([file('a.csv'), file('big.csv'), file('c.csv')], importer, {
      signal: controller.signal,
      events: {
        onStage: (i, s) => {
          if (i === 1 && s === 'decoding') queueMicrotask(() => controller.abort());
        },
        onResult: (_, r) => done.push(r),
      },
    });
    const results = await run;
    expect(results.map((r) => r.status)).toEqual(['quarantined', 'cancelled', 'cancelled']);
    expect(importer.calls).toEqual(['a.csv', 'big.csv']);
    expect(importer.cancels).toBe(1);
    expect(results[2]).toMatchObject({ message: 'not imported: the import was cancelled' });
    expect(done).toHaveLength(3);
  });

  it('a full storage stops the queue: the files after it are not tried', async () => {
    const importer = fakeImporter({ fail: { 'b.csv': named('StorageQuotaError', 'browser storage is full: could not store …') } });
    const results = await importFiles([file('a.csv'), file('b.csv'), file('c.csv')], importer);
    expect(results.map((r) => r.status)).toEqual(['quarantined', 'failed', 'cancelled']);
    expect(results[1]).toMatchObject({ errorName: 'StorageQuotaError', message: expect.stringContaining('browser storage is full') });
    expect(results[2]).toMatchObject({ message: 'not imported: browser storage is full' });
    expect(importer.calls).toEqual(['a.csv', 'b.csv']);
  });

  it('another failure is reported for its file and the queue goes on', async () => {
    const importer = fakeImporter({ fail: { 'b.csv': named('CorruptStoreError', 'indexeddb …: damaged') } });
    const results = await importFiles([file('a.csv'), file('b.csv'), file('c.csv')], importer);
    expect(results.map((r) => r.status)).toEqual(['quarantined', 'failed', 'quarantined']);
  });
});
