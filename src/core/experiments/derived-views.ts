/**
 * Published features and labels in SQL: a signal query (or any query over the lab's projections) may name
 * `labels_<hex>` or `features_<hex>`, where `<hex>` is the artifact id without `art_` (24 hex digits, a prefix of
 * its content hash). The name pins the exact table, so the same query text reads the same rows wherever it runs.
 * Each such view has the artifact's columns in stored order, timestamps as naive UTC TIMESTAMP like `bars`, so
 * `bars.timestamp = labels_….t0_time` joins without a time zone setting.
 * Pure: SQL text only; the adapters run it on the connection of the query.
 */
import type { CanonicalSchema } from '../artifacts/logical-schema';

export type DerivedViewKind = 'labels' | 'features';

export interface DerivedViewRef {
  /** The view name as written in the query (lower-cased). */
  view: string;
  kind: DerivedViewKind;
  artifactId: string;
}

const NAME = /\b(labels|features)_([0-9a-f]{24})\b/giu;

/** The view name of a published `labels` / `features` artifact. */
export function derivedViewName(kind: DerivedViewKind, artifactId: string): string {
  return `${kind}_${artifactId.replace(/^art_/u, '')}`;
}

/** The derived views a query names, each once, in order of first mention. */
export function derivedViewRefs(sql: string): DerivedViewRef[] {
  const seen = new Map<string, DerivedViewRef>();
  for (const m of sql.matchAll(NAME)) {
    const kind = m[1].toLowerCase() as DerivedViewKind;
    const hex = m[2].toLowerCase();
    const view = `${kind}_${hex}`;
    if (!seen.has(view)) seen.set(view, { view, kind, artifactId: `art_${hex}` });
  }
  return [...seen.values()];
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** A TEMP view over the artifact's projection table, with its timestamp columns as naive UTC TIMESTAMP. */
export function derivedViewSql(view: string, projectionTable: string, schema: CanonicalSchema): string {
  const columns = schema.map((c) =>
    c.type === 'timestamp-ms-utc' ? `epoch_ms(CAST(epoch_ms(${quote(c.name)}) AS BIGINT)) AS ${quote(c.name)}` : quote(c.name),
  );
  return `CREATE OR REPLACE TEMP VIEW ${quote(view)} AS SELECT ${columns.join(', ')} FROM ${quote(projectionTable)}`;
}
