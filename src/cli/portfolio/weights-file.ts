/**
 * `--weights equal|FILE` of the risk commands: equal weight over the instruments, or a JSON file holding one object
 * {instrument: weight}. A name the data does not have, a weight that is not a finite number or a file that is not
 * such an object refuses the command (exit 2, naming the file and the key); instruments the file leaves out weigh 0.
 */
import { readFile } from 'node:fs/promises';
import { CliError } from '../cli-error';

export async function readWeightsObject(path: string, flag = 'weights'): Promise<Map<string, number>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new CliError(`--${flag} ${path}: cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new CliError(`--${flag} ${path}: not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw new CliError(`--${flag} ${path}: expected a JSON object {"name": weight, …}`);
  const weights = new Map<string, number>();
  for (const [name, w] of Object.entries(doc)) {
    if (typeof w !== 'number' || !Number.isFinite(w))
      throw new CliError(`--${flag} ${path}: "${name}" must be a finite number, got ${JSON.stringify(w)}`);
    weights.set(name, w);
  }
  if (weights.size === 0) throw new CliError(`--${flag} ${path}: the object names no instrument`);
  return weights;
}

/** Weights in `tickers` order. */
export async function weightsFlag(text: string | undefined, tickers: readonly string[]): Promise<Float64Array> {
  if (text === undefined) throw new CliError('--weights equal|FILE is required');
  if (text === 'equal') return new Float64Array(tickers.length).fill(1 / tickers.length);
  const byName = await readWeightsObject(text);
  for (const name of byName.keys())
    if (!tickers.includes(name)) throw new CliError(`--weights ${text}: "${name}" is not among the instruments (${tickers.join(', ')})`);
  return Float64Array.from(tickers, (t) => byName.get(t) ?? 0);
}

/** Repeated `NAME=VALUE` flags (shocks, budgets) as a map; every name must be an instrument. */
export function namedValues(flag: string, items: readonly string[], tickers: readonly string[] | null): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of items) {
    const eq = item.lastIndexOf('=');
    const name = eq > 0 ? item.slice(0, eq) : '';
    const v = Number(item.slice(eq + 1));
    if (name === '' || item.slice(eq + 1).trim() === '' || !Number.isFinite(v)) throw new CliError(`--${flag} ${item}: expected NAME=NUMBER`);
    if (tickers !== null && !tickers.includes(name))
      throw new CliError(`--${flag} ${item}: "${name}" is not among the instruments (${tickers.join(', ')})`);
    if (out.has(name)) throw new CliError(`--${flag}: "${name}" is given twice`);
    out.set(name, v);
  }
  return out;
}
