import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { lastRows, returnsFromCloses, type ReturnsMatrix } from '../../src/core/risk/returns-matrix';
import { sharedDataPath } from './shared-data';

/** ../shared/data/universe12/closes.csv as columns (tickers in the file's order, which is portfolio-visible.json's). */
export function universe12Closes(): { tickers: string[]; closes: Float64Array[] } {
  const lines = readFileSync(sharedDataPath('universe12/closes.csv'), 'utf8').trim().split(/\r?\n/);
  const tickers = lines[0].split(',').slice(1);
  const closes = tickers.map(() => new Float64Array(lines.length - 1));
  lines.slice(1).forEach((line, t) => {
    line
      .split(',')
      .slice(1)
      .forEach((v, i) => (closes[i][t] = Number(v)));
  });
  return { tickers, closes };
}

/** Simple returns of universe12: all 1,499 (`full`) or the last `window`. */
export function universe12Returns(window?: number): { tickers: string[]; returns: ReturnsMatrix } {
  const { tickers, closes } = universe12Closes();
  return { tickers, returns: lastRows(returnsFromCloses(closes, 0, closes[0].length), window) };
}

interface ExtraCase<V> {
  id: string;
  library: string;
  values: V;
}

const EXTRA = fileURLToPath(new URL('../golden/portfolio/extra-cases.json', import.meta.url));

/** A case of tests/golden/portfolio/extra-cases.json (made by tests/golden/portfolio/generate.py from outside libraries). */
export function extraCase<V>(id: string): ExtraCase<V> {
  const doc = JSON.parse(readFileSync(EXTRA, 'utf8')) as { cases: ExtraCase<unknown>[] };
  const found = doc.cases.find((c) => c.id === id);
  if (!found) throw new Error(`no case "${id}" in ${EXTRA}`);
  return found as ExtraCase<V>;
}

/** Largest |a − b| over two equally sized arrays. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

/** A {ticker: value} object as an array in `tickers` order. */
export const inOrder = (tickers: readonly string[], byName: Record<string, number>): Float64Array => Float64Array.from(tickers, (t) => byName[t]);
