/** Finding artifacts: one filter shape for every store, matched the same way everywhere. */
import type { IntervalName } from '../domain/interval';
import type { ArtifactKind } from './kind';
import type { ArtifactRecord } from './record';

export interface ArtifactFilter {
  kind?: ArtifactKind;
  /** Exact instrument name (as stored; instruments are compared case-sensitively). */
  instrument?: string;
  tag?: string;
  interval?: IntervalName;
  /** Prefix of the id (with or without `art_`), the contentHash or the fileHash; case-insensitive. */
  hashPrefix?: string;
  /** Records whose time range overlaps [startMs, endMs] (either bound may be omitted); untimed records never match. */
  timeRange?: { startMs?: number; endMs?: number };
}

export function matchesFilter(record: ArtifactRecord, filter: ArtifactFilter = {}): boolean {
  if (filter.kind !== undefined && record.kind !== filter.kind) return false;
  if (filter.instrument !== undefined && !record.instruments.includes(filter.instrument)) return false;
  if (filter.tag !== undefined && !record.tags.includes(filter.tag)) return false;
  if (filter.interval !== undefined && record.interval !== filter.interval) return false;
  if (filter.hashPrefix !== undefined) {
    const p = filter.hashPrefix.trim().toLowerCase();
    // The id is `art_` + a prefix of the contentHash, so an id prefix is a contentHash prefix.
    const byId = p.startsWith('art_');
    const bare = byId ? p.slice(4) : p;
    if (!(record.contentHash.startsWith(bare) || (!byId && record.fileHash.startsWith(bare)))) return false;
  }
  if (filter.timeRange !== undefined) {
    const r = record.timeRange;
    if (r === null) return false;
    const { startMs = -Infinity, endMs = Infinity } = filter.timeRange;
    if (r.endMs < startMs || r.startMs > endMs) return false;
  }
  return true;
}

/** Stable listing order: oldest first, ties by id. */
export function compareRecords(a: { createdAt: string; id: string }, b: { createdAt: string; id: string }): number {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
