/** `quantlab artifacts import <files…>`: each file becomes an artifact, or is quarantined with its reasons. */
import { createReadStream, openAsBlob } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { decodeBarsFile } from '../../adapters/node/decode-bars-file';
import { NodeParquetCodec } from '../../adapters/node/node-parquet-codec';
import { tempDirSpace } from '../../adapters/node/temp-dir-space';
import { importArtifact, InstrumentConflictError, type ImportOutcome } from '../../handlers/import-artifact';
import { importArtifactStream } from '../../handlers/import-artifact-stream';
import { importInOrder } from '../../handlers/imports-in-order';
import { CliError } from '../cli-error';
import { APP_VERSION } from './app-version';
import { reasonTotal } from '../../core/artifacts/stored-check';
import { reasonLines } from './format-artifacts';
import { formatList, formatTime } from './format-values';
import { storeDir, withStore, type CliContext } from './store-access';
import { textTable } from './text-table';

export interface ImportCommandArgs {
  files: string[];
  tags: string[];
  instrument: string | undefined;
  json: boolean;
  store: string | undefined;
}

function errnoCode(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? String(e);
}

/** Every file must be there before anything is stored: a typo in the last name does not leave half an import. */
async function checkReadable(files: readonly string[]): Promise<number[]> {
  const sizes: number[] = [];
  for (const path of files) {
    let info;
    try {
      info = await stat(path);
    } catch (e) {
      throw new CliError(`${path}: cannot read the file (${errnoCode(e)})`, 1);
    }
    if (!info.isFile()) throw new CliError(`${path}: not a file`, 1);
    sizes.push(info.size);
  }
  return sizes;
}

function outcomeJson(path: string, o: ImportOutcome) {
  return o.status === 'quarantined'
    ? { file: path, status: o.status, id: o.entry.id, entry: o.entry, created: o.created }
    : { file: path, status: o.status, id: o.record.id, record: o.record, coverage: o.coverage };
}

function humanTable(paths: readonly string[], outcomes: readonly ImportOutcome[]): string {
  const rows = outcomes.map((o, i) => {
    if (o.status === 'quarantined') {
      const n = reasonTotal(o.entry);
      return [o.status, o.entry.id, basename(paths[i]), '-', '-', '-', '-', '-', `${n} reason${n === 1 ? '' : 's'}`];
    }
    const c = o.coverage.instruments[0];
    const r = o.record;
    return [
      o.status,
      r.id,
      basename(paths[i]),
      formatList(r.instruments),
      r.interval ?? '-',
      String(r.rowCount),
      formatTime(r.timeRange?.startMs),
      formatTime(r.timeRange?.endMs),
      c ? `${c.gapCount} gaps, ${c.missingBars} missing of ${c.expectedBars}` : '-',
    ];
  });
  return textTable(
    [
      { header: 'STATUS' },
      { header: 'ID' },
      { header: 'FILE' },
      { header: 'INSTRUMENT' },
      { header: 'INTERVAL' },
      { header: 'ROWS', align: 'right' },
      { header: 'FROM' },
      { header: 'TO' },
      { header: 'COVERAGE' },
    ],
    rows,
  );
}

/** The file's bytes as a stream; a read error names the file. */
async function* readStream(path: string): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of createReadStream(path)) yield chunk as Uint8Array;
  } catch (e) {
    throw new CliError(`${path}: cannot read the file (${errnoCode(e)})`, 1);
  }
}

async function readWhole(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    throw new CliError(`${path}: cannot read the file (${errnoCode(e)})`, 1);
  }
}

/**
 * A CSV up to this size is read whole and imported the whole-file way (same outcome as streaming it, which the
 * tests check): streaming sets up a temp folder, spools and batch buffers of 65,536 rows per file, which costs
 * more than the work itself on a small file. Larger CSVs stream, one at a time, so memory stays that of a batch.
 */
const WHOLE_FILE_BYTES = 1 << 20;
/** Files imported at once: enough to overlap one file's disk waits with others' work and fill the store's groups. */
const PARALLEL_FILES = 32;

export async function importCommand(args: ImportCommandArgs, ctx: CliContext, out: (s: string) => void): Promise<void> {
  const sizes = await checkReadable(args.files);
  const dir = storeDir(ctx, args.store);
  const codec = new NodeParquetCodec();
  const options = { tags: args.tags, ...(args.instrument === undefined ? {} : { instrument: args.instrument }) };
  let streaming: Promise<unknown> = Promise.resolve();
  const outcomes = await withStore(dir, ctx, (store) =>
    importInOrder(args.files.length, PARALLEL_FILES, store, async (k, inTurn) => {
      const path = args.files[k];
      const name = basename(path);
      const wholeFile = { decode: decodeBarsFile, parquet: codec };
      try {
        if (sizes[k] <= WHOLE_FILE_BYTES) {
          return await importArtifact({ ...wholeFile, store: inTurn, appVersion: APP_VERSION }, { name, bytes: await readWhole(path) }, options);
        }
        // CSV streams from the file, Parquet by row groups from a file-backed Blob (memory independent of the file's
        // size); a file is opened again to be quarantined.
        const deps = { store: inTurn, parquet: codec, temp: tempDirSpace(), appVersion: APP_VERSION, wholeFile };
        const file = { name, open: () => readStream(path), blob: () => openAsBlob(path) };
        const mine = streaming.then(() => importArtifactStream(deps, file, options));
        streaming = mine.catch(() => undefined);
        return await mine;
      } catch (e) {
        if (e instanceof InstrumentConflictError) throw new CliError(e.message, 2);
        throw e;
      }
    }),
  );

  if (args.json) {
    out(`${JSON.stringify({ store: dir, results: outcomes.map((o, i) => outcomeJson(args.files[i], o)) })}\n`);
  } else {
    out(humanTable(args.files, outcomes));
    for (const o of outcomes) if (o.status === 'quarantined') out(`\n${o.entry.id} ${o.sourceFileName} was quarantined:\n${reasonLines(o.entry)}`);
    if (args.tags.length > 0 && outcomes.some((o) => o.status === 'existing')) {
      out('\nnote: tags are given to new artifacts only; stored records are immutable\n');
    }
    out(`\nstore ${dir}\n`);
  }
  const quarantined = outcomes.filter((o) => o.status === 'quarantined').length;
  if (quarantined > 0) {
    throw new CliError(
      `${quarantined} of ${outcomes.length} file${outcomes.length === 1 ? '' : 's'} quarantined (see: quantlab artifacts find --quarantined)`,
      1,
    );
  }
}
