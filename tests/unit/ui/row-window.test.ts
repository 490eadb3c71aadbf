import { describe, expect, it } from 'vitest';
import { rowWindow, scrollToShow } from '../../../src/ui/row-window';

const fixed = (h: number) => () => h;

describe('rowWindow', () => {
  it('puts the rows of the viewport and the overscan in the DOM, and pads for the rest', () => {
    const w = rowWindow({ count: 5000, heightOf: fixed(30), scrollTop: 3000, viewport: 300, overscan: 90 });
    // Rows 100..109 are visible; three more on each side.
    expect(w).toEqual({ start: 97, end: 113, before: 97 * 30, after: (5000 - 113) * 30 });
    expect(w.before + (w.end - w.start) * 30 + w.after).toBe(5000 * 30);
  });

  it('at the top and at the very end of the list', () => {
    expect(rowWindow({ count: 5000, heightOf: fixed(30), scrollTop: 0, viewport: 300, overscan: 60 })).toEqual({
      start: 0,
      end: 12,
      before: 0,
      after: 4988 * 30,
    });
    const end = rowWindow({ count: 5000, heightOf: fixed(30), scrollTop: 5000 * 30 - 300, viewport: 300, overscan: 60 });
    expect(end).toEqual({ start: 4988, end: 5000, before: 4988 * 30, after: 0 });
  });

  it('handles rows of different heights, an empty list and a list shorter than the viewport', () => {
    const heights = [100, 20, 20, 300, 20];
    expect(rowWindow({ count: 5, heightOf: (i) => heights[i], scrollTop: 130, viewport: 100, overscan: 0 })).toEqual({
      start: 2,
      end: 4,
      before: 120,
      after: 20,
    });
    expect(rowWindow({ count: 0, heightOf: fixed(30), scrollTop: 0, viewport: 300, overscan: 60 })).toEqual({
      start: 0,
      end: 0,
      before: 0,
      after: 0,
    });
    expect(rowWindow({ count: 3, heightOf: fixed(30), scrollTop: 0, viewport: 300, overscan: 60 })).toEqual({
      start: 0,
      end: 3,
      before: 0,
      after: 0,
    });
  });
});

describe('scrollToShow', () => {
  it('scrolls the least that shows the whole row, and not at all when it is shown', () => {
    expect(scrollToShow(5, fixed(30), 0, 300)).toBeUndefined();
    expect(scrollToShow(10, fixed(30), 0, 300)).toBe(330 - 300);
    expect(scrollToShow(2, fixed(30), 200, 300)).toBe(60);
    expect(scrollToShow(4999, fixed(30), 0, 300)).toBe(5000 * 30 - 300);
  });
});
