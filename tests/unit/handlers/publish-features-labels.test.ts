/**
 * The browser's "Features & labels" use cases on a real directory store (Node Parquet codec) with universe12 TEC1:
 * labels of the portfolio-oracle worked case (../shared/guide/portfolio-visible.json, `triple_barrier_TEC1`: AFML
 * snippets 3.1–3.5 in pandas 1.5.3; bars and labels exact, ret 1e-12, trgt 1e-10 relative), the same artifact as
 * `quantlab labels triple-barrier --publish` on the same file, stored once; meta-labels by an SMA-cross side;
 * features with NULL before a window is full; bad parameters named by field; both readable by a SQL signal as
 * `labels_…` / `features_…` views joined to `bars`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBarsFile } from '../../../src/adapters/node/decode-bars-file';
import { DirArtifactStore } from '../../../src/adapters/node/dir-artifact-store';
import { NodeParquetCodec } from '../../../src/adapters/node/node-parquet-codec';
import { readBarsBytes } from '../../../src/adapters/node/read-bars-file';
import type { ArtifactRecord } from '../../../src/core/artifacts/record';
import { derivedViewName } from '../../../src/core/experiments/derived-views';
import { checkSignalRows } from '../../../src/core/experiments/sql-signal';
import { cusumEvents } from '../../../src/core/features/cusum';
import { ewmStd } from '../../../src/core/features/ewm';
import { sma } from '../../../src/core/features/moving-average';
import { simpleReturns } from '../../../src/core/features/returns';
import { rsi } from '../../../src/core/features/rsi';
import { FeatureParamError } from '../../../src/handlers/features/param-error';
import { publishFeatures, publishLabels, type DerivedDeps } from '../../../src/handlers/features/publish-derived';
import { TRIPLE_BARRIER_DEFAULTS } from '../../../src/handlers/features/triple-barrier-table';
import { importArtifact } from '../../../src/handlers/import-artifact';
import { cliJson } from '../../helpers/cli-run';
import { portfolioCase } from '../../helpers/portfolio-oracle';
import { sharedDataPath } from '../../helpers/shared-data';

const TEC1 = sharedDataPath('universe12/TEC1.csv');
const root = mkdtempSync(join(tmpdir(), 'quantlab-derived-'));
const storeDir = join(root, 'store');
const parquet = new NodeParquetCodec();
let store: DirArtifactStore;
let bars: ArtifactRecord;

beforeAll(async () => {
  store = await DirArtifactStore.open(storeDir);
  const bytes = readFileSync(TEC1);
  const outcome = await importArtifact(
    { store, decode: decodeBarsFile, parquet, appVersion: 'test' },
    { name: 'TEC1.csv', bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length) },
    { instrument: 'TEC1' },
  );
  if (outcome.status === 'quarantined') throw new Error('TEC1.csv was quarantined');
  bars = outcome.record;
}, 60_000);
/** The handlers' ports over the store as it is now (one test closes and reopens it around a CLI run). */
function deps(): DerivedDeps {
  return { store, parquet, appVersion: 'test', bars: async (r) => readBarsBytes(`${r.id}.parquet`, await store.readBytes(r.id, { verify: true })) };
}
afterAll(async () => {
  await store.close();
  rmSync(root, { recursive: true, force: true });
});

interface OracleEvent {
  bar: number;
  t1_bar: number;
  label: number;
  ret: number;
  trgt: number;
}

describe('publishLabels', () => {
  it('labels the worked case as the oracle does, with the bars as lineage and the parameters as tags', async () => {
    const want = portfolioCase<{ n_events: number; events: OracleEvent[] }>('triple_barrier_TEC1').values;
    const { record, created, labels } = await publishLabels(deps(), bars, TRIPLE_BARRIER_DEFAULTS);
    expect(created).toBe(true);
    expect(labels.events).toHaveLength(want.n_events);
    want.events.forEach((w, i) => {
      const e = labels.events[i];
      expect([e.t0, e.t1, e.label], `event ${i}`).toEqual([w.bar, w.t1_bar, w.label]);
      expect(Math.abs(e.ret - w.ret)).toBeLessThanOrEqual(1e-12);
      expect(Math.abs(e.trgt / w.trgt - 1)).toBeLessThanOrEqual(1e-10);
    });
    expect(record).toMatchObject({ kind: 'labels', inputs: [bars.id], instruments: ['TEC1'], rowCount: want.n_events, interval: bars.interval });
    // The store keeps tags sorted.
    expect(record.tags).toEqual(
      ['labels', 'triple-barrier', 'span=100', 'k-upper=2', 'k-lower=2', 'horizon=10', 'every=20', 'first=20', 'min-ret=0'].sort(),
    );
  });

  it('is the artifact `quantlab labels triple-barrier --publish` makes of the same file, stored once', async () => {
    const before = (await store.find()).length;
    const again = await publishLabels(deps(), bars, TRIPLE_BARRIER_DEFAULTS);
    expect(again.created).toBe(false);
    await store.close();
    const cli = await cliJson<{ artifact: { id: string; created: boolean; inputs: string[] } }>([
      'labels',
      'triple-barrier',
      '--data',
      TEC1,
      '--span',
      '100',
      '--k',
      '2',
      '--horizon',
      '10',
      '--every',
      '20',
      '--publish',
      '--store',
      storeDir,
    ]);
    store = await DirArtifactStore.open(storeDir);
    expect(cli.artifact).toMatchObject({ id: again.record.id, created: false, inputs: [bars.id] });
    expect((await store.find()).length).toBe(before);
    expect((await store.get(again.record.id))?.contentHash).toBe(again.record.contentHash);
  });

  it('meta-labels the events where an SMA cross gives a side: side-adjusted returns, meta = 1 when they are > 0', async () => {
    const params = { ...TRIPLE_BARRIER_DEFAULTS, meta: { fast: 10, slow: 50 } };
    const { record, labels } = await publishLabels(deps(), bars, params);
    const close = (await deps().bars(bars)).close;
    const fast = sma(close, 10);
    const slow = sma(close, 50);
    // Bars 20 and 40 come before the slow average exists: no side, no event.
    expect(labels.events[0].t0).toBe(60);
    expect(labels.events.length).toBeGreaterThan(40);
    for (const e of labels.events) {
      expect(e.side).toBe(fast[e.t0] > slow[e.t0] ? 1 : -1);
      expect(e.ret).toBe((close[e.t1] / close[e.t0] - 1) * e.side);
      expect(e.meta).toBe(e.ret > 0 ? 1 : 0);
    }
    expect(new Set(labels.events.map((e) => e.side))).toEqual(new Set([1, -1]));
    expect(record.schema.map((c) => c.name)).toEqual(['t0', 't0_time', 't1', 't1_time', 'label', 'ret', 'trgt', 'touch', 'side', 'meta']);
    expect(record.tags).toContain('primary=sma-cross');
  });

  it('samples events with the CUSUM filter when asked, recording the rule and threshold as tags', async () => {
    const params = { ...TRIPLE_BARRIER_DEFAULTS, events: 'cusum' as const, threshold: 2, thresholdBy: 'target' as const };
    const { record, labels } = await publishLabels(deps(), bars, params);
    const close = (await deps().bars(bars)).close;
    const sampled = cusumEvents(close, { multiple: 2, target: ewmStd(simpleReturns(close), { span: 100 }) });
    expect(sampled.length).toBeGreaterThan(100);
    // Every sampled bar is labelled or skipped (the last ones: their vertical barrier lies beyond the data).
    expect([...labels.events.map((e) => e.t0), ...labels.skipped.map((e) => e.t0)].sort((a, b) => a - b)).toEqual(sampled);
    expect(labels.skipped.every((e) => e.reason === 'unfinished')).toBe(true);
    expect(record.tags).toEqual(
      [
        'labels',
        'triple-barrier',
        'span=100',
        'k-upper=2',
        'k-lower=2',
        'horizon=10',
        'events=cusum',
        'threshold=2',
        'threshold-by=target',
        'min-ret=0',
      ].sort(),
    );
    const every = await publishLabels(deps(), bars, TRIPLE_BARRIER_DEFAULTS);
    expect(every.record.id).not.toBe(record.id);
  });

  it('names the field of a bad parameter, and stores nothing', async () => {
    const before = (await store.find()).length;
    const bad = async (p: object) => publishLabels(deps(), bars, { ...TRIPLE_BARRIER_DEFAULTS, ...p }).catch((e: unknown) => e);
    const e1 = await bad({ horizon: 0 });
    expect(e1).toBeInstanceOf(FeatureParamError);
    expect(e1).toMatchObject({ field: 'horizon', message: 'horizon: expected an integer >= 1, got 0' });
    expect(await bad({ k: { upper: 0, lower: 0 } })).toMatchObject({ field: 'k-upper' });
    expect(await bad({ span: Number.NaN })).toMatchObject({ field: 'span' });
    expect(await bad({ meta: { fast: 50, slow: 10 } })).toMatchObject({ field: 'meta-fast' });
    expect(await bad({ events: 'cusum' })).toMatchObject({ field: 'threshold', message: 'threshold: expected a number > 0, got NaN' });
    expect(await bad({ events: 'cusum', threshold: 0.05, thresholdBy: 'range' })).toMatchObject({ field: 'threshold-by' });
    expect(await bad({ events: 'tick' })).toMatchObject({ field: 'events' });
    expect((await store.find()).length).toBe(before);
  });
});

describe('publishFeatures', () => {
  it('a row per bar, a column per chosen feature, NULL until its window is full; stored once', async () => {
    const choices = [
      { family: 'returns', window: 0 },
      { family: 'sma', window: 20 },
      { family: 'rsi', window: 14 },
    ] as const;
    const { record, created, features } = await publishFeatures(deps(), bars, choices);
    expect(created).toBe(true);
    expect(record.schema).toEqual([
      { name: 'bar', type: 'int64' },
      { name: 'timestamp', type: 'timestamp-ms-utc' },
      { name: 'ret', type: 'float64' },
      { name: 'sma_20', type: 'float64' },
      { name: 'rsi_14', type: 'float64' },
    ]);
    expect(record).toMatchObject({
      kind: 'features',
      inputs: [bars.id],
      rowCount: 1500,
    });
    expect(record.tags).toEqual(['bar-features', 'features', 'ret', 'rsi_14', 'sma_20']);
    const close = (await deps().bars(bars)).close;
    expect(features.series[1].values).toEqual(sma(close, 20));
    expect(features.series[2].values).toEqual(rsi(close, 14));
    const { columns } = features.derived.table;
    expect(columns[3][18]).toBeNull();
    expect(columns[3][19]).toBe(sma(close, 20)[19]);
    expect((await publishFeatures(deps(), bars, choices)).created).toBe(false);
  });

  it('refuses a bad window, an empty choice and a column chosen twice, naming the field', async () => {
    const bad = (c: object[]) => publishFeatures(deps(), bars, c as never).catch((e: unknown) => e);
    expect(await bad([])).toMatchObject({ field: 'families' });
    expect(await bad([{ family: 'volatility', window: 1 }])).toMatchObject({
      field: 'volatility.window',
      message: 'volatility.window: expected an integer >= 2, got 1',
    });
    expect(
      await bad([
        { family: 'ema', window: 5 },
        { family: 'ema', window: 5 },
      ]),
    ).toMatchObject({ field: 'ema.span' });
    expect(await bad([{ family: 'macd', window: 5 }])).toMatchObject({ field: 'families' });
  });
});

describe('labels_… and features_… views in a SQL signal (DuckDB-WASM in Node, the browser build)', () => {
  it('joins the published labels and features to bars by timestamp', async () => {
    const { NodeSqlSignals } = await import('../../../src/adapters/node/duckdb-sql-signals');
    const { record: labels, labels: computed } = await publishLabels(deps(), bars, TRIPLE_BARRIER_DEFAULTS);
    const { record: feats } = await publishFeatures(deps(), bars, [{ family: 'sma', window: 20 }]);
    const signals = new NodeSqlSignals(store, parquet);
    const lv = derivedViewName('labels', labels.id);
    const fv = derivedViewName('features', feats.id);
    expect(lv).toBe(`labels_${labels.id.slice(4)}`);
    const rows = await signals.evaluate(
      { artifact: bars },
      `SELECT b.timestamp, COALESCE(l.label, 0) * CASE WHEN f.sma_20 IS NULL THEN 0 ELSE 1 END AS position
       FROM bars b LEFT JOIN ${lv} l ON l.t0_time = b.timestamp JOIN ${fv.toUpperCase()} f ON f.timestamp = b.timestamp`,
    );
    const close = await deps().bars(bars);
    const positions = checkSignalRows(close.timestamp, rows);
    const want = new Float64Array(close.timestamp.length);
    for (const e of computed.events) want[e.t0] = e.label;
    expect(positions).toEqual(want);
    expect(positions.filter((p) => p !== 0).length).toBeGreaterThan(30);
    const missing = `labels_${'0'.repeat(24)}`;
    await expect(signals.evaluate({ artifact: bars }, `SELECT timestamp, 0 AS position FROM bars, ${missing}`)).rejects.toThrow(
      `the query reads ${missing}, but no artifact art_${'0'.repeat(24)} is stored here`,
    );
    await expect(signals.evaluate({ artifact: bars }, `SELECT timestamp, 0 AS position FROM features_${labels.id.slice(4)}`)).rejects.toThrow(
      'a labels artifact, not features',
    );
  });
});
