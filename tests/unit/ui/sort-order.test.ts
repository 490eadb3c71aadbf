import { describe, expect, it } from 'vitest';
import { sortedIndices } from '../../../src/ui/results/sort-order';
import { rowWindow } from '../../../src/ui/results/row-window';

describe('sortedIndices', () => {
  const values = [3, null, -1, 3, Number.NaN, 10];

  it('sorts numbers either way, undefined values last in both', () => {
    expect(sortedIndices(values.length, (i) => values[i], 'desc')).toEqual([5, 0, 3, 2, 1, 4]);
    expect(sortedIndices(values.length, (i) => values[i], 'asc')).toEqual([2, 0, 3, 5, 1, 4]);
  });

  it('is stable on ties and sorts strings', () => {
    const names = ['Short', 'Long', 'Short', 'Long'];
    expect(sortedIndices(4, (i) => names[i], 'asc')).toEqual([1, 3, 0, 2]);
    expect(sortedIndices(4, (i) => names[i], 'desc')).toEqual([0, 2, 1, 3]);
  });
});

describe('rowWindow', () => {
  it('renders the rows in view plus the overscan, and pads the rest', () => {
    const w = rowWindow(10_000, 28, 28 * 500, 280, 5);
    expect(w.start).toBe(495);
    expect(w.end).toBe(500 + 11 + 5);
    expect(w.padTop).toBe(495 * 28);
    expect(w.padBottom).toBe((10_000 - w.end) * 28);
  });

  it('clamps at both ends', () => {
    expect(rowWindow(3, 28, 0, 500)).toEqual({ start: 0, end: 3, padTop: 0, padBottom: 0 });
    const end = rowWindow(100, 28, 1e9, 280, 4);
    expect(end.end).toBe(100);
    expect(end.start).toBeLessThanOrEqual(100);
    expect(rowWindow(0, 28, 0, 300)).toEqual({ start: 0, end: 0, padTop: 0, padBottom: 0 });
  });
});
