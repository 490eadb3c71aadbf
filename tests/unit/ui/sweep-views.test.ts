import { describe, expect, it } from 'vitest';
import { heatmapGrid } from '../../../src/ui/results/heatmap-grid';
import { bestIndex, compareByGoal } from '../../../src/ui/results/best-by-goal';

describe('best by goal', () => {
  it('finds the best index, ignoring undefined values', () => {
    expect(bestIndex([1, null, 3, Number.NaN, 2], 'max')).toBe(2);
    expect(bestIndex([1, null, 3, 0.5], 'min')).toBe(3);
    expect(bestIndex([1, 2], null)).toBe(-1);
    expect(bestIndex([null], 'max')).toBe(-1);
    expect(compareByGoal(2, 1, 'min')).toBe(-1);
    expect(compareByGoal(2, 1, 'max')).toBe(1);
    expect(compareByGoal(null, 1, 'max')).toBe(0);
  });
});

describe('heatmapGrid', () => {
  const rows = [
    { fast: 5, slow: 20, other: 1, v: 0.5 },
    { fast: 5, slow: 20, other: 2, v: 0.9 },
    { fast: 10, slow: 20, other: 1, v: -0.2 },
    { fast: 5, slow: 40, other: 1, v: null },
    { fast: 10, slow: 40, other: 1, v: 1.4 },
    { fast: 20, slow: 40, other: 1, v: 0.1 },
  ];

  it('lays the values out over two parameters, best of combinations sharing a cell', () => {
    const g = heatmapGrid(
      rows,
      (r) => r.fast,
      (r) => r.slow,
      (r) => r.v,
      'max',
    );
    expect(g.xs).toEqual([5, 10, 20]);
    expect(g.ys).toEqual([20, 40]);
    expect(g.cells[0][0]).toEqual({ value: 0.9, row: 1, members: 2 });
    expect(g.cells[0][2]).toBeNull();
    expect(g.cells[1][0]).toBeNull();
    expect(g.best).toEqual({ i: 1, j: 1 });
    expect(g.combined).toBe(true);
  });

  it('lower is better: keeps and marks the smallest', () => {
    const g = heatmapGrid(
      rows,
      (r) => r.fast,
      (r) => r.slow,
      (r) => r.v,
      'min',
    );
    expect(g.cells[0][0]?.value).toBe(0.5);
    expect(g.best).toEqual({ i: 1, j: 0 });
  });
});
