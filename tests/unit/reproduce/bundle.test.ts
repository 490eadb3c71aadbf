/**
 * Result bundles built from a real run: GOOG (../shared/data) imported and the pinned experiment executed with the
 * Node adapters, exported with the export handler, verified and imported into fresh stores. Tampering — one byte
 * anywhere, a truncation, an extra or missing file, a consistent rewrite of a result table — is refused with the
 * reason naming the file, and the store it was offered to is unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC, tableToIPC } from 'apache-arrow';
import { createHash } from 'node:crypto';
import { fileHash } from '../../../src/core/artifacts/file-hash';
import type { ExperimentRecord } from '../../../src/core/experiments/record';
import { bundleSummary } from '../../../src/core/reproduce/bundle-summary';
import { manifestText, type BundleManifest } from '../../../src/core/reproduce/bundle-format';
import { BundleError } from '../../../src/core/reproduce/errors';
import { readStoredZip, writeStoredZip } from '../../../src/core/reproduce/stored-zip';
import { exportBundle } from '../../../src/handlers/export-bundle';
import { createExperiment } from '../../../src/handlers/experiments/create-experiment';
import { importBundle, readBundle } from '../../../src/handlers/import-bundle';
import { executeExperiment } from '../../../src/handlers/execute-experiment';
import { importArtifact } from '../../../src/handlers/import-artifact';
import {
  APP_VERSION,
  bundleDeps,
  closeLabs,
  codec,
  EXPERIMENT_ID,
  GOOG_ID,
  GOOG_SPEC,
  goog,
  importDeps,
  labWithGoogRun,
  openLab,
  RESULT_HASH,
  storeState,
  type TestLab,
} from './goog-lab';

const ZIP_LIMITS = { maxArchiveBytes: 1 << 30, maxEntries: 256, maxEntryBytes: 1 << 30 };
let origin: TestLab;
let record: ExperimentRecord;
let withInputs: Uint8Array;
let withoutInputs: Uint8Array;

beforeAll(async () => {
  ({ lab: origin, record } = await labWithGoogRun());
  const deps = { store: origin.store, tracker: origin.tracker, appVersion: APP_VERSION };
  withInputs = (await exportBundle(deps, EXPERIMENT_ID, { withInputs: true })).bytes;
  withoutInputs = (await exportBundle(deps, EXPERIMENT_ID)).bytes;
}, 120_000);
afterAll(closeLabs);

async function refusedBy(lab: TestLab, bytes: Uint8Array): Promise<BundleError> {
  const before = await storeState(lab);
  let error: unknown;
  try {
    await importBundle(bundleDeps(lab), bytes);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(BundleError);
  expect(await storeState(lab)).toEqual(before);
  return error as BundleError;
}

/** The archive's entries, to rebuild it with changes (as a careful forger would: consistent checksums). */
function entriesOf(bytes: Uint8Array): { name: string; data: Uint8Array }[] {
  return readStoredZip(bytes, ZIP_LIMITS).map((e) => ({ name: e.name, data: e.data.slice() }));
}

function manifestOf(bytes: Uint8Array): BundleManifest {
  return JSON.parse(new TextDecoder().decode(entriesOf(bytes)[0].data)) as BundleManifest;
}

function rebuilt(bytes: Uint8Array, change: (entries: { name: string; data: Uint8Array }[]) => void): Uint8Array {
  const entries = entriesOf(bytes);
  change(entries);
  return writeStoredZip(entries);
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('export', () => {
  it('writes manifest, summary, results and (optionally) inputs — the same bytes every time', async () => {
    expect(entriesOf(withInputs).map((e) => e.name)).toEqual([
      'manifest.json',
      'summary.txt',
      `inputs/${GOOG_ID}.parquet`,
      'results/equity.parquet',
      'results/trades.parquet',
      'results/fills.parquet',
      'results/metrics.parquet',
    ]);
    expect(entriesOf(withoutInputs).map((e) => e.name)).not.toContain(`inputs/${GOOG_ID}.parquet`);
    const again = await exportBundle({ store: origin.store, tracker: origin.tracker, appVersion: APP_VERSION }, EXPERIMENT_ID, { withInputs: true });
    expect(sha256(again.bytes)).toBe(sha256(withInputs));
    expect(again.fileName).toBe(`${EXPERIMENT_ID}.zip`);

    const m = manifestOf(withInputs);
    expect(m).toMatchObject({
      format: 'quantlab-result-bundle',
      bundleVersion: 1,
      experiment: { id: EXPERIMENT_ID, status: 'done', results: { resultHash: RESULT_HASH } },
    });
    expect(m.artifacts.map((a) => a.role)).toEqual(['input', 'equity', 'trades', 'fills', 'metrics']);
    // Lineage: every result was made from GOOG.
    for (const a of m.artifacts.slice(1)) expect(a.record.inputs).toEqual([GOOG_ID]);
    // Every file but the manifest has its SHA-256 and size listed, and they are right.
    const entries = entriesOf(withInputs);
    expect(m.files.map((f) => f.path)).toEqual(entries.slice(1).map((e) => e.name));
    for (const f of m.files) {
      const data = entries.find((e) => e.name === f.path)!.data;
      expect({ sha256: sha256(data), bytes: data.length }).toEqual({ sha256: f.sha256, bytes: f.bytes });
    }
    const summary = new TextDecoder().decode(entries[1].data);
    expect(summary).toContain(`resultHash   ${RESULT_HASH}`);
    expect(summary).toContain(`${m.artifacts[1].record.fileHash}  results/equity.parquet`);
  });

  it('refuses an experiment without results', async () => {
    const lab = await openLab('no-results');
    await expect(exportBundle({ store: lab.store, tracker: lab.tracker, appVersion: APP_VERSION }, EXPERIMENT_ID)).rejects.toThrow(
      /not in the tracker/,
    );
  });
});

describe('import', () => {
  it('verifies, then stores inputs and results into a fresh store with their lineage; a second import stores nothing', async () => {
    const lab = await openLab('fresh');
    const first = await importBundle(bundleDeps(lab), withInputs);
    expect(first.artifacts.map((a) => [a.role, a.created])).toEqual([
      ['input', true],
      ['equity', true],
      ['trades', true],
      ['fills', true],
      ['metrics', true],
    ]);
    for (const a of first.artifacts) {
      const there = (await origin.store.get(a.record.id))!;
      // Same content, same bytes, same lineage; only the store's own clock differs.
      expect({ ...a.record, createdAt: '' }).toEqual({ ...there, createdAt: '' });
      expect(await fileHash(await lab.store.readBytes(a.record.id, { verify: true }))).toMatchObject({ sha256: there.fileHash });
    }
    expect((await lab.store.lineage(GOOG_ID, 'down')).map((r) => r.id).sort()).toEqual(
      first.artifacts
        .slice(1)
        .map((a) => a.record.id)
        .sort(),
    );

    const before = await storeState(lab);
    const second = await importBundle(bundleDeps(lab), withInputs);
    expect(second.artifacts.every((a) => !a.created)).toBe(true);
    expect(await storeState(lab)).toEqual(before);
  });

  it('dedups against what the store has: results made here before are `existing`', async () => {
    const result = await importBundle(bundleDeps(origin), withoutInputs);
    expect(result.artifacts.map((a) => a.created)).toEqual([false, false, false, false]);
  });

  it('refuses results whose inputs are neither in the bundle nor in the store, storing nothing', async () => {
    const lab = await openLab('no-goog');
    const e = await refusedBy(lab, withoutInputs);
    expect(e.rule).toBe('missing-input');
    expect(e.message).toMatch(/was made from art_f2e4b64306bd2b8ab341951c \(GOOG\), which is neither in the bundle nor in this store/);
  });
});

describe('the imported experiment', () => {
  const bundleSha = () => sha256(withInputs);

  it('is registered done, with the bundle as provenance: listed, read back, the same spec and resultHash', async () => {
    const lab = await openLab('registered');
    const before = lab.deps.clock.now();
    const imported = await importBundle(bundleDeps(lab), withInputs, { fileName: '/somewhere/goog-run.zip' });
    expect(imported.experiment.created).toBe(true);
    const listed = await lab.tracker.list();
    expect(listed.map((r) => [r.id, r.status, r.results?.resultHash])).toEqual([[EXPERIMENT_ID, 'done', RESULT_HASH]]);
    const got = (await lab.tracker.get(EXPERIMENT_ID))!;
    expect(got).toEqual(imported.experiment.record);
    // Everything as it was run, plus where it came from (the file name without directories).
    const { importedFrom, ...provenance } = got.provenance;
    expect({ ...got, provenance }).toEqual({ ...record, provenance: record.provenance });
    expect(importedFrom).toMatchObject({ file: 'goog-run.zip', bundleSha256: bundleSha() });
    // The import time is this lab's clock (after the store's own ticks for the artifacts), never the bundle's.
    expect(Date.parse(importedFrom!.importedAt)).toBeGreaterThan(before);
    expect(Date.parse(importedFrom!.importedAt)).toBeLessThanOrEqual(lab.deps.clock.now());
    expect(await lab.tracker.list({ status: 'done' })).toHaveLength(1);
    // Its result artifacts are in the store, so it opens like one run here.
    for (const role of ['equity', 'trades', 'fills', 'metrics'] as const) expect(await lab.store.get(got.results!.artifacts[role].id)).toBeDefined();
  });

  it('importing the same bundle twice keeps one record, unchanged', async () => {
    const lab = await openLab('twice');
    const first = await importBundle(bundleDeps(lab), withInputs, { fileName: 'goog.zip' });
    const state = await storeState(lab);
    const second = await importBundle(bundleDeps(lab), withInputs, { fileName: 'again.zip' });
    expect(second.experiment).toEqual({ record: first.experiment.record, created: false });
    expect(await storeState(lab)).toEqual(state);
    expect(await lab.tracker.list()).toHaveLength(1);
  });

  it('an experiment done here is kept as it is; a draft of the same spec is superseded', async () => {
    const kept = await importBundle(bundleDeps(origin), withoutInputs, { fileName: 'goog.zip' });
    expect(kept.experiment.created).toBe(false);
    expect(kept.experiment.record).toEqual(await origin.tracker.get(EXPERIMENT_ID));
    expect(kept.experiment.record.provenance.importedFrom).toBeUndefined();

    const drafted = await openLab('has-draft');
    await importArtifact(importDeps(drafted), { name: 'GOOG.csv', bytes: goog() });
    const draft = await createExperiment(
      { tracker: drafted.tracker, store: drafted.store, clock: drafted.deps.clock, appVersion: APP_VERSION },
      GOOG_SPEC,
    );
    expect(draft.record.status).toBe('draft');
    const superseded = await importBundle(bundleDeps(drafted), withoutInputs);
    expect(superseded.experiment.created).toBe(true);
    expect((await drafted.tracker.get(EXPERIMENT_ID))!.status).toBe('done');
  });

  it('re-runs like one run here (same resultHash, provenance then local), and exports the experiment as it was run', async () => {
    const lab = await openLab('rerun');
    await importBundle(bundleDeps(lab), withInputs, { fileName: 'goog.zip' });
    // Exported again, it carries the experiment as it was run: import provenance stays in this lab.
    const again = await exportBundle({ store: lab.store, tracker: lab.tracker, appVersion: APP_VERSION }, EXPERIMENT_ID, { withInputs: true });
    expect(manifestOf(again.bytes).experiment).toEqual(manifestOf(withInputs).experiment);
    expect(manifestOf(again.bytes).experiment.provenance).not.toHaveProperty('importedFrom');
    const { record: ran } = await executeExperiment(lab.deps, EXPERIMENT_ID);
    expect(ran.status).toBe('done');
    expect(ran.results!.resultHash).toBe(RESULT_HASH);
    expect(ran.attempts).toBe(record.attempts + 1);
    expect(ran.provenance.importedFrom).toBeUndefined();
  });

  it('a refused bundle registers nothing', async () => {
    const lab = await openLab('refused-registers-nothing');
    const bad = withInputs.slice();
    bad[bad.length - 100] ^= 0x01;
    await refusedBy(lab, bad);
    expect(await lab.tracker.list()).toEqual([]);
  });
});

describe('tampering is refused, naming the file, and the store is unchanged', () => {
  let lab: TestLab;
  let layout: { name: string; start: number; end: number }[];
  beforeAll(async () => {
    lab = await openLab('target');
    // Where each entry's bytes are in the archive (views into it).
    layout = readStoredZip(withInputs, ZIP_LIMITS).map((e) => ({ name: e.name, start: e.data.byteOffset, end: e.data.byteOffset + e.data.length }));
  });

  it('one byte changed in any file: refused with that file named', async () => {
    for (const entry of layout) {
      for (const at of [entry.start, Math.floor((entry.start + entry.end) / 2), entry.end - 1]) {
        const bad = withInputs.slice();
        bad[at] ^= 0x01;
        const e = await refusedBy(lab, bad);
        expect(e.file, `byte ${at} in ${entry.name}`).toBe(entry.name);
        expect(e.message.startsWith(`${entry.name}: `)).toBe(true);
      }
    }
  });

  it('one byte changed in the ZIP structure: refused', async () => {
    const first = layout[0].start;
    const cd = layout[layout.length - 1].end;
    for (const at of [
      0,
      4,
      8,
      14,
      22,
      first - 1,
      cd,
      cd + 10,
      cd + 28,
      cd + 42,
      withInputs.length - 22,
      withInputs.length - 10,
      withInputs.length - 1,
    ]) {
      const bad = withInputs.slice();
      bad[at] ^= 0x20;
      const e = await refusedBy(lab, bad);
      expect(['zip', 'zip-canonical', 'crc', 'size']).toContain(e.rule);
    }
  });

  it('truncated: refused', async () => {
    for (const keep of [0, 10, Math.floor(withInputs.length / 2), withInputs.length - 1]) {
      const e = await refusedBy(lab, withInputs.subarray(0, keep));
      expect(e.rule).toBe('zip');
      expect(e.message).toMatch(/^zip: not a complete ZIP archive/);
    }
  });

  it('an extra file, or a listed file left out: refused naming it', async () => {
    const extra = rebuilt(withInputs, (entries) => entries.push({ name: 'results/extra.parquet', data: new Uint8Array([1, 2, 3]) }));
    expect(await refusedBy(lab, extra)).toMatchObject({ file: 'results/extra.parquet', rule: 'unknown-file' });
    const missing = rebuilt(withInputs, (entries) =>
      entries.splice(
        entries.findIndex((e) => e.name === 'results/trades.parquet'),
        1,
      ),
    );
    expect(await refusedBy(lab, missing)).toMatchObject({ file: 'results/trades.parquet', rule: 'missing-file' });
    const noManifest = rebuilt(withInputs, (entries) => entries.splice(0, 1));
    expect(await refusedBy(lab, noManifest)).toMatchObject({ file: 'manifest.json', rule: 'missing-file' });
  });

  it("a file swapped for other bytes with its checksum updated in the manifest: the record's fileHash disagrees", async () => {
    const swapped = rebuilt(withInputs, (entries) => {
      const m = JSON.parse(new TextDecoder().decode(entries[0].data)) as BundleManifest;
      const eq = entries.find((e) => e.name === 'results/equity.parquet')!;
      eq.data = entries.find((e) => e.name === 'results/fills.parquet')!.data;
      const f = m.files.find((x) => x.path === 'results/equity.parquet')!;
      f.sha256 = sha256(eq.data);
      f.bytes = eq.data.length;
      entries[0].data = new TextEncoder().encode(manifestText(m));
    });
    const e = await refusedBy(lab, swapped);
    expect(e).toMatchObject({ file: 'manifest.json', rule: 'file-hash' });
    expect(e.message).toMatch(/results\/equity\.parquet is listed with SHA-256 [0-9a-f]{64}, but its record's fileHash is/);
  });

  it('a result table rewritten with every checksum, fileHash and summary made consistent: its contentHash gives it away', async () => {
    const forged = await (async () => {
      const entries = entriesOf(withInputs);
      const m = JSON.parse(new TextDecoder().decode(entries[0].data)) as BundleManifest;
      const eq = entries.find((e) => e.name === 'results/equity.parquet')!;
      // The same table with one equity value changed, as valid canonical-looking Parquet.
      const table = tableFromIPC(await codec.toArrowIpc(eq.data));
      (table.getChild('equity')!.data[0].values as Float64Array)[100] += 1;
      eq.data = await codec.fromArrowIpc(tableToIPC(table, 'stream'));
      const a = m.artifacts.find((x) => x.role === 'equity')!;
      a.record.fileHash = sha256(eq.data);
      a.record.sizes.storedBytes = eq.data.length;
      const f = m.files.find((x) => x.path === 'results/equity.parquet')!;
      f.sha256 = a.record.fileHash;
      f.bytes = eq.data.length;
      const summary = new TextEncoder().encode(bundleSummary(m));
      entries[1].data = summary;
      m.files[0] = { path: 'summary.txt', sha256: sha256(summary), bytes: summary.length };
      entries[0].data = new TextEncoder().encode(manifestText(m));
      return writeStoredZip(entries);
    })();
    const e = await refusedBy(lab, forged);
    expect(e).toMatchObject({ file: 'results/equity.parquet', rule: 'content-hash' });
    expect(e.message).toMatch(/its rows hash to contentHash [0-9a-f]{64}; its record says 53212b36/);
  });

  it('an edited summary, or a manifest whose resultHash was changed: refused with the rule', async () => {
    const summary = rebuilt(withInputs, (entries) => {
      const m = JSON.parse(new TextDecoder().decode(entries[0].data)) as BundleManifest;
      entries[1].data = new TextEncoder().encode(new TextDecoder().decode(entries[1].data).replace('headline', 'Headline'));
      m.files[0] = { path: 'summary.txt', sha256: sha256(entries[1].data), bytes: entries[1].data.length };
      entries[0].data = new TextEncoder().encode(manifestText(m));
    });
    expect(await refusedBy(lab, summary)).toMatchObject({ file: 'summary.txt', rule: 'summary' });
    const resultHash = rebuilt(withInputs, (entries) => {
      const m = JSON.parse(new TextDecoder().decode(entries[0].data)) as BundleManifest;
      m.experiment.results!.resultHash = 'f'.repeat(64);
      entries[0].data = new TextEncoder().encode(manifestText(m));
    });
    expect(await refusedBy(lab, resultHash)).toMatchObject({ file: 'manifest.json', rule: 'result-hash' });
  });

  it('a manifest of a newer format, or not JSON: refused', async () => {
    const newer = rebuilt(withInputs, (entries) => {
      const m = JSON.parse(new TextDecoder().decode(entries[0].data)) as Record<string, unknown>;
      m.bundleVersion = 3;
      entries[0].data = new TextEncoder().encode(JSON.stringify(m));
    });
    expect((await refusedBy(lab, newer)).message).toMatch(/^manifest\.json: bundle version 3 is newer than this lab reads \(2\)/);
    const garbage = rebuilt(withInputs, (entries) => (entries[0].data = new TextEncoder().encode('{"format":')));
    expect(await refusedBy(lab, garbage)).toMatchObject({ file: 'manifest.json', rule: 'manifest' });
  });

  it('declared sizes beyond the limits are refused before anything is hashed', async () => {
    await expect(readBundle({ codec }, withInputs, { limits: { maxFileBytes: 1000 } })).rejects.toMatchObject({
      rule: 'size',
      file: 'manifest.json',
    });
    await expect(readBundle({ codec }, withInputs, { limits: { maxBundleBytes: 1000 } })).rejects.toThrow(
      /^zip: the bundle is \d+ bytes; the limit is 1000 \[rule: size\]$/,
    );
  });
});
