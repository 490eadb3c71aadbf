/**
 * Reproducing a run from its link in a fresh store: inputs matched by contentHash, missing ones asked for and
 * checked on the way in (a wrong file is refused and nothing is stored), the spec re-run through executeExperiment,
 * and the verdict: identical for the pinned GOOG run, different with the reason otherwise.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentRecord } from '../../../src/core/experiments/record';
import { decodeRunLink, encodeRunLink, type RunLink } from '../../../src/core/reproduce/run-link';
import { exportBundle } from '../../../src/handlers/export-bundle';
import { readBundle } from '../../../src/handlers/import-bundle';
import { ReproduceFailedError, reproduceRun } from '../../../src/handlers/reproduce-run';
import { admitInput } from '../../../src/handlers/reproduce/admit-input';
import { neededInputs } from '../../../src/handlers/reproduce/needed-inputs';
import { runLinkFor, runLinkOfBundle } from '../../../src/handlers/reproduce/run-link-for';
import type { CompatRunner } from '../../../src/ports/compat-runner';
import {
  APP_VERSION,
  closeLabs,
  codec,
  EXPERIMENT_ID,
  GOOG_HASH,
  GOOG_ID,
  goog,
  importDeps,
  labWithGoogRun,
  openLab,
  RESULT_HASH,
  sharedFile,
  storeState,
  type TestLab,
} from './goog-lab';

let origin: TestLab;
let record: ExperimentRecord;
let link: RunLink;

beforeAll(async () => {
  ({ lab: origin, record } = await labWithGoogRun());
  link = decodeRunLink(encodeRunLink(await runLinkFor(origin.store, record)));
}, 120_000);
afterAll(closeLabs);

describe('the run link of a finished experiment', () => {
  it('carries the spec, engine build, resultHash and the inputs with what helps find them', () => {
    expect(link.expectedResultHash).toBe(RESULT_HASH);
    expect(link.engineBuildHash).toBe(record.results!.engineBuildHash);
    expect(link.inputs).toEqual([{ contentHash: GOOG_HASH, label: 'GOOG', rows: 2148, instrument: 'GOOG' }]);
    expect(link.spec).toEqual(record.spec);
  });

  it('a bundle describes the same run', async () => {
    const bundle = await readBundle(
      { codec },
      (await exportBundle({ store: origin.store, tracker: origin.tracker, appVersion: APP_VERSION }, EXPERIMENT_ID)).bytes,
    );
    expect(runLinkOfBundle(bundle)).toEqual(link);
  });
});

describe('reproducing in a fresh store', () => {
  it('lists GOOG as missing, refuses another file (storing nothing), accepts GOOG.csv, re-runs: identical', async () => {
    const lab = await openLab('fresh');
    expect((await neededInputs(lab.store, link)).map((i) => i.status)).toEqual(['missing']);

    const missing = await reproduceRun(lab.deps, link);
    expect(missing.verdict).toMatchObject({ verdict: 'different', reason: 'input-mismatch' });
    expect(missing.verdict.message).toBe('input 1 (GOOG) f2e4b64306bd… was not found');
    expect(missing.experiment).toBeNull();

    const before = await storeState(lab);
    const wrong = await admitInput(importDeps(lab), link, { name: 'EURUSD.csv', bytes: sharedFile('EURUSD.csv') });
    expect(wrong).toMatchObject({ status: 'refused', reason: 'content-mismatch' });
    expect(wrong.status === 'refused' && wrong.message).toMatch(
      /^EURUSD\.csv holds other data \(contentHash [0-9a-f]{12}…\); this run needs GOOG f2e4b64306bd…$/,
    );
    const garbage = await admitInput(importDeps(lab), link, { name: 'GOOG.csv', bytes: new TextEncoder().encode('not,a,csv\n1,2,3\n') });
    expect(garbage).toMatchObject({ status: 'refused' });
    expect(await storeState(lab)).toEqual(before);

    const renamed = await admitInput(importDeps(lab), link, { name: 'goog-daily.csv', bytes: goog() });
    expect(renamed).toMatchObject({ status: 'accepted', index: 0, contentHash: GOOG_HASH, created: true });
    // The link's instrument names it, not the file name it arrived under.
    expect(renamed.status === 'accepted' && renamed.record).toMatchObject({ id: GOOG_ID, instruments: ['GOOG'] });

    const outcome = await reproduceRun(lab.deps, link);
    expect(outcome.verdict).toMatchObject({ verdict: 'identical', reason: null, actual: { resultHash: RESULT_HASH } });
    expect(outcome.experiment).toMatchObject({ id: EXPERIMENT_ID, status: 'done' });
  });

  it('the same store re-runs again (a new attempt) with the same verdict', async () => {
    const outcome = await reproduceRun(origin.deps, link);
    expect(outcome.verdict.verdict).toBe('identical');
    expect(outcome.experiment!.attempts).toBe(2);
  });

  it('another expected resultHash: different: result', async () => {
    const other = { ...link, expectedResultHash: 'e'.repeat(64) };
    const outcome = await reproduceRun(origin.deps, decodeRunLink(encodeRunLink(other)));
    expect(outcome.verdict).toMatchObject({
      verdict: 'different',
      reason: 'result',
      expected: { resultHash: 'e'.repeat(64) },
      actual: { resultHash: RESULT_HASH },
    });
  });

  it('another engine build and another result: different: engine-build', async () => {
    const other = { ...link, engineBuildHash: '0'.repeat(64), expectedResultHash: 'e'.repeat(64) };
    expect((await reproduceRun(origin.deps, other)).verdict.reason).toBe('engine-build');
    // The same result from another build is identical (the resultHash decides).
    const same = { ...link, engineBuildHash: '0'.repeat(64) };
    expect((await reproduceRun(origin.deps, same)).verdict.verdict).toBe('identical');
  });

  it('a run that fails is not a verdict', async () => {
    const lab = await openLab('broken-engine');
    await admitInput(importDeps(lab), link, { name: 'GOOG.csv', bytes: goog() });
    const broken: CompatRunner = { engineBuildHash: link.engineBuildHash, run: () => Promise.reject(new Error('engine exploded')) };
    await expect(reproduceRun({ ...lab.deps, runner: broken }, link)).rejects.toThrow(ReproduceFailedError);
    await expect(reproduceRun({ ...lab.deps, runner: broken }, link)).rejects.toThrow(/ended failed: engine exploded/);
  });
});
