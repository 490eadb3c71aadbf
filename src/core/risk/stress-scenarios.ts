/**
 * The stress table of a portfolio run: each scenario becomes one shock vector (a simple return per instrument,
 * applied at once) and is priced on two books held at the last rebalance — the optimized weights and the raw
 * (pre-optimizer) ones — with value V (the run's final NAV): P&L = V·Σ w_i s_i, V·w_i·s_i per instrument (stress.ts).
 *
 *   shocks       the user's vector; instruments it does not name get 0
 *   worstWindow  the worst k-bar window of the optimized book over the whole timeline (daily-rebalanced portfolio
 *                returns, compounded, stress.ts `worstWindow`; bars where a held instrument has no close are left
 *                out), replayed as each instrument's compounded return over that window
 *   from … to    a named date range (ISO days, inclusive): each instrument's return from its close at the range's
 *                first bar to its close at the last (last known closes where it has no bar)
 */
import { shockPnl, worstWindow } from './stress';

export type StressScenario =
  { name: string; shocks: Readonly<Record<string, number>> } | { name: string; worstWindow: number } | { name: string; from: string; to: string };

export interface StressRow {
  scenario: string;
  kind: 'shocks' | 'worst-window' | 'range';
  /** Time of the bar before the window's first return, and of its last bar (null for a shock vector). */
  start: number | null;
  end: number | null;
  /** null: the whole book (shock NaN, weights summed). */
  instrument: string | null;
  shock: number;
  optimizedWeight: number;
  rawWeight: number;
  optimizedPnl: number;
  rawPnl: number;
}

export interface StressInput {
  instruments: readonly string[];
  time: Float64Array;
  close: Float64Array;
  optimized: Float64Array;
  raw: Float64Array;
  value: number;
  scenarios: readonly StressScenario[];
}

const DAY = 86_400_000;

function lastKnown(close: Float64Array, T: number, k: number, t: number): number {
  for (let u = t; u >= 0; u--) {
    const c = close[k * T + u];
    if (c === c) return c;
  }
  return NaN;
}

/** Bars [a, b] of the timeline whose days lie in [from, to]. */
function rangeBars(name: string, time: Float64Array, from: string, to: string): [number, number] {
  const lo = Date.parse(`${from}T00:00:00Z`);
  const hi = Date.parse(`${to}T00:00:00Z`) + DAY;
  let a = -1;
  let b = -1;
  for (let t = 0; t < time.length; t++) {
    if (time[t] < lo || time[t] >= hi) continue;
    if (a < 0) a = t;
    b = t;
  }
  if (a < 0 || b <= a)
    throw new RangeError(
      `stress scenario ${JSON.stringify(name)}: ${from} to ${to} holds ${a < 0 ? 'no bar' : 'one bar'} of the timeline (at least two are needed)`,
    );
  return [a, b];
}

function worstWindowShocks(name: string, input: StressInput, days: number): { shocks: Float64Array; start: number; end: number } {
  const { close, time, optimized } = input;
  const K = input.instruments.length;
  const T = time.length;
  const held = [...optimized.keys()].filter((k) => optimized[k] !== 0);
  const rowBar: number[] = [];
  const port: number[] = [];
  for (let t = 1; t < T; t++) {
    let r = 0;
    let ok = true;
    for (const k of held) {
      const a = close[k * T + t - 1];
      const b = close[k * T + t];
      if (!(a > 0 && b > 0)) {
        ok = false;
        break;
      }
      r += optimized[k] * (b / a - 1);
    }
    if (!ok) continue;
    rowBar.push(t);
    port.push(r);
  }
  if (port.length < days)
    throw new RangeError(`stress scenario ${JSON.stringify(name)}: a ${days}-bar window needs ${days} returns, the book has ${port.length}`);
  const w = worstWindow(Float64Array.from(port), days);
  const shocks = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    let g = 1;
    for (let u = w.start; u < w.end; u++) {
      const t = rowBar[u];
      const a = close[k * T + t - 1];
      const b = close[k * T + t];
      if (a > 0 && b > 0) g *= b / a;
    }
    shocks[k] = g - 1;
  }
  return { shocks, start: rowBar[w.start] - 1, end: rowBar[w.end - 1] };
}

export function stressTable(input: StressInput): StressRow[] {
  const { instruments, time, close, optimized, raw, value } = input;
  const K = instruments.length;
  const T = time.length;
  const rows: StressRow[] = [];
  for (const s of input.scenarios) {
    let shocks: Float64Array;
    let kind: StressRow['kind'];
    let start: number | null = null;
    let end: number | null = null;
    if ('shocks' in s) {
      kind = 'shocks';
      shocks = Float64Array.from(instruments, (n) => s.shocks[n] ?? 0);
    } else if ('worstWindow' in s) {
      kind = 'worst-window';
      const w = worstWindowShocks(s.name, input, s.worstWindow);
      shocks = w.shocks;
      start = time[w.start];
      end = time[w.end];
    } else {
      kind = 'range';
      const [a, b] = rangeBars(s.name, time, s.from, s.to);
      shocks = Float64Array.from(instruments, (_, k) => lastKnown(close, T, k, b) / lastKnown(close, T, k, a) - 1);
      start = time[a];
      end = time[b];
    }
    // An instrument without any close by then (NaN) is not priced: neither book can hold it.
    shocks = shocks.map((x) => (Number.isNaN(x) ? 0 : x));
    const o = shockPnl(optimized, shocks, value);
    const r = shockPnl(raw, shocks, value);
    let ow = 0;
    let rw = 0;
    for (let k = 0; k < K; k++) {
      ow += optimized[k];
      rw += raw[k];
    }
    rows.push({
      scenario: s.name,
      kind,
      start,
      end,
      instrument: null,
      shock: NaN,
      optimizedWeight: ow,
      rawWeight: rw,
      optimizedPnl: o.pnl,
      rawPnl: r.pnl,
    });
    for (let k = 0; k < K; k++) {
      if (optimized[k] === 0 && raw[k] === 0) continue;
      rows.push({
        scenario: s.name,
        kind,
        start,
        end,
        instrument: instruments[k],
        shock: shocks[k],
        optimizedWeight: optimized[k],
        rawWeight: raw[k],
        optimizedPnl: o.contribution[k],
        rawPnl: r.contribution[k],
      });
    }
  }
  return rows;
}
