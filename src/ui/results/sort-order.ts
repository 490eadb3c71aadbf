/** Sorting of table rows by one column: stable, numbers and strings, undefined values last in either direction. */

export type SortDirection = 'asc' | 'desc';
export type SortValue = number | string | null | undefined;

/** A column of a sortable table (sortable-table.svelte). */
export interface SortableColumn<K extends string> {
  key: K;
  label: string;
  /** Right-aligned. */
  numeric: boolean;
  /** Width in CSS pixels (fixed layout: rows scrolling in and out never move the columns). */
  width: number;
  /** Extra class of the header cell (e.g. `param`). */
  className?: string;
}

function missing(v: SortValue): boolean {
  return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
}

/** Row indices in display order. Ties keep the input order, so re-sorting by another column is predictable. */
export function sortedIndices(count: number, valueAt: (row: number) => SortValue, direction: SortDirection): number[] {
  const values = Array.from({ length: count }, (_, i) => valueAt(i));
  const sign = direction === 'asc' ? 1 : -1;
  const order = Array.from({ length: count }, (_, i) => i);
  order.sort((a, b) => {
    const va = values[a];
    const vb = values[b];
    const ma = missing(va);
    const mb = missing(vb);
    if (ma || mb) return ma === mb ? a - b : ma ? 1 : -1;
    let c: number;
    if (typeof va === 'number' && typeof vb === 'number') c = va < vb ? -1 : va > vb ? 1 : 0;
    else c = String(va).localeCompare(String(vb));
    return c !== 0 ? c * sign : a - b;
  });
  return order;
}
