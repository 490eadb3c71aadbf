/**
 * The universe picker's state on a real directory store: universe12's CSV files imported as a folder, the sample
 * universe stored on demand, GOOG / EURUSD / BTCUSD for "all of your data" across intervals.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBarsFile } from '../../../src/adapters/node/decode-bars-file';
import { DirArtifactStore } from '../../../src/adapters/node/dir-artifact-store';
import { NodeParquetCodec } from '../../../src/adapters/node/node-parquet-codec';
import type { ArtifactRecord } from '../../../src/core/artifacts/record';
import { importArtifact } from '../../../src/handlers/import-artifact';
import { ensureSampleUniverse } from '../../../src/handlers/ensure-sample-universe';
import { importFiles, type FileImporter } from '../../../src/handlers/import-files';
import { UniversePicker, type UniverseCandidate } from '../../../src/ui/universe/universe-picker-state.svelte';
import { sharedDataPath } from '../../helpers/shared-data';
import { steppingClock } from '../../shared/artifact-fixtures';

interface DiskFile {
  name: string;
  size: number;
  path: string;
}

const root = mkdtempSync(join(tmpdir(), 'quantlab-universe-picker-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const parquet = new NodeParquetCodec();
let store: DirArtifactStore;
let candidates: UniverseCandidate[] = [];

const disk = (path: string, name = path.split('/').pop()!): DiskFile => ({ name, path, size: readFileSync(path).length });
const folder = (dir: string): DiskFile[] => readdirSync(dir).map((n) => disk(join(dir, n)));

async function refresh(): Promise<void> {
  candidates = (await store.find({ kind: 'ohlcv' })).map((r) => ({
    id: r.id,
    name: r.instruments[0] ?? r.id,
    detail: r.interval ?? 'irregular',
    record: r,
  }));
}

function picker(): UniversePicker<DiskFile> {
  const importer: FileImporter<DiskFile> = {
    importFile: (f) => importArtifact({ store, decode: decodeBarsFile, parquet, appVersion: 'test' }, { name: f.name, bytes: readFileSync(f.path) }),
    cancel: () => undefined,
  };
  return new UniversePicker<DiskFile>({
    candidates: () => candidates,
    storeSampleUniverse: async () => {
      const records = await ensureSampleUniverse({ store, parquet, appVersion: 'test' });
      await refresh();
      return records;
    },
    importFiles: async (files) => {
      const results = await importFiles(files, importer);
      await refresh();
      return results;
    },
  });
}

const byName = (name: string): ArtifactRecord => candidates.find((c) => c.name === name)!.record;

beforeAll(async () => {
  store = await DirArtifactStore.open(join(root, 'store'), { clock: steppingClock() });
});
afterAll(async () => store.close());

describe('UniversePicker', () => {
  it('imports a dropped folder and selects its bars; a file that is not bars is named, not selected', async () => {
    const p = picker();
    const files = [...folder(sharedDataPath('universe12')), disk(sharedDataPath('GOOG.csv'), 'notes.txt')];
    await p.addFiles(files);
    // closes.csv (all closes in one table) has no open/high/low/volume: quarantined; notes.txt is refused.
    expect(p.selection.map((i) => i.name)).toEqual(['FIN1', 'FIN2', 'FIN3', 'FIN4', 'NRG1', 'NRG2', 'NRG3', 'NRG4', 'TEC1', 'TEC2', 'TEC3', 'TEC4']);
    expect(p.count).toBe(12);
    expect(p.interval).toBe('1d');
    expect(p.notice).toMatch(/closes\.csv: quarantined/);
    expect(p.notice).toMatch(/notes\.txt: unsupported file type/);
    expect(p.selection[0]).toEqual({ artifactId: byName('FIN1').id, contentHash: byName('FIN1').contentHash, name: 'FIN1', interval: '1d' });
    expect(p.busy).toBeNull();
  });

  it('filters as you type and adds what the filter shows; another interval is refused with the reason', async () => {
    const p = picker();
    await p.addFiles([disk(sharedDataPath('GOOG.csv')), disk(sharedDataPath('EURUSD.csv')), disk(sharedDataPath('BTCUSD.csv'))]);
    // GOOG is daily: it went in first; the hourly and monthly files were imported but left out, each with its reason.
    expect(p.selection.map((i) => i.name)).toEqual(['GOOG']);
    expect(p.notice).toContain('EURUSD (1h bars; the selection is 1d)');
    expect(p.notice).toContain('BTCUSD (1mo bars; the selection is 1d)');
    p.clear();
    p.query = 'tec';
    expect(p.matching.map((c) => c.name)).toEqual(['TEC1', 'TEC2', 'TEC3', 'TEC4']);
    p.addMatching();
    expect(p.count).toBe(4);
    p.query = 'NRG2';
    expect(p.matching.map((c) => c.name)).toEqual(['NRG2']);
    p.toggle(byName('NRG2'));
    expect(p.count).toBe(5);
    p.toggle(byName('TEC1'));
    expect(p.selection.map((i) => i.name)).toEqual(['TEC2', 'TEC3', 'TEC4', 'NRG2']);
    p.toggle(byName('EURUSD'));
    expect(p.count).toBe(4);
    expect(p.notice).toBe("EURUSD can't be added: 1h bars; the selection is 1d.");
    expect(p.refusal(byName('NRG3'))).toBeNull();
  });

  it('refuses a second instrument of the same name (input names are unique in a spec)', () => {
    const p = picker();
    p.toggle(byName('GOOG'));
    const other = { ...byName('TEC1'), id: 'art_other', instruments: ['GOOG'] } as ArtifactRecord;
    expect(p.refusal(other)).toBe(`another "GOOG" is selected (${byName('GOOG').id})`);
    p.toggle(other);
    expect(p.count).toBe(1);
  });

  it('"all of your data" takes every imported instrument of the most common interval and names the rest', () => {
    const p = picker();
    p.chooseYourData();
    expect(p.interval).toBe('1d');
    expect(p.count).toBe(13); // universe12's 12 and GOOG
    expect(p.notice).toMatch(/^13 selected; left out 2: EURUSD \(1h bars; the selection is 1d\), BTCUSD \(1mo bars/);
  });

  it('"the sample universe" stores its 24 members once and selects exactly them', async () => {
    const p = picker();
    p.chooseYourData();
    await p.chooseSampleUniverse();
    expect(p.count).toBe(24);
    expect(p.selection[0].name).toBe('tech-a');
    expect(p.selection.map((i) => i.name)).toContain('fin-b');
    expect(p.notice).toBeNull();
    const stored = (await store.find({ kind: 'ohlcv' })).length;
    await p.chooseSampleUniverse();
    expect((await store.find({ kind: 'ohlcv' })).length).toBe(stored);
    // Sample members are not "your data".
    p.chooseYourData();
    expect(p.count).toBe(13);
  });
});
