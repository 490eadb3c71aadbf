import { describe, it, expect, beforeAll } from 'vitest';
import fc from 'fast-check';
import { computeStats, COMPAT_STATS_KEYS, type StatsInput, type StatsTrade } from '../../../src/core/stats';
import { annualization, binKey, type ResampleRule } from '../../../src/core/stats/calendar';
import { runBacktest, SmaCross } from '../../../src/core/compat';
import { StatsEngine, type StatsExports } from '../../../src/engine/stats-engine';
import { loadSharedBars } from '../compat/load-csv';
import { loadEngineInstance, statsMismatches } from './harness';
import { timestamps } from './random-market';
import { MS_PER_DAY } from '../../../src/core/domain/time';

const MONDAY = Date.UTC(2024, 0, 1);

function days(n: number, step = MS_PER_DAY, from = MONDAY): Float64Array {
  return Float64Array.from({ length: n }, (_, k) => from + k * step);
}

function trade(time: Float64Array, entryBar: number, exitBar: number, pnl: number, returnPct: number, commissions = 0): StatsTrade {
  return { entryBar, exitBar, pnl, returnPct, commissions, entryTime: time[entryBar] ?? NaN, exitTime: time[exitBar] ?? NaN };
}

let engine: StatsEngine;
/** The raw exports of the same instance, for the ABI tests. */
let x: StatsExports;
beforeAll(async () => {
  const instance = await loadEngineInstance();
  engine = StatsEngine.fromInstance(instance);
  x = instance.exports as unknown as StatsExports;
});

/** WASM and TypeScript agree: same key order, same nulls, 1e-12 (exact keys exactly). */
function expectSame(input: StatsInput): void {
  const wasm = engine.computeStats(input);
  const ts = computeStats(input);
  expect(Object.keys(wasm)).toEqual(Object.keys(ts));
  expect(statsMismatches(wasm, ts, 1e-12)).toEqual([]);
}

describe('WASM statistics on hand-made and degenerate inputs', () => {
  const equity = Float64Array.from([100, 110, 99, 105, 110, 120, 90, 95]);
  const time = days(8);

  it('a hand-made series with two trades (365-day year, whole-day durations)', () => {
    const trades = [trade(time, 0, 2, 50, 0.1, 1), trade(time, 4, 5, -20, -0.04, 2)];
    expectSame({ equity, time, close: equity, trades, firstTradingBar: 2 });
    expect(engine.computeStats({ equity, time, close: equity, trades, firstTradingBar: 2 }).exposure_time_pct).toBe(62.5);
  });

  it('no trades and a flat account: the trade statistics are null', () => {
    const n = 10;
    const input = {
      equity: new Float64Array(n).fill(10_000),
      time: days(n),
      close: Float64Array.from({ length: n }, (_, k) => 100 + k),
      trades: [],
      firstTradingBar: 0,
    };
    expectSame(input);
    const s = engine.computeStats(input);
    for (const key of ['win_rate_pct', 'best_trade_pct', 'avg_trade_pct', 'profit_factor', 'sqn', 'kelly_criterion'] as const) {
      expect(s[key]).toBeNull();
    }
    expect(s.trades).toBe(0);
  });

  it('one bar and two bars (no data period, no beta)', () => {
    expectSame({ equity: Float64Array.of(100), time: Float64Array.of(MONDAY), close: Float64Array.of(5), trades: [], firstTradingBar: 0 });
    expectSame({ equity: Float64Array.of(100, 90), time: days(2), close: Float64Array.of(5, 6), trades: [], firstTradingBar: 1 });
  });

  it('the raw drawdown fallback (no episode longer than one bar)', () => {
    const eq = Float64Array.from([100, 101, 102, 90]);
    expectSame({ equity: eq, time: days(4), close: eq, trades: [], firstTradingBar: 0 });
  });

  it('NaN equity values propagate as in the TypeScript module', () => {
    const eq = Float64Array.from([100, 101, NaN, 97, 104, NaN, 99, 103, 108, 101]);
    const t = days(10);
    expectSame({ equity: eq, time: t, close: days(10, 1, 50), trades: [trade(t, 1, 4, 3, 0.03)], firstTradingBar: 0 });
    const first = Float64Array.from([NaN, 100, 105, 95, 110]);
    expectSame({ equity: first, time: days(5), close: days(5, 1, 10), trades: [], firstTradingBar: 0 });
  });

  it('trades whose bars lie outside the data or are not integers mark only the bars the TypeScript module marks', () => {
    const t = days(8);
    const odd: StatsTrade[] = [
      { entryBar: -3, exitBar: 1, pnl: 1, returnPct: 0.01, commissions: 0, entryTime: t[0] - 3 * MS_PER_DAY, exitTime: t[1] },
      { entryBar: 6, exitBar: 12, pnl: -1, returnPct: -0.01, commissions: 0, entryTime: t[6], exitTime: t[7] + 5 * MS_PER_DAY },
      { entryBar: 2.5, exitBar: 4, pnl: 2, returnPct: 0.02, commissions: 0, entryTime: t[2], exitTime: t[4] },
      { entryBar: 3, exitBar: 4.5, pnl: 2, returnPct: 0.02, commissions: 0, entryTime: t[3], exitTime: t[4] },
      { entryBar: NaN, exitBar: 4, pnl: 2, returnPct: NaN, commissions: 0, entryTime: t[3], exitTime: t[4] },
    ];
    expectSame({ equity, time: t, close: equity, trades: odd, firstTradingBar: 0 });
  });

  it('a risk-free rate', () => {
    const bars = loadSharedBars('GOOG.csv');
    const eq = Float64Array.from(bars.close, (c, k) => 10_000 + 20 * c - 3 * k);
    expectSame({ equity: eq, time: bars.time, close: bars.close, trades: [], firstTradingBar: 5, riskFreeRate: 0.03 });
    expectSame({ equity: eq, time: bars.time, close: bars.close, trades: [], firstTradingBar: 5, riskFreeRate: -0.01 });
  });

  it('a constant growth rate: volatility is rounding noise in both, the one place they may not agree at all', () => {
    // With every period return (numerically) equal, the variance is ~0 and backtesting.py's volatility
    // sqrt((var + (1+g)²)^N - (1+g)^(2N)) is the difference of two powers that are equal but for rounding: 0, a
    // noise-level number or (square root of a negative) NaN, decided by the last bit of pow/exp. Measured over
    // 5,000 such curves: 9 % differ in volatility, 0.1 % as null against 0. Everything else still agrees.
    const t = days(200);
    const curve = (rate: number): Float64Array => {
      const eq = new Float64Array(t.length);
      eq[0] = 100;
      for (let k = 1; k < eq.length; k++) eq[k] = eq[k - 1] * rate;
      return eq;
    };
    const eq = curve(0.99603097143631);
    const input = { equity: eq, time: t, close: eq, trades: [], firstTradingBar: 0 };
    const wasm = engine.computeStats(input);
    const ts = computeStats(input);
    expect(ts.volatility_ann_pct).toBeNull();
    expect(wasm.volatility_ann_pct).toBe(0);
    const others = statsMismatches(wasm, ts, 1e-12).filter((m) => !m.startsWith('volatility_ann_pct'));
    expect(others).toEqual([]);
    for (const rate of [1.001, 0.999, 1.0001, 1.002, 0.9960201969700959, 0.9988405272429066]) {
      const e = curve(rate);
      const a = engine.computeStats({ ...input, equity: e, close: e });
      const b = computeStats({ ...input, equity: e, close: e });
      for (const v of [a.volatility_ann_pct, b.volatility_ann_pct]) expect(v === null || Math.abs(v) < 1e-4).toBe(true);
      expect(statsMismatches(a, b, 1e-12).filter((m) => !/^(volatility_ann_pct|sharpe_ratio):/.test(m))).toEqual([]);
    }
  });

  it('rejects what computeStats rejects, with the same message, and non-finite timestamps', () => {
    const ok: StatsInput = { equity, time, close: equity, trades: [], firstTradingBar: 0 };
    const bad: StatsInput[] = [
      { ...ok, equity: new Float64Array(0), time: new Float64Array(0), close: new Float64Array(0) },
      { ...ok, close: equity.slice(1) },
      { ...ok, riskFreeRate: 1 },
      { ...ok, firstTradingBar: 8 },
      { ...ok, firstTradingBar: 1.5 },
    ];
    for (const input of bad) {
      let message = '';
      try {
        computeStats(input);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).not.toBe('');
      expect(() => engine.computeStats(input)).toThrow(new RangeError(message));
    }
    const t = time.slice();
    t[3] = NaN;
    expect(() => engine.computeStats({ ...ok, time: t })).toThrow(/row 3: time must be finite/);
  });
});

describe('WASM calendar rules', () => {
  const RULES: ResampleRule[] = ['day', 'week', 'month', 'year'];

  it('bin keys equal the TypeScript ones (Date-based for months and years), across the whole Date range', () => {
    const edges = [
      0,
      -1,
      -0.5,
      0.5,
      -MS_PER_DAY,
      -MS_PER_DAY + 0.25,
      8.64e15,
      -8.64e15,
      8.64e15 + 1,
      -8.64e15 - 1,
      8.64e15 + 0.5,
      Date.UTC(2000, 1, 29),
      Date.UTC(1900, 2, 1) - 1,
      Date.UTC(2100, 2, 1),
      Date.UTC(1600, 0, 1) - 1,
      Date.UTC(-1, 11, 31, 23),
      Date.UTC(-271821, 3, 20),
      NaN,
      Infinity,
      -Infinity,
    ];
    for (const ms of edges) for (const rule of RULES) expect(engine.binKey(ms, rule), `${ms} ${rule}`).toBe(binKey(ms, rule));
    fc.assert(
      fc.property(fc.double({ min: -8.7e15, max: 8.7e15, noNaN: true }), fc.constantFrom(...RULES), (ms, rule) => {
        expect(engine.binKey(ms, rule)).toBe(binKey(ms, rule));
      }),
      { seed: 7, numRuns: 5000 },
    );
  });

  it('annualisation equals the TypeScript one', () => {
    const cases = [
      loadSharedBars('GOOG.csv').time,
      loadSharedBars('BTCUSD.csv').time,
      loadSharedBars('EURUSD.csv').time,
      days(30),
      days(30, 7 * MS_PER_DAY),
      days(1),
      new Float64Array(0),
      timestamps(50, -3000, 'monthly'),
      timestamps(50, -3000, 'yearly'),
      timestamps(200, 10, 'weekdays'),
    ];
    for (const t of cases) expect(engine.annualization(t)).toEqual(annualization(t));
  });
});

describe('WASM statistics ABI', () => {
  it('publishes one slot per metrics.md key and the facade maps them by name', () => {
    const bars = loadSharedBars('GOOG.csv');
    const input = { equity: bars.close, time: bars.time, close: bars.close, trades: [], firstTradingBar: 0 };
    const v = engine.computeVector(input);
    expect(v).toHaveLength(COMPAT_STATS_KEYS.length);
    expect(v[COMPAT_STATS_KEYS.indexOf('start')]).toBe(bars.time[0]);
    expect(v[COMPAT_STATS_KEYS.indexOf('end')]).toBe(bars.time[bars.time.length - 1]);
    expect(v[COMPAT_STATS_KEYS.indexOf('equity_final')]).toBe(bars.close[bars.close.length - 1]);
  });

  it('computes from trade columns in place, taking trade times from the bars when no time columns are given', () => {
    const bars = loadSharedBars('GOOG.csv');
    const r = runBacktest(bars, new SmaCross({ fast: 10, slow: 20 }), { commission: 0.002, exclusiveOrders: true });
    const input = { equity: r.equity, time: bars.time, close: bars.close, trades: r.trades, firstTradingBar: r.firstTradingBar };
    const n = bars.close.length;
    const nt = r.trades.length;
    const fields = ['entryBar', 'exitBar', 'pnl', 'returnPct', 'commissions'] as const;
    const total = 3 * n + fields.length * nt + COMPAT_STATS_KEYS.length;
    const base = x.scratch(total * 8) >>> 0;
    const mem = new Float64Array(x.memory.buffer, base, total);
    mem.set(r.equity, 0);
    mem.set(bars.time, n);
    mem.set(bars.close, 2 * n);
    fields.forEach((f, c) =>
      mem.set(
        r.trades.map((t) => t[f]),
        3 * n + c * nt,
      ),
    );
    const col = (c: number): number => base + 8 * (3 * n + c * nt);
    const out = base + 8 * (3 * n + fields.length * nt);
    expect(
      x.statsComputeColumns(base, base + 8 * n, base + 16 * n, n, r.firstTradingBar, 0, nt, col(0), col(1), col(2), col(3), col(4), 0, 0, out),
    ).toBe(0);
    const slots = Array.from(new Float64Array(x.memory.buffer, out, COMPAT_STATS_KEYS.length));
    // The facade's vector is in COMPAT_STATS_KEYS order, which is also the module's slot order (layout.ts).
    expect(slots).toEqual(Array.from(engine.computeVector(input)));
  });

  it('refuses a module whose slot names differ from the keys', () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const text = COMPAT_STATS_KEYS.map((k) => (k === 'sqn' ? 'sqn2' : k)).join(',');
    const units = new Uint16Array(memory.buffer, 0, text.length);
    for (let k = 0; k < text.length; k++) units[k] = text.charCodeAt(k);
    const fake = {
      memory,
      statsSlots: () => COMPAT_STATS_KEYS.length,
      statsKeyNames: () => 0,
      statsKeyNamesLength: () => text.length,
    } as unknown as StatsExports;
    expect(() => new StatsEngine(fake)).toThrow(/no slot for sqn/);
  });

  it('reuses its memory across a sweep: thousands of tables, no growth after the largest', () => {
    const bars = loadSharedBars('GOOG.csv');
    const input = { equity: bars.close, time: bars.time, close: bars.close, trades: [], firstTradingBar: 0 };
    const first = engine.computeVector(input);
    const size = x.memory.buffer.byteLength;
    for (let k = 0; k < 2000; k++) engine.computeVector(input);
    expect(x.memory.buffer.byteLength).toBe(size);
    expect(Array.from(engine.computeVector(input))).toEqual(Array.from(first));
  });
});
