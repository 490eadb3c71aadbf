/**
 * How the browser store answers `find`: each criterion of the filter names an index range that holds every record
 * it can match; the smallest of them (counted first, which reads keys only) is read, and the whole filter is then
 * applied to what it returned with the matcher every store uses. So the answer is the same as filtering every record,
 * but the records read grow with the answer, not with the store.
 */
import type { IDBPTransaction } from 'idb';
import type { ArtifactFilter } from '../../../core/artifacts/filter';
import type { ArtifactRecord } from '../../../core/artifacts/record';
import type { ArtifactDB } from './idb-schema';

type RecordIndex = 'kind' | 'instruments' | 'tags' | 'interval' | 'contentHash' | 'fileHash' | 'startMs' | 'endMs';

/** One index and the keys in it to read. */
interface Probe {
  index: RecordIndex;
  query: string | IDBKeyRange | undefined;
}

/** Every key starting with `prefix` (keys here are lowercase hex, far below U+FFFF). */
function prefixRange(prefix: string): IDBKeyRange {
  return IDBKeyRange.bound(prefix, `${prefix}\uffff`);
}

/**
 * The candidate sets of a filter, each a union of probes that together hold every match of one criterion.
 * An empty list means no criterion narrows: every record is a candidate.
 */
export function candidateSets(filter: ArtifactFilter): Probe[][] {
  const sets: Probe[][] = [];
  if (filter.kind !== undefined) sets.push([{ index: 'kind', query: filter.kind }]);
  if (filter.instrument !== undefined) sets.push([{ index: 'instruments', query: filter.instrument }]);
  if (filter.tag !== undefined) sets.push([{ index: 'tags', query: filter.tag }]);
  if (filter.interval !== undefined) sets.push([{ index: 'interval', query: filter.interval }]);
  if (filter.hashPrefix !== undefined) {
    // Same reading as matchesFilter: an `art_` prefix is a contentHash prefix; bare hex may be either hash.
    const p = filter.hashPrefix.trim().toLowerCase();
    const byId = p.startsWith('art_');
    const bare = byId ? p.slice(4) : p;
    if (bare !== '')
      sets.push(
        byId
          ? [{ index: 'contentHash', query: prefixRange(bare) }]
          : [
              { index: 'contentHash', query: prefixRange(bare) },
              { index: 'fileHash', query: prefixRange(bare) },
            ],
      );
  }
  if (filter.timeRange !== undefined) {
    const { startMs, endMs } = filter.timeRange;
    // Overlap means start ≤ endMs and end ≥ startMs; either half alone holds every match. Untimed records are in neither index.
    if (endMs !== undefined && Number.isFinite(endMs)) sets.push([{ index: 'startMs', query: IDBKeyRange.upperBound(endMs) }]);
    if (startMs !== undefined && Number.isFinite(startMs)) sets.push([{ index: 'endMs', query: IDBKeyRange.lowerBound(startMs) }]);
    if (sets.length === 0) sets.push([{ index: 'startMs', query: undefined }]);
  }
  return sets;
}

type ReadTx = IDBPTransaction<ArtifactDB, 'records'[]>;

/** The stored values (not yet validated) of the smallest candidate set, each once; every record when nothing narrows. */
export async function readCandidates(tx: ReadTx, filter: ArtifactFilter): Promise<unknown[]> {
  const records = tx.objectStore('records');
  const sets = candidateSets(filter);
  if (sets.length === 0) return records.getAll();
  const sizes = await Promise.all(sets.map((set) => Promise.all(set.map((p) => records.index(p.index).count(p.query)))));
  let best = 0;
  const total = (i: number) => sizes[i].reduce((a, b) => a + b, 0);
  for (let i = 1; i < sets.length; i++) if (total(i) < total(best)) best = i;
  const parts = await Promise.all(sets[best].map((p) => records.index(p.index).getAll(p.query)));
  if (parts.length === 1) return parts[0];
  const byId = new Map<string, ArtifactRecord>();
  for (const part of parts) for (const v of part) byId.set(v.id, v);
  return [...byId.values()];
}
