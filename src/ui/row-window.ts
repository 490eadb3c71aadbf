/**
 * Which rows of a long list belong in the DOM: the ones in a scrolled viewport plus a margin on both sides. Rows
 * may differ in height (measured ones are known, the others estimated); the space of the rows left out is kept as
 * padding before and after, so the scroll bar and the scroll position mean the same as with every row present.
 */
export interface RowWindow {
  /** First row in the DOM. */
  start: number;
  /** One past the last row in the DOM. */
  end: number;
  /** Height of the rows before `start`, and after `end - 1` (px). */
  before: number;
  after: number;
}

export interface RowWindowInput {
  count: number;
  heightOf: (index: number) => number;
  /** The scroll position, measured from the first row (px). */
  scrollTop: number;
  /** Height of the visible part of the scroll box (px). */
  viewport: number;
  /** Rows kept beyond each edge of the viewport, in px. */
  overscan: number;
}

export function rowWindow({ count, heightOf, scrollTop, viewport, overscan }: RowWindowInput): RowWindow {
  const from = Math.max(0, scrollTop - overscan);
  const to = Math.max(from, scrollTop + viewport + overscan);
  let y = 0;
  let start = 0;
  while (start < count && y + heightOf(start) <= from) y += heightOf(start++);
  const before = y;
  let end = start;
  while (end < count && y < to) y += heightOf(end++);
  let after = 0;
  for (let i = end; i < count; i++) after += heightOf(i);
  return { start, end, before, after };
}

/** The scroll position that brings row `index` fully into view with the least movement, or undefined if it is. */
export function scrollToShow(index: number, heightOf: (i: number) => number, scrollTop: number, viewport: number): number | undefined {
  let top = 0;
  for (let i = 0; i < index; i++) top += heightOf(i);
  const bottom = top + heightOf(index);
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewport) return bottom - viewport;
  return undefined;
}
