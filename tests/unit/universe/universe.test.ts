/**
 * Weights, attribution and the equal-weight benchmark of a universe on ../shared/data/universe12.
 *
 * Golden numbers: printed by tests/unit/universe/universe-golden.py (plain Python 3, csv + float, written apart
 * from the TypeScript: it reads the CSVs itself and applies the documented definitions), run once on 2026-12-07.
 * Tolerance: relative 1e-12 (the same IEEE-754 operations, possibly in another order).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadOhlcvCsv } from '../../../src/core/csv/load-ohlcv-csv';
import type { OhlcvTable } from '../../../src/core/domain/ohlcv-table';
import { alignTables } from '../../../src/core/lab/align';
import { attribution } from '../../../src/core/universe/attribution';
import { equalWeightBuyAndHold } from '../../../src/core/universe/benchmark';
import { portfolioWeights } from '../../../src/core/universe/weights';
import { sharedDataPath } from '../../helpers/shared-data';

function bars(name: string): OhlcvTable {
  return loadOhlcvCsv(readFileSync(sharedDataPath(`universe12/${name}.csv`), 'utf8'), { source: `${name}.csv` }).table;
}

function from(table: OhlcvTable, start: number): OhlcvTable {
  return {
    timestamp: table.timestamp.slice(start),
    open: table.open.slice(start),
    high: table.high.slice(start),
    low: table.low.slice(start),
    close: table.close.slice(start),
    volume: table.volume.slice(start),
  };
}

function close(actual: number, expected: number): void {
  if (expected === 0) expect(actual).toBe(0);
  else expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(1e-12);
}

describe('equal-weight buy and hold of a universe', () => {
  // TEC4 starts 100 bars late: its quarter stays cash until it buys at the close of its first bar.
  const tl = alignTables([
    { name: 'TEC1', table: bars('TEC1') },
    { name: 'FIN2', table: bars('FIN2') },
    { name: 'NRG3', table: bars('NRG3') },
    { name: 'TEC4', table: from(bars('TEC4'), 100) },
  ]);
  const nav = equalWeightBuyAndHold(tl.close, 4, tl.time.length, 10_000);

  it('matches the independent computation at every pinned bar', () => {
    const golden: Record<number, number> = {
      0: 10000.0,
      1: 10080.213744588744,
      99: 12618.64448051948,
      100: 12324.583333333334,
      101: 12372.346459629664,
      750: 29085.96532610109,
      1499: 34650.612451540495,
    };
    expect(nav.length).toBe(1500);
    for (const [t, v] of Object.entries(golden)) close(nav[Number(t)], v);
  });

  it('refuses a universe without cash or instruments', () => {
    expect(() => equalWeightBuyAndHold(tl.close, 4, tl.time.length, 0)).toThrow(/cash must be > 0/);
    expect(() => equalWeightBuyAndHold(new Float64Array(0), 0, 0, 1)).toThrow(/at least one instrument/);
  });
});

describe('weights and attribution of a scripted book on TEC1, FIN1, NRG1', () => {
  const names = ['TEC1', 'FIN1', 'NRG1'];
  const tl = alignTables(names.map((name) => ({ name, table: bars(name) })));
  const T = tl.time.length;
  const K = 3;
  // bar, instrument, side, units, commission, slippage cost, spread cost; executed at the bar's open.
  const script = [
    [10, 0, 1, 20, 1.5, 0.25, 0.5],
    [50, 1, -1, 30, 2.0, 0.0, 0.75],
    [200, 0, -1, 10, 1.0, 0.1, 0.2],
    [300, 2, 1, 40, 0.5, 0.3, 0.0],
    [800, 1, 1, 30, 2.0, 0.2, 0.4],
  ] as const;
  const fills = {
    count: script.length,
    instrument: Int32Array.from(script, (f) => f[1]),
    side: Int32Array.from(script, (f) => f[2]),
    quantity: Float64Array.from(script, (f) => f[3]),
    price: Float64Array.from(script, (f) => tl.open[f[1] * T + f[0]]),
    commission: Float64Array.from(script, (f) => f[4]),
    slippage: Float64Array.from(script, (f) => f[5]),
    spread: Float64Array.from(script, (f) => f[6]),
  };
  // The book the fills make (test scaffolding, as the engine would record it).
  const positions = new Float64Array(K * T);
  const nav = new Float64Array(T);
  let cash = 10_000;
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < script.length; i++) {
      if (script[i][0] !== t) continue;
      cash -= fills.side[i] * fills.quantity[i] * fills.price[i] + fills.commission[i];
      for (let u = t; u < T; u++) positions[fills.instrument[i] * T + u] += fills.side[i] * fills.quantity[i];
    }
    nav[t] = cash;
    for (let k = 0; k < K; k++) nav[t] += positions[k * T + t] * tl.close[k * T + t];
  }

  it('weights are units × close / NAV, negative for the short, 0 when flat', () => {
    close(nav[10], 9976.7);
    close(nav[500], 13527.399999999998);
    close(nav[T - 1], 15215.3);
    const w = portfolioWeights({ instruments: K, positions, close: tl.close, nav });
    const golden: Record<string, number> = {
      '0,10': 0.2448505016688885,
      '0,100': 0.30685838494629525,
      '0,500': 0.28573118263672254,
      '0,1499': 0.3105558221001229,
      '1,10': 0.0,
      '1,100': -0.150064118305094,
      '1,500': -0.14237769268299896,
      '1,1499': 0.0,
      '2,10': 0.0,
      '2,100': 0.0,
      '2,500': 0.22177210698286445,
      '2,1499': 0.2639185556643642,
    };
    for (const [key, v] of Object.entries(golden)) {
      const [k, t] = key.split(',').map(Number);
      close(w[k * T + t], v);
    }
  });

  it('a book that NAV no longer covers has no weights (NaN)', () => {
    const broke = nav.slice();
    broke[20] = 0;
    expect(portfolioWeights({ instruments: K, positions, close: tl.close, nav: broke })[20]).toBeNaN();
  });

  it('attribution: P&L per instrument sums to the NAV change; turnover and costs per instrument', () => {
    const a = attribution({ instruments: K, positions, close: tl.close, nav, cash: 10_000, fills });
    const pnl = [4488.1, -376.29999999999995, 1103.4999999999995];
    pnl.forEach((v, k) => close(a.pnl[k], v));
    pnl.forEach((v, k) => close(a.contribution[k], v / 10_000));
    close(a.pnl[0] + a.pnl[1] + a.pnl[2], nav[T - 1] - 10_000);
    [0.3603310360445251, 0.29558873022431525, 0.2234780054844373].forEach((v, k) => close(a.turnover[k], v));
    [3.55, 5.35, 0.8].forEach((v, k) => close(a.costs[k], v));
    expect(Array.from(a.fills)).toEqual([2, 2, 1]);
  });
});
