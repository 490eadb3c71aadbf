import { describe, expect, it } from 'vitest';
import { alignOnTime, buyHoldEquity, rebaseTo100, underwaterPct } from '../../../src/ui/results/equity-curves';
import { monthlyGrid } from '../../../src/ui/results/monthly-grid';

describe('equity curves', () => {
  it('underwater: percent below the running peak', () => {
    const dd = Array.from(underwaterPct([100, 110, 99, 121, 121]));
    expect(dd.map((x) => +x.toFixed(9))).toEqual([0, 0, -10, 0, 0]);
  });

  it('rebases to 100 at the first finite value', () => {
    expect(Array.from(rebaseTo100([Number.NaN, 50, 75]))).toEqual([Number.NaN, 100, 150]);
  });

  it('buy & hold from a bar, flat before it', () => {
    expect(Array.from(buyHoldEquity([10, 20, 40, 30], 1000, 1))).toEqual([1000, 1000, 2000, 1500]);
  });

  it('aligns series on the union of their timestamps', () => {
    const a = alignOnTime([
      { time: [1, 2, 4], values: [10, 11, 12] },
      { time: [2, 3], values: [20, 21] },
    ]);
    expect(Array.from(a.time)).toEqual([1, 2, 3, 4]);
    expect(a.values).toEqual([
      [10, 11, null, 12],
      [null, 20, 21, null],
    ]);
  });
});

describe('monthlyGrid', () => {
  it('lays months out by year with compounded year totals and gaps as null', () => {
    const g = monthlyGrid([
      { year: 2020, month: 11, return_pct: 10 },
      { year: 2020, month: 12, return_pct: -10 },
      { year: 2021, month: 1, return_pct: 5 },
    ]);
    expect(g.years).toEqual([2020, 2021]);
    expect(g.cells[0].slice(9)).toEqual([null, 10, -10]);
    expect(g.cells[1][0]).toBe(5);
    expect(g.totals[0]).toBeCloseTo(-1, 12);
    expect(g.totals[1]).toBeCloseTo(5, 12);
  });
});
