/**
 * `quantlab sample universe --out DIR`: the folder it writes, imported into a CLI store, gives the artifacts the
 * universe picker stores — the same contentHash (hence id) per member as `ensureSampleUniverse` and as the generator
 * itself, in CSV and in Parquet (whose bytes are the stored ones). A second run leaves the files alone; a file with
 * other content is never overwritten and nothing is written.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirArtifactStore } from '../../../src/adapters/node/dir-artifact-store';
import { NodeParquetCodec } from '../../../src/adapters/node/node-parquet-codec';
import { ohlcvContentHash } from '../../../src/core/artifacts/content-hash';
import type { ArtifactRecord } from '../../../src/core/artifacts/record';
import { sampleUniverseMembers, simulateSampleUniverse } from '../../../src/core/sample';
import { ensureSampleUniverse } from '../../../src/handlers/ensure-sample-universe';
import { cliJson, runCli } from '../../helpers/cli-run';
import { steppingClock } from '../../shared/artifact-fixtures';

const root = mkdtempSync(join(tmpdir(), 'quantlab-sample-universe-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const at = (name: string) => join(root, name);

interface SampleJson {
  out: string;
  format: string;
  files: Array<{ file: string; instrument: string; rows: number; contentHash: string; id: string; status: string }>;
}
interface ImportJson {
  results: Array<{ status: string; record: { id: string; contentHash: string; fileHash: string; instruments: string[]; rowCount: number } }>;
}

const MEMBERS = sampleUniverseMembers().map((m) => m.id);
/** member → contentHash of the generator's bars, independent of any file or store. */
const generated = new Map<string, string>();
/** member → the record the universe picker's handler stores. */
const picked = new Map<string, ArtifactRecord>();
let pickerStore: DirArtifactStore;

beforeAll(async () => {
  for (const m of simulateSampleUniverse().members) generated.set(m.id, await ohlcvContentHash(m.bars));
  pickerStore = await DirArtifactStore.open(at('picker'), { clock: steppingClock() });
  for (const r of await ensureSampleUniverse({ store: pickerStore, parquet: new NodeParquetCodec(), appVersion: 'test' }))
    picked.set(r.instruments[0], r);
}, 120_000);
afterAll(() => pickerStore.close());

describe('quantlab sample universe', { timeout: 120_000 }, () => {
  it.each(['csv', 'parquet'] as const)('--format %s: 24 files that import as the picker’s artifacts', async (format) => {
    const dir = at(`out-${format}`);
    const written = await cliJson<SampleJson>(['sample', 'universe', '--out', dir, '--format', format]);
    expect(written.format).toBe(format);
    expect(written.files.map((f) => f.file)).toEqual(MEMBERS.map((m) => `${m}.${format}`));
    expect(readdirSync(dir).sort()).toEqual(MEMBERS.map((m) => `${m}.${format}`).sort());
    expect(written.files.every((f) => f.status === 'written' && f.rows === 2610)).toBe(true);

    const imported = await cliJson<ImportJson>([
      'artifacts',
      'import',
      ...written.files.map((f) => join(dir, f.file)),
      '--store',
      at(`store-${format}`),
    ]);
    expect(imported.results.map((r) => r.status)).toEqual(MEMBERS.map(() => 'created'));
    imported.results.forEach((r, k) => {
      const member = MEMBERS[k];
      expect(r.record.instruments).toEqual([member]);
      expect(r.record.rowCount).toBe(2610);
      expect(r.record.contentHash).toBe(generated.get(member));
      expect(r.record.contentHash).toBe(picked.get(member)!.contentHash);
      expect(r.record.id).toBe(picked.get(member)!.id);
      expect(written.files[k]).toMatchObject({ contentHash: r.record.contentHash, id: r.record.id });
    });
  });

  it('the Parquet files are the bytes the picker stores', async () => {
    for (const member of MEMBERS) {
      const file = readFileSync(join(at('out-parquet'), `${member}.parquet`));
      const record = picked.get(member)!;
      expect(createHash('sha256').update(file).digest('hex')).toBe(record.fileHash);
      expect(Buffer.compare(file, await pickerStore.readBytes(record.id, { verify: true }))).toBe(0);
    }
  });

  it('a second run leaves identical files alone; a file with other content stops it before anything is written', async () => {
    const dir = at('out-csv');
    const again = await cliJson<SampleJson>(['sample', 'universe', '--out', dir]);
    expect(again.files.every((f) => f.status === 'unchanged')).toBe(true);

    const changed = join(dir, 'fin-b.csv');
    const mine = readFileSync(changed, 'utf8').replace(/\n[^\n]*\n$/, '\n');
    writeFileSync(changed, mine);
    rmSync(join(dir, 'tech-a.csv'));
    const r = await runCli(['sample', 'universe', '--out', dir, '--json']);
    expect(r.error?.message).toBe(`sample universe: ${changed} already exists with other content; nothing was written`);
    expect(r.out).toBe('');
    expect(readFileSync(changed, 'utf8')).toBe(mine);
    expect(existsSync(join(dir, 'tech-a.csv'))).toBe(false);
  });

  it('refuses a missing --out and an unknown format, naming them', async () => {
    expect((await runCli(['sample', 'universe'])).error?.message).toBe('sample universe: --out DIR is required');
    expect((await runCli(['sample', 'universe', '--out', at('x'), '--format', 'xlsx'])).error?.message).toBe(
      'sample universe: --format: expected csv or parquet, got "xlsx"',
    );
    expect((await runCli(['sample', 'stocks'])).error?.message).toBe('sample: unknown subcommand "stocks" (known: universe)');
    expect(existsSync(at('x'))).toBe(false);
  });

  it('prints a readable table without --json', async () => {
    const r = await runCli(['sample', 'universe', '--out', at('out-text')]);
    expect(r.error).toBeUndefined();
    expect(r.out).toMatch(
      /^24 sample universe instruments in .*out-text \(csv; 24 written, 0 unchanged\)\nfile +name +rows +id\ntech-a\.csv +Technology A +2,610 +art_[0-9a-f]{24}\n/,
    );
  });
});
