/**
 * `--data` of `features` and `labels`: files, folders of them, or artifact ids / hash prefixes in the store, each an
 * instrument named after the file stem or the artifact's instrument. A folder contributes its .csv and .parquet
 * files (not recursive, in name order); one of them that has no OHLCV columns at all (a table of closes beside the
 * bars) is passed over and listed in `skipped`. Anything else that cannot be read — a named file that is not OHLCV
 * bars, a bad row, two instruments with one name — refuses the whole command (exit 2), naming file, row and rule.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { readBarsFile } from '../../adapters/node/read-bars-file';
import { CsvError } from '../../core/csv/csv-error';
import type { OhlcvTable } from '../../core/domain/ohlcv-table';
import { barsFileFormat } from '../../handlers/decode-bars-bytes';
import { readArtifactBars } from '../artifacts/artifact-bars';
import { looksLikeArtifactRef, resolveArtifact } from '../artifacts/resolve-ref';
import { noStoreError, processContext, storeDir, withExistingStore, type CliContext } from '../artifacts/store-access';
import { CliError } from '../cli-error';
import { oneLineReason } from '../one-line-reason';

export interface Instrument {
  name: string;
  /** The file path or artifact id it came from. */
  source: string;
  table: OhlcvTable;
  /** The artifact id, when it came from the store (its lineage parent if features are published). */
  artifactId?: string;
}

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface Universe {
  instruments: Instrument[];
  skipped: SkippedFile[];
}

async function kindOf(path: string): Promise<'file' | 'dir' | null> {
  try {
    return (await stat(path)).isDirectory() ? 'dir' : 'file';
  } catch {
    return null;
  }
}

/** A data problem is refused input: exit 2 with the reader's one-line reason (file, row, column, rule). */
function refused(e: unknown): CliError {
  return e instanceof CliError ? e : new CliError(oneLineReason(e), 2);
}

const isNotBars = (e: unknown) => e instanceof CsvError && e.rule === 'missing-column';

async function readFile(path: string): Promise<Instrument> {
  try {
    return { name: basename(path, extname(path)), source: path, table: await readBarsFile(path) };
  } catch (e) {
    throw refused(e);
  }
}

async function readFolder(dir: string, universe: Universe): Promise<void> {
  const names = (await readdir(dir)).filter((n) => barsFileFormat(n) !== null).sort();
  if (names.length === 0) throw new CliError(`--data ${dir}: no .csv or .parquet files in this folder`);
  for (const n of names) {
    const path = join(dir, n);
    if ((await kindOf(path)) !== 'file') continue;
    try {
      universe.instruments.push({ name: basename(n, extname(n)), source: path, table: await readBarsFile(path) });
    } catch (e) {
      if (!isNotBars(e)) throw refused(e);
      universe.skipped.push({ file: path, reason: `not OHLCV bars: ${oneLineReason(e)}` });
    }
  }
}

async function readArtifacts(refs: string[], storeFlag: string | undefined, ctx: CliContext): Promise<Instrument[]> {
  if (refs.length === 0) return [];
  const dir = storeDir(ctx, storeFlag);
  return withExistingStore(dir, ctx, async (store) => {
    if (!store) throw new CliError(noStoreError(dir).message, 2);
    const found: Instrument[] = [];
    for (const ref of refs) {
      try {
        const record = await resolveArtifact(store, ref);
        const table = await readArtifactBars(store, record);
        found.push({ name: record.instruments[0] ?? record.id, source: record.id, table, artifactId: record.id });
      } catch (e) {
        throw e instanceof CliError ? new CliError(`--data ${ref}: ${e.message}`, 2) : refused(e);
      }
    }
    return found;
  });
}

export async function loadUniverse(data: string[], storeFlag: string | undefined, ctx: CliContext = processContext()): Promise<Universe> {
  if (data.length === 0) throw new CliError('--data FILE|DIR|ID is required (repeat it for several)');
  const universe: Universe = { instruments: [], skipped: [] };
  const refs: string[] = [];
  for (const d of data) {
    const kind = await kindOf(d);
    if (kind === 'dir') await readFolder(d, universe);
    else if (kind === 'file') universe.instruments.push(await readFile(d));
    else if (looksLikeArtifactRef(d)) refs.push(d);
    else throw new CliError(`--data ${d}: no such file or folder`);
  }
  universe.instruments.push(...(await readArtifacts(refs, storeFlag, ctx)));
  if (universe.instruments.length === 0) throw new CliError(`--data: no OHLCV bars among ${data.join(', ')}`);
  const seen = new Map<string, string>();
  for (const i of universe.instruments) {
    const other = seen.get(i.name);
    if (other !== undefined) throw new CliError(`two instruments are named "${i.name}" (${other} and ${i.source}); give one of them`);
    seen.set(i.name, i.source);
  }
  return universe;
}

/** The instrument called `name`, or exit 2 listing the names there are. */
export function instrumentNamed(universe: Universe, name: string, flag: string): Instrument {
  const found = universe.instruments.find((i) => i.name === name);
  if (!found) throw new CliError(`${flag} ${name}: unknown instrument (instruments: ${universe.instruments.map((i) => i.name).join(', ')})`);
  return found;
}
