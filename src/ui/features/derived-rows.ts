/**
 * Stored `labels` / `features` tables read back from their projections (a preview of every row) into what the
 * panel draws: label events, and feature series aligned to the bars by their `bar` column.
 */
import type { ArtifactRecord } from '../../core/artifacts/record';
import { FAMILY_INFO } from '../../handlers/features/features-table';
import type { PreviewCell, ProjectionPreview } from '../../ports/projection-builder';

export interface LabelRow {
  t0: number;
  t0Time: number;
  t1: number;
  t1Time: number;
  label: -1 | 0 | 1;
  ret: number;
  trgt: number;
  touch: string;
  side: number | null;
  meta: number | null;
}

export interface FeatureSeries {
  name: string;
  /** NaN where the stored value is NULL; index = bar. */
  values: Float64Array;
  overlay: boolean;
}

function columnIndex(preview: ProjectionPreview, name: string, required = true): number {
  const i = preview.columns.findIndex((c) => c.name === name);
  if (i < 0 && required) throw new Error(`the stored table has no column "${name}" (columns: ${preview.columns.map((c) => c.name).join(', ')})`);
  return i;
}

const num = (v: PreviewCell): number => (typeof v === 'number' ? v : v === null ? Number.NaN : Number(v));

export function labelRows(preview: ProjectionPreview): LabelRow[] {
  const at = (name: string, required = true) => columnIndex(preview, name, required);
  const [t0, t0Time, t1, t1Time, label, ret, trgt, touch] = ['t0', 't0_time', 't1', 't1_time', 'label', 'ret', 'trgt', 'touch'].map((n) => at(n));
  const side = at('side', false);
  const meta = at('meta', false);
  return preview.rows.map((r) => ({
    t0: num(r[t0]),
    t0Time: num(r[t0Time]),
    t1: num(r[t1]),
    t1Time: num(r[t1Time]),
    label: num(r[label]) as -1 | 0 | 1,
    ret: num(r[ret]),
    trgt: num(r[trgt]),
    touch: String(r[touch]),
    side: side < 0 ? null : num(r[side]),
    meta: meta < 0 ? null : num(r[meta]),
  }));
}

/** Whether a feature column is drawn over the prices: its name's family (`sma_20` → sma). */
function isOverlay(column: string): boolean {
  return Object.values(FAMILY_INFO).some((f) => f.overlay && column.startsWith(`${f.column}_`));
}

export function featureSeries(preview: ProjectionPreview, bars: number): FeatureSeries[] {
  const bar = columnIndex(preview, 'bar');
  return preview.columns
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => c.name !== 'bar' && c.name !== 'timestamp')
    .map(({ c, i }) => {
      const values = new Float64Array(bars).fill(Number.NaN);
      for (const r of preview.rows) {
        const b = num(r[bar]);
        if (b >= 0 && b < bars) values[b] = num(r[i]);
      }
      return { name: c.name, values, overlay: isOverlay(c.name) };
    });
}

/** The parameters a derived record was made with, from its tags (e.g. `span=100 · k-upper=2 · …`). */
export function derivedParams(record: ArtifactRecord): string {
  return record.tags.filter((t) => t !== record.kind).join(' · ');
}

export function labelCounts(rows: readonly LabelRow[]): { up: number; down: number; vertical: number } {
  let up = 0;
  let down = 0;
  for (const r of rows) {
    if (r.label === 1) up++;
    else if (r.label === -1) down++;
  }
  return { up, down, vertical: rows.length - up - down };
}
