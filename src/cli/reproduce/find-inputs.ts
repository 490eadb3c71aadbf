/**
 * `--data DIR`: the inputs a run needs, looked for among the .csv/.parquet files of a directory (or one file). Each
 * candidate is checked by contentHash on the way in (admit-input.ts): only files holding exactly the data the run
 * used are imported; the others are left alone. Files named like an input (GOOG.csv for GOOG) are tried first.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { RunLink } from '../../core/reproduce/run-link';
import { barsFileFormat } from '../../handlers/decode-bars-bytes';
import { admitInput, type AdmitInputDeps, type AdmitOutcome } from '../../handlers/reproduce/admit-input';
import type { NeededInput } from '../../handlers/reproduce/needed-inputs';
import { CliError } from '../cli-error';

async function candidates(path: string): Promise<string[]> {
  let info;
  try {
    info = await stat(path);
  } catch (e) {
    throw new CliError(`--data ${path}: cannot read it (${(e as NodeJS.ErrnoException).code ?? String(e)})`, 2);
  }
  if (info.isFile()) return [path];
  const names = (await readdir(path)).filter((n) => barsFileFormat(n) !== null).sort();
  return names.map((n) => join(path, n));
}

function stem(path: string): string {
  return basename(path)
    .replace(/\.(csv|parquet)$/i, '')
    .toLowerCase();
}

/** Tries candidates until no input is missing; returns what each tried file turned out to be. */
export async function findInputs(
  deps: AdmitInputDeps,
  link: RunLink,
  needed: readonly NeededInput[],
  dataPath: string,
): Promise<{ path: string; outcome: AdmitOutcome }[]> {
  const missing = new Set(needed.filter((n) => n.status === 'missing').map((n) => n.index));
  if (missing.size === 0) return [];
  const names = new Set(
    needed
      .filter((n) => missing.has(n.index))
      .flatMap((n) => [n.label, n.instrument])
      .filter((x): x is string => !!x)
      .map((x) => x.toLowerCase()),
  );
  const files = (await candidates(dataPath)).sort((a, b) => Number(!names.has(stem(a))) - Number(!names.has(stem(b))));
  const tried: { path: string; outcome: AdmitOutcome }[] = [];
  for (const path of files) {
    if (missing.size === 0) break;
    const bytes = await readFile(path);
    const outcome = await admitInput(deps, link, { name: basename(path), bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length) });
    tried.push({ path, outcome });
    if (outcome.status === 'accepted') missing.delete(outcome.index);
  }
  return tried;
}
