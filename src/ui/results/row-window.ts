/** Which rows of a long table to render: the ones in the scrolled viewport plus a margin, and the space around them. */

export interface RowWindow {
  /** First rendered row and one past the last. */
  start: number;
  end: number;
  /** Heights of the empty space standing in for the rows above and below. */
  padTop: number;
  padBottom: number;
}

export function rowWindow(rowCount: number, rowHeight: number, scrollTop: number, viewportHeight: number, overscan = 8): RowWindow {
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const visible = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = Math.max(0, Math.min(rowCount, first - overscan));
  const end = Math.max(start, Math.min(rowCount, first + visible + overscan));
  return { start, end, padTop: start * rowHeight, padBottom: (rowCount - end) * rowHeight };
}
