/** The stages an import announces, in order, for a file that is stored, one already stored and one quarantined. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DirArtifactStore } from '../../../src/adapters/node/dir-artifact-store';
import { NodeParquetCodec } from '../../../src/adapters/node/node-parquet-codec';
import { barsDecoder } from '../../../src/handlers/decode-bars-bytes';
import { importArtifact } from '../../../src/handlers/import-artifact';
import { withImportStages, STAGE_START, type ImportStage } from '../../../src/handlers/import-stages';
import { steppingClock } from '../../shared/artifact-fixtures';
import { sharedDataPath } from '../../helpers/shared-data';

const root = mkdtempSync(join(tmpdir(), 'quantlab-stages-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('withImportStages', () => {
  it('reports decoding → validating → checking → converting → storing, then only what a second import does', async () => {
    const store = await DirArtifactStore.open(join(root, 'a'), { clock: steppingClock() });
    const codec = new NodeParquetCodec();
    const stages: ImportStage[] = [];
    const deps = withImportStages({ store, decode: barsDecoder(codec), parquet: codec, appVersion: 'test' }, (s) => stages.push(s));
    const goog = { name: 'GOOG.csv', bytes: new Uint8Array(readFileSync(sharedDataPath('GOOG.csv'))) };

    expect((await importArtifact(deps, goog)).status).toBe('created');
    expect(stages).toEqual(['decoding', 'validating', 'checking', 'converting', 'storing']);
    stages.length = 0;
    expect((await importArtifact(deps, goog)).status).toBe('existing');
    expect(stages).toEqual(['decoding', 'validating', 'checking']);
    stages.length = 0;
    expect((await importArtifact(deps, { name: 'bad.csv', bytes: new TextEncoder().encode('nothing,useful\n1,2\n') })).status).toBe('quarantined');
    expect(stages).toEqual(['decoding', 'quarantining']);
    // The wrapped store still behaves as the store (other methods pass through).
    expect((await deps.store.find()).length).toBe(1);
    await store.close();
  });

  it('stage starts increase through a stored import', () => {
    const order: ImportStage[] = ['reading', 'decoding', 'validating', 'checking', 'converting', 'storing'];
    for (let i = 1; i < order.length; i++) expect(STAGE_START[order[i]]).toBeGreaterThan(STAGE_START[order[i - 1]]);
    expect(STAGE_START.storing).toBeLessThan(1);
  });
});
