/**
 * Small artifacts for the ArtifactStore suite. Platform-neutral (no Node APIs) so the suite can run in a browser.
 * Contents are real canonical tables with real content hashes; the stored bytes are a minimal Parquet envelope
 * ("PAR1" … footer length … "PAR1") around the canonical bytes, which is all a store checks.
 */
import { canonicalBytes } from '../../src/core/artifacts/canonical-encoding';
import { contentHash } from '../../src/core/artifacts/content-hash';
import type { LogicalTable } from '../../src/core/artifacts/logical-schema';
import { ohlcvLogicalTable, ohlcvTimeRange, OHLCV_SCHEMA } from '../../src/core/artifacts/ohlcv-content';
import type { ArtifactDraft } from '../../src/core/artifacts/record';
import type { IntervalName } from '../../src/core/domain/interval';
import type { OhlcvTable } from '../../src/core/domain/ohlcv-table';
import type { Clock } from '../../src/ports/artifact-store';
import { MS_PER_DAY } from '../../src/core/domain/time';

export const APP_VERSION = '0.1.0-test';

/** A clock that moves one second per reading, from 2026-01-01T00:00:00Z. */
export function steppingClock(startMs = Date.UTC(2026, 0, 1)): Clock & { readonly last: number } {
  let t = startMs - 1000;
  return {
    now: () => (t += 1000),
    get last() {
      return t;
    },
  };
}

/** Wraps bytes in a minimal Parquet envelope; `variant` changes the bytes without changing the content. */
export function fakeParquet(payload: Uint8Array, variant = 0): Uint8Array {
  const out = new Uint8Array(4 + payload.length + 1 + 4 + 4);
  out.set([0x50, 0x41, 0x52, 0x31], 0);
  out.set(payload, 4);
  out[4 + payload.length] = variant & 0xff;
  new DataView(out.buffer).setUint32(out.length - 8, 1, true);
  out.set([0x50, 0x41, 0x52, 0x31], out.length - 4);
  return out;
}

export function bars(seed: number, rows = 5, startMs = Date.UTC(2024, 0, 1), stepMs = MS_PER_DAY): OhlcvTable {
  const c: OhlcvTable = {
    timestamp: new Float64Array(rows),
    open: new Float64Array(rows),
    high: new Float64Array(rows),
    low: new Float64Array(rows),
    close: new Float64Array(rows),
    volume: new Float64Array(rows),
  };
  for (let i = 0; i < rows; i++) {
    const p = 100 + seed + i / 4;
    c.timestamp[i] = startMs + i * stepMs;
    c.open[i] = p;
    c.high[i] = p + 1;
    c.low[i] = p - 1;
    c.close[i] = p + 0.5;
    c.volume[i] = 1000 * (seed + 1) + i;
  }
  return c;
}

export interface Sample {
  draft: ArtifactDraft;
  bytes: Uint8Array;
  table: LogicalTable;
}

export interface OhlcvSampleOptions {
  instrument?: string;
  rows?: number;
  startMs?: number;
  interval?: IntervalName;
  tags?: string[];
  inputs?: string[];
  /** Same content, other bytes (as if re-encoded with other compression). */
  variant?: number;
  sourceFileName?: string;
}

export async function ohlcvSample(seed: number, o: OhlcvSampleOptions = {}): Promise<Sample> {
  const columns = bars(seed, o.rows ?? 5, o.startMs);
  const table = ohlcvLogicalTable(columns);
  return {
    table,
    bytes: fakeParquet(canonicalBytes(table), o.variant),
    draft: {
      kind: 'ohlcv',
      contentHash: await contentHash(table),
      schema: OHLCV_SCHEMA,
      rowCount: columns.timestamp.length,
      instruments: [o.instrument ?? `SYM${seed}`],
      timeRange: ohlcvTimeRange(columns),
      interval: o.interval ?? '1d',
      provenance: { sourceFileName: o.sourceFileName ?? `sym${seed}.csv`, sourceFileHash: null, appVersion: APP_VERSION },
      sourceBytes: 1234,
      inputs: o.inputs ?? [],
      tags: o.tags ?? [],
    },
  };
}

/** A derived table (e.g. run results) made from `inputs`. */
export async function resultsSample(label: string, inputs: string[], tags: string[] = []): Promise<Sample> {
  const table: LogicalTable = {
    schema: [
      { name: 'metric', type: 'utf8' },
      { name: 'value', type: 'float64' },
    ],
    columns: [
      [label, 'sharpe'],
      [label.length, 1.25],
    ],
  };
  return {
    table,
    bytes: fakeParquet(canonicalBytes(table)),
    draft: {
      kind: 'results',
      contentHash: await contentHash(table),
      schema: table.schema,
      rowCount: 2,
      provenance: { sourceFileName: null, sourceFileHash: null, appVersion: APP_VERSION },
      inputs,
      tags,
    },
  };
}

/** Splits bytes into chunks of the given sizes (cycling), as a stream would deliver them. */
export async function* chunked(bytes: Uint8Array, sizes: number[]): AsyncGenerator<Uint8Array> {
  let off = 0;
  let k = 0;
  while (off < bytes.length) {
    const n = Math.max(1, sizes[k++ % sizes.length]);
    yield bytes.slice(off, off + n);
    off += n;
  }
}
