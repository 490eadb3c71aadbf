import { readFileSync } from 'node:fs';
import type { BacktestOptionsInput, Bars } from '../../../src/core/backtest';
import { loadSharedBars } from '../backtest/load-csv';

// The backtesting.py cases of tests/unit/backtest/fixtures, loaded the way backtesting-py-cases.test.ts does.

type Row = [string, number, number, number, number];

export interface FixtureCase {
  name: string;
  data: string | null;
  rows?: number;
  retime?: { start: string; stepHours: number };
  inline?: Row[];
  strategy: 'sma' | 'probe';
  params: { fast?: number; slow?: number; sl?: number; tp?: number };
  options: BacktestOptionsInput;
  stats: Record<string, string | number | null>;
  trades: Record<string, Record<string, number | null>>;
  equity: Record<string, number>;
}

export const fixtureCases: FixtureCase[] = (
  JSON.parse(readFileSync(new URL('../backtest/fixtures/backtesting-py-cases.json', import.meta.url), 'utf8')) as { cases: FixtureCase[] }
).cases;

export function fixtureBars(c: FixtureCase): Bars {
  let bars: Bars;
  if (c.inline) {
    const rows = c.inline;
    const col = (j: number): Float64Array => Float64Array.from(rows.map((r) => r[j] as number));
    bars = {
      time: Float64Array.from(rows.map((r) => Date.parse(`${r[0]}T00:00:00Z`))),
      open: col(1), high: col(2), low: col(3), close: col(4), volume: new Float64Array(rows.length),
    };
  } else {
    bars = loadSharedBars(c.data!);
  }
  if (c.rows) {
    const r = c.rows;
    bars = {
      time: bars.time.slice(0, r), open: bars.open.slice(0, r), high: bars.high.slice(0, r),
      low: bars.low.slice(0, r), close: bars.close.slice(0, r), volume: bars.volume.slice(0, r),
    };
  }
  if (c.retime) {
    const t0 = Date.parse(`${c.retime.start}T00:00:00Z`);
    for (let k = 0; k < bars.time.length; k++) bars.time[k] = t0 + k * c.retime.stepHours * 3_600_000;
  }
  return bars;
}
