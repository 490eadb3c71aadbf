/** Columns of the label events table: what each sorts by and how it prints. */
import { formatDate } from '../results/format';
import type { SortableColumn, SortValue } from '../results/sort-order';
import type { LabelRow } from './derived-rows';

export type LabelColumnKey = 't0' | 't1' | 'held' | 'label' | 'ret' | 'trgt' | 'touch' | 'side' | 'meta';

export interface LabelColumn extends SortableColumn<LabelColumnKey> {
  sortValue(row: LabelRow): SortValue;
  text(row: LabelRow): string;
}

const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
const signed = (x: number | null) => (x === null ? '' : x > 0 ? `+${x}` : String(x));

const BASE: readonly LabelColumn[] = [
  { key: 't0', label: 't0', numeric: false, width: 150, sortValue: (r) => r.t0, text: (r) => `${formatDate(r.t0Time)} · ${r.t0}` },
  { key: 't1', label: 't1', numeric: false, width: 150, sortValue: (r) => r.t1, text: (r) => `${formatDate(r.t1Time)} · ${r.t1}` },
  { key: 'held', label: 'bars', numeric: true, width: 56, sortValue: (r) => r.t1 - r.t0, text: (r) => String(r.t1 - r.t0) },
  { key: 'label', label: 'label', numeric: true, width: 60, sortValue: (r) => r.label, text: (r) => signed(r.label) },
  { key: 'ret', label: 'ret', numeric: true, width: 86, sortValue: (r) => r.ret, text: (r) => pct(r.ret) },
  { key: 'trgt', label: 'trgt', numeric: true, width: 80, sortValue: (r) => r.trgt, text: (r) => pct(r.trgt) },
  { key: 'touch', label: 'touch', numeric: false, width: 76, sortValue: (r) => r.touch, text: (r) => r.touch },
];

const META: readonly LabelColumn[] = [
  { key: 'side', label: 'side', numeric: true, width: 52, sortValue: (r) => r.side, text: (r) => signed(r.side) },
  { key: 'meta', label: 'meta', numeric: true, width: 52, sortValue: (r) => r.meta, text: (r) => (r.meta === null ? '' : String(r.meta)) },
];

/** The columns for these events: side and meta only for meta-labels. */
export function labelColumns(rows: readonly LabelRow[]): readonly LabelColumn[] {
  return rows.length > 0 && rows[0].meta !== null ? [...BASE, ...META] : BASE;
}
