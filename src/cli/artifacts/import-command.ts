/** `quantlab artifacts import <files…>`: each file becomes an artifact, or is quarantined with its reasons. */
import { createReadStream, openAsBlob } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { decodeBarsFile } from '../../adapters/node/decode-bars-file';
import { NodeParquetCodec } from '../../adapters/node/node-parquet-codec';
import { tempDirSpace } from '../../adapters/node/temp-dir-space';
import { InstrumentConflictError, type ImportOutcome } from '../../handlers/import-artifact';
import { importArtifactStream } from '../../handlers/import-artifact-stream';
import { CliError } from '../cli-error';
import { APP_VERSION } from './app-version';
import { reasonTotal } from '../../core/artifacts/quarantine';
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
async function checkReadable(files: readonly string[]): Promise<void> {
  for (const path of files) {
    let info;
    try {
      info = await stat(path);
    } catch (e) {
      throw new CliError(`${path}: cannot read the file (${errnoCode(e)})`, 1);
    }
    if (!info.isFile()) throw new CliError(`${path}: not a file`, 1);
  }
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

export async function importCommand(args: ImportCommandArgs, ctx: CliContext, out: (s: string) => void): Promise<void> {
  await checkReadable(args.files);
  const dir = storeDir(ctx, args.store);
  const codec = new NodeParquetCodec();
  const outcomes = await withStore(dir, ctx, async (store) => {
    const results: ImportOutcome[] = [];
    // CSV streams from the file, Parquet by row groups from a file-backed Blob (memory independent of the file's size);
    // a file is opened again to be quarantined.
    const deps = { store, parquet: codec, temp: tempDirSpace(), appVersion: APP_VERSION, wholeFile: { decode: decodeBarsFile, parquet: codec } };
    for (const path of args.files) {
      const file = { name: basename(path), open: () => readStream(path), blob: () => openAsBlob(path) };
      try {
        results.push(
          await importArtifactStream(deps, file, {
            tags: args.tags,
            ...(args.instrument === undefined ? {} : { instrument: args.instrument }),
          }),
        );
      } catch (e) {
        if (e instanceof InstrumentConflictError) throw new CliError(e.message, 2);
        throw e;
      }
    }
    return results;
  });

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
