import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadOhlcvCsv } from '../../../src/core/csv/load-ohlcv-csv';
import type { OhlcvTable } from '../../../src/core/domain/ohlcv-table';
import { Reason, alignTables, runLab, type LabResult, type LabTimeline, type Strategy } from '../../../src/core/lab';
import { sameBytes } from './lab-fixtures';

/** Real data from ../shared/data (read in place, never copied into the repo). */
function shared(name: string): OhlcvTable {
  const text = readFileSync(new URL(`../../../../shared/data/${name}`, import.meta.url), 'utf8');
  return loadOhlcvCsv(text, { source: name }).table;
}

const goog = shared('GOOG.csv');
const btc = shared('BTCUSD.csv');
const tl = alignTables([
  { name: 'GOOG', table: goog },
  { name: 'BTCUSD', table: btc },
]);
const T = tl.time.length;
const G = 0;
const B = 1;

function conservation(timeline: LabTimeline, r: LabResult): void {
  const K = timeline.instruments.length;
  const mark = new Float64Array(K).fill(NaN);
  for (let t = 0; t < T; t++) {
    for (let k = 0; k < K; k++) {
      const c = timeline.close[k * T + t];
      if (c === c) mark[k] = c;
    }
    let v = r.cash[t];
    for (let k = 0; k < K; k++) {
      const q = r.positions[k * T + t];
      if (q !== 0) v += q * mark[k];
    }
    expect(r.nav[t]).toBe(v);
  }
}

/** 20/50 SMA crossover on GOOG, 90 % of NAV per entry, 8 % stop-loss and a 15 % trailing exit. */
function smaCross(): Strategy {
  const fast = 20,
    slow = 50;
  const closes: number[] = [];
  let prev = NaN;
  return {
    onBar(ctx) {
      if (!ctx.data.has(G)) return;
      closes.push(ctx.data.close(G));
      if (closes.length < slow) return;
      let f = 0,
        s = 0;
      for (let i = closes.length - slow; i < closes.length; i++) {
        s += closes[i];
        if (i >= closes.length - fast) f += closes[i];
      }
      const diff = f / fast - s / slow;
      if (prev <= 0 && diff > 0 && ctx.position(G) === 0) {
        ctx.submit({ instrument: 'GOOG', side: 'buy', weight: 0.9, exits: { stopLossFraction: 0.08, trailFraction: 0.15 } });
      } else if (prev >= 0 && diff < 0 && ctx.position(G) > 0) {
        ctx.closePosition(G);
      }
      prev = diff;
    },
  };
}

describe('lab engine on real data (GOOG daily + BTCUSD monthly)', () => {
  it('aligns both series on one union timeline with NaN where a series has no bar', () => {
    const union = new Set<number>([...goog.timestamp, ...btc.timestamp]);
    expect(T).toBe(union.size);
    expect(tl.time[0]).toBe(Date.UTC(2004, 7, 19));
    expect(tl.time[T - 1]).toBe(Date.UTC(2024, 11, 31));
    expect(tl.open[G * T + 0]).toBe(100);
    expect(Number.isNaN(tl.open[B * T + 0])).toBe(true);
    expect(Number.isNaN(tl.open[G * T + T - 1])).toBe(true);
    expect(tl.close[B * T + T - 1]).toBe(93381);
  });

  it('a scheduled alert fills at the next GOOG open and leaves by its time stop', () => {
    // 2004-08-19 12:00 UTC: after the first bar's open, so the entry waits for 2004-08-20 (open 101.01).
    const r = runLab(
      tl,
      { commission: { relative: 0.001 } },
      {
        scheduled: [{ timestamp: Date.UTC(2004, 7, 19, 12), instrument: 'GOOG', side: 'buy', quantity: 20, exits: { timeStopBars: 5 } }],
      },
    );
    expect(r.fills.count).toBe(2);
    expect(tl.time[r.fills.bar[0]]).toBe(Date.UTC(2004, 7, 20));
    expect(r.fills.price[0]).toBe(101.01);
    expect(r.fills.commission[0]).toBe(0.001 * 20 * 101.01);
    // Held 2004-08-20, 23, 24, 25, 26: out at the open of 2004-08-27.
    expect(tl.time[r.fills.bar[1]]).toBe(Date.UTC(2004, 7, 27));
    expect(r.fills.price[1]).toBe(tl.open[G * T + r.fills.bar[1]]);
    expect(r.trades.exitReason[0]).toBe(Reason.TimeStop);
    conservation(tl, r);
  });

  it('an SMA-cross strategy with brackets and costs: invariants, determinism and pinned results', () => {
    const config = {
      cash: 100_000,
      commission: { fixed: 1, relative: 0.0005 },
      spread: 0.0004,
      slippage: { model: 'volatility' as const, volMultiplier: 0.1, window: 20 },
      closeAtEnd: true,
    };
    const r = runLab(tl, config, { strategy: smaCross() });
    const again = runLab(tl, config, { strategy: smaCross() });
    expect(sameBytes(r.nav, again.nav)).toBe(true);
    expect(sameBytes(r.fills.price, again.fills.price)).toBe(true);
    conservation(tl, r);
    // GOOG fills only on GOOG bars (the end-of-data close uses its last close, 2013-03-01); never BTC.
    for (let i = 0; i < r.fills.count; i++) {
      expect(r.fills.instrument[i]).toBe(G);
      if (r.fills.reason[i] === Reason.EndOfData) {
        expect(r.fills.bar[i]).toBe(T - 1);
        expect(r.fills.price[i]).toBeLessThanOrEqual(806.19 * (1 - 0.0002));
        expect(r.fills.price[i]).toBeGreaterThan(806.19 * 0.98);
      } else expect(Number.isNaN(tl.open[G * T + r.fills.bar[i]])).toBe(false);
    }
    const reasons = new Set(Array.from(r.trades.exitReason));
    expect(reasons.has(Reason.Order)).toBe(true);
    expect(reasons.has(Reason.TrailingStop) || reasons.has(Reason.StopLoss)).toBe(true);
    // Pinned regression values (rules version 1): update only with a documented rule change.
    expect(r.trades.count).toBe(PINNED.trades);
    expect(Array.from(r.trades.exitReason).join(',')).toBe(PINNED.exitReasons);
    expect(Math.abs(r.nav[T - 1] / PINNED.finalNav - 1)).toBeLessThan(1e-12);
  });

  it('a monthly 50/40 GOOG/BTC rebalance: BTC trades only at its month-end bars, GOOG orders wait for GOOG bars', () => {
    const start = Date.UTC(2012, 0, 1),
      end = Date.UTC(2013, 2, 1);
    const rebalances = Array.from(btc.timestamp)
      .filter((ts) => ts >= start && ts < end)
      .map((timestamp) => ({ timestamp, weights: { GOOG: 0.5, BTCUSD: 0.4 } }));
    const r = runLab(tl, { cash: 100_000, lotSize: [1, 0.0001], commission: { relative: 0.001 } }, { rebalances });
    conservation(tl, r);
    expect(r.fills.count).toBeGreaterThan(rebalances.length);
    for (let i = 0; i < r.fills.count; i++) {
      const k = r.fills.instrument[i];
      expect(Number.isNaN(tl.open[k * T + r.fills.bar[i]])).toBe(false);
    }
    // The first rebalance (2012-01-31, a GOOG trading day) buys floor(0.5 × 100 000 / close) GOOG units.
    const t0 = Array.from(tl.time).indexOf(Date.UTC(2012, 0, 31));
    expect(r.orders.instrument[0]).toBe(G);
    expect(r.orders.quantity[0]).toBe(Math.floor((0.5 * 100_000) / tl.close[G * T + t0]));
    expect(r.orders.submittedBar[0]).toBe(t0);
  });
});

/** Regression pins of the SMA-cross run (rtol 1e-12 on NAV, as the backtesting.py profile pins its stats). */
const PINNED = {
  trades: 20,
  exitReasons: '0,3,1,1,0,0,0,3,1,1,3,1,1,0,0,1,3,0,0,5',
  finalNav: 234049.03250102146,
};
