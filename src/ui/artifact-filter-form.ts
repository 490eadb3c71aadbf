/** The find form of the artifacts view (strings as typed) and the ArtifactFilter it means. */
import { matchesFilter, type ArtifactFilter } from '../core/artifacts/filter';
import { isArtifactKind } from '../core/artifacts/kind';
import type { ArtifactRecord } from '../core/artifacts/record';
import { MS_PER_DAY } from '../core/domain/time';

export interface FilterForm {
  kind: string;
  instrument: string;
  tag: string;
  hash: string;
  /** YYYY-MM-DD (an <input type="date"> value) or empty. */
  from: string;
  to: string;
}

export const EMPTY_FILTER: FilterForm = Object.freeze({ kind: '', instrument: '', tag: '', hash: '', from: '', to: '' });

function dayStart(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(ms) ? ms : undefined;
}

/** Empty fields are no criterion; `to` includes its whole day (UTC). */
export function filterFromForm(form: FilterForm): ArtifactFilter {
  const filter: ArtifactFilter = {};
  if (isArtifactKind(form.kind)) filter.kind = form.kind;
  if (form.instrument.trim()) filter.instrument = form.instrument.trim();
  if (form.tag.trim()) filter.tag = form.tag.trim();
  if (form.hash.trim()) filter.hashPrefix = form.hash.trim();
  const from = dayStart(form.from);
  const to = dayStart(form.to);
  if (from !== undefined || to !== undefined) {
    filter.timeRange = {};
    if (from !== undefined) filter.timeRange.startMs = from;
    if (to !== undefined) filter.timeRange.endMs = to + MS_PER_DAY - 1;
  }
  return filter;
}

export function isEmptyForm(form: FilterForm): boolean {
  return (Object.values(form) as string[]).every((v) => v.trim() === '');
}

/**
 * What the view lists while the user types: the form's filter, except that the instrument field matches any
 * instrument containing the typed text in any letter case (`USD` finds EURUSD and BTCUSD; a whole name narrows to
 * it), so every keystroke narrows the list instead of emptying it until the name is complete.
 */
export function matcherFromForm(form: FilterForm): (record: ArtifactRecord) => boolean {
  const filter = filterFromForm({ ...form, instrument: '' });
  const part = form.instrument.trim().toLowerCase();
  if (part === '') return (r) => matchesFilter(r, filter);
  return (r) => r.instruments.some((i) => i.toLowerCase().includes(part)) && matchesFilter(r, filter);
}
