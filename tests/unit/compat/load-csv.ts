import { readFileSync } from 'node:fs';
import type { Bars } from '../../../src/core/compat';

/** `n` bars, every column zero. */
export function zeroBars(n: number): Bars {
  const column = () => new Float64Array(n);
  return { time: column(), open: column(), high: column(), low: column(), close: column(), volume: column() };
}

/** Parse one of the shared OHLCV CSVs (unnamed timestamp column, then Open,High,Low,Close,Volume) as UTC bars. */
export function loadSharedBars(name: string): Bars {
  const text = readFileSync(new URL(`../../../../shared/data/${name}`, import.meta.url), 'utf8');
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const header = lines[0].split(',');
  const expected = ['', 'Open', 'High', 'Low', 'Close', 'Volume'];
  if (header.join(',') !== expected.join(',')) throw new Error(`${name}: unexpected header ${lines[0]}`);
  const n = lines.length - 1;
  const bars = zeroBars(n);
  for (let r = 0; r < n; r++) {
    const cells = lines[r + 1].split(',');
    const stamp = cells[0].length === 10 ? `${cells[0]}T00:00:00Z` : `${cells[0].replace(' ', 'T')}Z`;
    const t = Date.parse(stamp);
    if (Number.isNaN(t)) throw new Error(`${name} row ${r + 1}: bad timestamp ${cells[0]}`);
    bars.time[r] = t;
    bars.open[r] = Number(cells[1]);
    bars.high[r] = Number(cells[2]);
    bars.low[r] = Number(cells[3]);
    bars.close[r] = Number(cells[4]);
    bars.volume[r] = Number(cells[5]);
  }
  return bars;
}
