import { readFileSync } from 'node:fs';

/** Buy-and-hold equity of the shared GOOG daily data: 10,000 invested at the first close, no costs. */
export interface GoogCurve {
  /** ISO dates as in the file, e.g. 2004-08-19. */
  dates: string[];
  time: Float64Array;
  close: Float64Array;
  equity: Float64Array;
}

export function loadGoogBuyAndHold(): GoogCurve {
  const text = readFileSync(new URL('../../../../shared/data/GOOG.csv', import.meta.url), 'utf8');
  const rows = text
    .split(/\r?\n/)
    .filter((l) => l.length > 0)
    .slice(1);
  const dates: string[] = [];
  const time = new Float64Array(rows.length);
  const close = new Float64Array(rows.length);
  rows.forEach((row, k) => {
    const cells = row.split(',');
    if (cells.length !== 6 || cells[0].length !== 10) throw new Error(`GOOG.csv row ${k + 1}: unexpected '${row}'`);
    dates.push(cells[0]);
    time[k] = Date.parse(`${cells[0]}T00:00:00Z`);
    close[k] = Number(cells[4]);
  });
  const equity = close.map((c) => (10_000 * c) / close[0]);
  return { dates, time, close, equity };
}
