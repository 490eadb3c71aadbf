/**
 * Deleting an artifact through the use case, on the Node adapters with the pinned GOOG experiment executed: a
 * finished experiment's result tables and its input are refused naming the experiment, and nothing changes; an
 * artifact no experiment holds is deleted. (The page's Artifacts view runs the same use case: tests/e2e.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArtifactInUseError } from '../../../src/core/artifacts/errors';
import { ArtifactUsedByExperimentError } from '../../../src/core/experiments/errors';
import type { ExperimentRecord } from '../../../src/core/experiments/record';
import { deleteArtifact } from '../../../src/handlers/delete-artifact';
import { importArtifact } from '../../../src/handlers/import-artifact';
import { closeLabs, EXPERIMENT_ID, GOOG_ID, importDeps, labWithGoogRun, sharedFile, storeState, type TestLab } from '../reproduce/goog-lab';

let lab: TestLab;
let record: ExperimentRecord;

beforeAll(async () => {
  ({ lab, record } = await labWithGoogRun('delete'));
}, 120_000);
afterAll(closeLabs);

async function refusal(id: string): Promise<ArtifactUsedByExperimentError> {
  const before = await storeState(lab);
  const error = await deleteArtifact({ store: lab.store, tracker: lab.tracker }, id).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ArtifactUsedByExperimentError);
  // Still "in use" for callers that handle the store's own refusal.
  expect(error).toBeInstanceOf(ArtifactInUseError);
  expect(await storeState(lab)).toEqual(before);
  return error as ArtifactUsedByExperimentError;
}

describe('deleteArtifact', () => {
  it("refuses a finished experiment's result tables, naming the experiment, and changes nothing", async () => {
    for (const role of ['equity', 'trades', 'fills', 'metrics'] as const) {
      const id = record.results!.artifacts[role].id;
      const e = await refusal(id);
      expect(e.message).toBe(
        `cannot delete ${id}: it is the ${role} result of experiment ${EXPERIMENT_ID} (GOOG sma 10/20), done; an experiment's results stay as long as the experiment`,
      );
      expect(e.dependents).toEqual([EXPERIMENT_ID]);
    }
  });

  it('refuses its input with the experiment named (before the store would name the result artifacts)', async () => {
    const e = await refusal(GOOG_ID);
    expect(e.message).toMatch(new RegExp(`^cannot delete ${GOOG_ID}: it is the input of experiment ${EXPERIMENT_ID} \\(GOOG sma 10/20\\), done;`));
  });

  it('deletes an artifact no experiment holds', async () => {
    const other = await importArtifact(importDeps(lab), { name: 'BTCUSD.csv', bytes: sharedFile('BTCUSD.csv') });
    if (other.status === 'quarantined') throw new Error('BTCUSD.csv was quarantined');
    await deleteArtifact({ store: lab.store, tracker: lab.tracker }, other.record.id);
    expect(await lab.store.get(other.record.id)).toBeUndefined();
    expect(await lab.store.get(record.results!.artifacts.equity.id)).toBeDefined();
  });
});
