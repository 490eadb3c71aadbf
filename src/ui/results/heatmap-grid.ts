/**
 * A sweep laid out over two of its parameters. When the sweep varies other parameters too, several combinations
 * share a cell; the cell shows the best of them (by the metric's goal, or the largest when it has
 * none), so the map answers "how good can it get at these two values".
 */
import type { MetricGoal } from '../../core/sweeps';
import { compareByGoal } from './best-by-goal';

export interface HeatmapCell {
  value: number;
  /** Index of the combination shown. */
  row: number;
  /** Combinations that fall in the cell. */
  members: number;
}

export interface HeatmapGrid {
  /** Distinct values of the x and y parameters, ascending. */
  xs: number[];
  ys: number[];
  /** cells[j][i] for ys[j], xs[i]; null where no combination has a defined value. */
  cells: (HeatmapCell | null)[][];
  best: { i: number; j: number } | null;
  /** Whether any cell holds more than one combination. */
  combined: boolean;
}

function distinctSorted(values: number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

export function heatmapGrid<R>(
  rows: readonly R[],
  xOf: (row: R) => number,
  yOf: (row: R) => number,
  valueOf: (row: R) => number | null,
  goal: MetricGoal,
): HeatmapGrid {
  const xs = distinctSorted(rows.map(xOf));
  const ys = distinctSorted(rows.map(yOf));
  const xIndex = new Map(xs.map((x, i) => [x, i]));
  const yIndex = new Map(ys.map((y, j) => [y, j]));
  const cells: (HeatmapCell | null)[][] = ys.map(() => xs.map(() => null));
  // The same direction rule as the result views; a metric without a goal shows the largest (see above).
  const better = (a: number, b: number): boolean => compareByGoal(a, b, goal ?? 'max') > 0;
  let combined = false;

  rows.forEach((row, r) => {
    const i = xIndex.get(xOf(row))!;
    const j = yIndex.get(yOf(row))!;
    const v = valueOf(row);
    const cell = cells[j][i];
    if (cell) {
      cell.members++;
      combined = true;
    }
    if (v === null || !Number.isFinite(v)) return;
    if (!cell) cells[j][i] = { value: v, row: r, members: 1 };
    else if (better(v, cell.value) || Number.isNaN(cell.value)) {
      cell.value = v;
      cell.row = r;
    }
  });

  let best: { i: number; j: number } | null = null;
  for (let j = 0; j < ys.length; j++) {
    for (let i = 0; i < xs.length; i++) {
      const c = cells[j][i];
      if (c && (best === null || better(c.value, cells[best.j][best.i]!.value))) best = { i, j };
    }
  }
  return { xs, ys, cells, best, combined };
}
