/**
 * `artifacts get` keeps an ohlcv artifact's coverage report in the store index, so a second get does not decode the
 * Parquet again: the cached report is the computed one, exactly, and a damaged or foreign cache entry is recomputed.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliJson } from '../../helpers/cli-run';
import { sharedDataPath } from '../../helpers/shared-data';

const root = mkdtempSync(join(tmpdir(), 'quantlab-coverage-cache-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const GOOG_ID = 'art_f2e4b64306bd2b8ab341951c';

describe('artifacts get and the coverage cache', () => {
  it('gives the same report from the cache as from the bars, and recomputes a bad entry', async () => {
    const store = join(root, 'store');
    await cliJson(['artifacts', 'import', sharedDataPath('GOOG.csv'), '--store', store]);
    const cacheFile = join(store, 'index', 'coverage', `${GOOG_ID}.json`);
    const get = () =>
      cliJson<{ coverage: { instruments: Array<{ bars: number; missingBars: number }> } }>(['artifacts', 'get', GOOG_ID, '--store', store]);
    const computed = await get();
    expect(computed.coverage.instruments[0]).toMatchObject({ bars: 2148, missingBars: 79 });
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as { fileHash: string; coverage: unknown };
    expect(cached.coverage).toEqual(computed.coverage);
    expect(await get()).toEqual(computed);
    // An entry for other bytes (as if the id's record were different) or a damaged one is not used.
    writeFileSync(cacheFile, JSON.stringify({ ...cached, fileHash: '0'.repeat(64), coverage: { interval: 'wrong', instruments: [] } }));
    expect(await get()).toEqual(computed);
    writeFileSync(cacheFile, '{ damaged');
    expect(await get()).toEqual(computed);
    expect(JSON.parse(readFileSync(cacheFile, 'utf8'))).toEqual(cached);
  });
});
