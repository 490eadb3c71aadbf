/**
 * The catalog of the store index: a journal of changes, one JSON line each, replayed into the live set of records.
 *
 *   {"catalog":"<uuid>"}                                   first line: names this catalog (head.json points at it)
 *   {"op":"put","id":"art_…","record":{…}}                 an artifact published (the whole record, compact)
 *   {"op":"del","id":"art_…"}                              an artifact deleted
 *   {"op":"qput","id":"q_…","record":{…}}                  a file quarantined
 *   {"op":"qdel","id":"q_…"}                               a quarantine entry deleted
 *
 * Replay keeps each live line as text and parses a record only when a query needs it, after a substring pre-check
 * (a record holding the instrument "X" contains the JSON text `"X"`), so `find --instrument X` on 50,000 artifacts
 * parses the few that can match, not all of them. A line that does not have this shape means the catalog is damaged:
 * CorruptIndexError, and the store rebuilds the index from the records.
 */
import type { ArtifactFilter } from '../../../core/artifacts/filter';
import { compareRecords, matchesFilter } from '../../../core/artifacts/filter';
import type { QuarantineRecord } from '../../../core/artifacts/quarantine';
import type { ArtifactRecord } from '../../../core/artifacts/record';

export class CorruptIndexError extends Error {
  override name = 'CorruptIndexError';
}

export type CatalogChange =
  { op: 'put'; record: ArtifactRecord } | { op: 'del'; id: string } | { op: 'qput'; record: QuarantineRecord } | { op: 'qdel'; id: string };

const LINE = /^\{"op":"(put|del|qput|qdel)","id":"((?:art|q)_[0-9a-f]{24})"(,"record":\{.*\})?\}$/;

export function catalogHeader(catalogId: string): string {
  return `${JSON.stringify({ catalog: catalogId })}\n`;
}

export function changeLine(change: CatalogChange): string {
  const id = change.op === 'put' || change.op === 'qput' ? change.record.id : change.id;
  const body = change.op === 'put' || change.op === 'qput' ? `,"record":${JSON.stringify(change.record)}` : '';
  return `{"op":"${change.op}","id":"${id}"${body}}\n`;
}

/** The live records of a catalog, as their JSON text until asked for. */
export class Catalog {
  private readonly parsed = new Map<string, ArtifactRecord>();

  private constructor(
    /** id → the JSON text of its record. */
    readonly artifacts: Map<string, string>,
    readonly quarantine: Map<string, string>,
  ) {}

  /** Replays `text` (the catalog's committed bytes); throws CorruptIndexError unless it belongs to `catalogId` and every line has its shape. */
  static replay(text: string, catalogId: string, where: string): Catalog {
    const header = catalogHeader(catalogId);
    if (!text.startsWith(header)) throw new CorruptIndexError(`${where}: not catalog ${catalogId}`);
    if (text.includes('\u0000')) throw new CorruptIndexError(`${where}: holds NUL bytes (an unfinished write)`);
    const artifacts = new Map<string, string>();
    const quarantine = new Map<string, string>();
    let at = header.length;
    let lineNo = 2;
    while (at < text.length) {
      const end = text.indexOf('\n', at);
      if (end < 0) throw new CorruptIndexError(`${where}: line ${lineNo} is not finished`);
      const line = text.slice(at, end);
      const m = LINE.exec(line);
      if (!m) throw new CorruptIndexError(`${where}: line ${lineNo} is not a catalog change`);
      const [, op, id, body] = m;
      const isArtifact = id.startsWith('art_');
      if ((op === 'put' || op === 'del') !== isArtifact || (op === 'put' || op === 'qput') !== (body !== undefined)) {
        throw new CorruptIndexError(`${where}: line ${lineNo} does not match its operation`);
      }
      const target = isArtifact ? artifacts : quarantine;
      if (body !== undefined) target.set(id, body.slice(',"record":'.length));
      else target.delete(id);
      at = end + 1;
      lineNo++;
    }
    return new Catalog(artifacts, quarantine);
  }

  /** A catalog made straight from the records (a store this process may not write: no index to read). */
  static of(records: readonly ArtifactRecord[], quarantine: readonly QuarantineRecord[]): Catalog {
    const catalog = new Catalog(new Map(records.map((r) => [r.id, JSON.stringify(r)])), new Map(quarantine.map((q) => [q.id, JSON.stringify(q)])));
    for (const r of records) catalog.parsed.set(r.id, r);
    return catalog;
  }

  private record(id: string, text: string): ArtifactRecord {
    let r = this.parsed.get(id);
    if (r === undefined) {
      try {
        r = JSON.parse(text) as ArtifactRecord;
      } catch {
        throw new CorruptIndexError(`the catalog's record of ${id} is not valid JSON`);
      }
      if (r.id !== id) throw new CorruptIndexError(`the catalog's record of ${id} holds ${r.id}`);
      this.parsed.set(id, r);
    }
    return r;
  }

  /** Records matching `filter`, in listing order (oldest first, ties by id). */
  find(filter: ArtifactFilter = {}): ArtifactRecord[] {
    // Texts a matching record must contain: a cheap test that skips parsing most records of a narrow query.
    const needles = [filter.instrument, filter.tag, filter.kind, filter.interval]
      .filter((v): v is string => v !== undefined)
      .map((v) => JSON.stringify(v));
    const out: ArtifactRecord[] = [];
    for (const [id, text] of this.artifacts) {
      if (!needles.every((n) => text.includes(n))) continue;
      const record = this.record(id, text);
      if (matchesFilter(record, filter)) out.push(record);
    }
    return out.sort(compareRecords);
  }

  /**
   * Every artifact's record as its compact JSON text, in listing order, without parsing any: what `list --json`
   * prints (50,000 records parsed and printed again would cost seconds). The text is exactly JSON.stringify of the
   * record the catalog was written from.
   */
  listedTexts(): string[] {
    const keyed: Array<{ createdAt: string; id: string; text: string }> = [];
    for (const [id, text] of this.artifacts) {
      const at = text.indexOf('"createdAt":"');
      if (at < 0) throw new CorruptIndexError(`the catalog's record of ${id} has no createdAt`);
      const start = at + '"createdAt":"'.length;
      keyed.push({ createdAt: text.slice(start, text.indexOf('"', start)), id, text });
    }
    return keyed.sort(compareRecords).map((k) => k.text);
  }

  quarantined(): QuarantineRecord[] {
    const out: QuarantineRecord[] = [];
    for (const [id, text] of this.quarantine) {
      let q: QuarantineRecord;
      try {
        q = JSON.parse(text) as QuarantineRecord;
      } catch {
        throw new CorruptIndexError(`the catalog's quarantine entry ${id} is not valid JSON`);
      }
      out.push(q);
    }
    return out.sort(compareRecords);
  }
}
