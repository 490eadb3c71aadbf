import type { OhlcvTable } from '../core/domain/ohlcv-table';

/**
 * A projection: a disposable SQL table built from an artifact's stored Parquet bytes. It is never the source of
 * truth — dropping every projection and rebuilding from the same bytes gives the same rows in the same order.
 */
export interface ProjectionInfo {
  table: string;
  rows: number;
}

/** A cell of a preview: numbers and text as stored; timestamps as epoch milliseconds UTC. */
export type PreviewCell = number | string | boolean | null;

export interface PreviewColumn {
  name: string;
  /** The SQL engine's type name (e.g. `DOUBLE`, `TIMESTAMP WITH TIME ZONE`). */
  type: string;
  /** True when the cells are epoch milliseconds to be shown as times. */
  temporal: boolean;
}

export interface ProjectionPreview {
  columns: PreviewColumn[];
  rows: PreviewCell[][];
}

/** Per-column statistics as the SQL engine summarizes them (min/max/avg/std as text, as it prints them). */
export interface ColumnSummary {
  name: string;
  type: string;
  min: string | null;
  max: string | null;
  avg: string | null;
  std: string | null;
  approxUnique: number | null;
  count: number;
  nullPercent: number | null;
}

/** Builds and queries projections. Tables are named by the caller; every table of the engine is a projection. */
export interface ProjectionBuilder {
  /** Loads Parquet bytes as they are (columns and types of the file) into `table`, replacing it. */
  fromParquet(table: string, parquet: Uint8Array): Promise<ProjectionInfo>;
  /** Reads an OHLCV projection back as columns, in time order (timestamps as epoch ms). */
  ohlcv(table: string): Promise<OhlcvTable>;
  /** The first `limit` rows in stored order. */
  preview(table: string, limit: number): Promise<ProjectionPreview>;
  /** Column statistics computed by the SQL engine. */
  summarize(table: string): Promise<ColumnSummary[]>;
  /** Every projection that currently exists, by name. */
  list(): Promise<ProjectionInfo[]>;
  drop(table: string): Promise<void>;
  /** Drops every projection; returns the names dropped. */
  dropAll(): Promise<string[]>;
}
