import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Absolute path of a file in ../shared/data (real market data used by tests only, never copied into the repo). */
export function sharedDataPath(name: string): string {
  return fileURLToPath(new URL(`../../../shared/data/${name}`, import.meta.url));
}

/** Minimal reader of the shared CSVs' numeric columns (header `,Open,High,Low,Close,Volume`). */
export function readSharedCloses(name: string): { open: Float64Array; close: Float64Array } {
  const lines = readFileSync(sharedDataPath(name), 'utf8').trim().split(/\r?\n/).slice(1);
  const open = new Float64Array(lines.length);
  const close = new Float64Array(lines.length);
  lines.forEach((line, i) => {
    const f = line.split(',');
    open[i] = Number(f[1]);
    close[i] = Number(f[4]);
  });
  return { open, close };
}
