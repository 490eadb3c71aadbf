import { readFileSync } from 'node:fs';
import { SmaCross, type BacktestOptionsInput, type Bars, type Strategy } from '../../../src/core/compat';
import type { CompatStats } from '../../../src/core/stats';
import { loadSharedBars } from './load-csv';
import { Probe } from './probe-strategy';
import { MS_PER_HOUR } from '../../../src/core/domain/time';

type Row = [string, number, number, number, number];

/**
 * One case of fixtures/backtesting-py-cases.json: backtesting.py's own output (see the file's `_about`) for other
 * datasets and frequencies, spread, margin, fixed + relative commission, trade-on-close, SL/TP, finalize, hedging,
 * every order type, an account wiped out, and the drawdown fallback quirk.
 */
export interface FixtureCase {
  name: string;
  data: string | null;
  rows?: number;
  retime?: { start: string; stepHours: number };
  inline?: Row[];
  strategy: 'sma' | 'probe';
  params: { fast?: number; slow?: number; sl?: number; tp?: number };
  options: BacktestOptionsInput;
  stats: Record<keyof CompatStats, string | number | null>;
  trades: Record<string, Record<string, number | null>>;
  equity: Record<string, number>;
}

export const fixtureCases: FixtureCase[] = (
  JSON.parse(readFileSync(new URL('./fixtures/backtesting-py-cases.json', import.meta.url), 'utf8')) as { cases: FixtureCase[] }
).cases;

/** The bars a case runs on: a shared dataset (maybe cut to `rows` and re-timed) or inline rows. */
export function fixtureBars(c: FixtureCase): Bars {
  let bars: Bars;
  if (c.inline) {
    const rows = c.inline;
    const col = (j: number): Float64Array => Float64Array.from(rows, (r) => r[j] as number);
    bars = {
      time: Float64Array.from(rows, (r) => Date.parse(`${r[0]}T00:00:00Z`)),
      open: col(1),
      high: col(2),
      low: col(3),
      close: col(4),
      volume: new Float64Array(rows.length),
    };
  } else {
    bars = loadSharedBars(c.data!);
  }
  if (c.rows) {
    const r = c.rows;
    bars = {
      time: bars.time.slice(0, r),
      open: bars.open.slice(0, r),
      high: bars.high.slice(0, r),
      low: bars.low.slice(0, r),
      close: bars.close.slice(0, r),
      volume: bars.volume.slice(0, r),
    };
  }
  if (c.retime) {
    const t0 = Date.parse(`${c.retime.start}T00:00:00Z`);
    for (let k = 0; k < bars.time.length; k++) bars.time[k] = t0 + k * c.retime.stepHours * MS_PER_HOUR;
  }
  return bars;
}

/** The TypeScript strategy a case runs. */
export function fixtureStrategy(c: FixtureCase): Strategy {
  const p = c.params;
  return c.strategy === 'sma' ? new SmaCross({ fast: p.fast!, slow: p.slow!, sl: p.sl, tp: p.tp }) : new Probe();
}
