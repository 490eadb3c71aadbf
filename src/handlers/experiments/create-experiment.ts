/**
 * Creating an experiment from spec JSON (a file, a form): validate (SpecValidationError names each path and
 * rule), normalize, derive the id, and store it as a draft — or find the one that exists. Inputs are not frozen
 * here (they may be imported later); the ones the store does not hold yet are reported so a caller can say so.
 * A version-2 (lab) spec is the exception: its universe must be stored already (resolve-universe.ts).
 */
import { identifySpec } from '../../core/experiments/identity';
import { isLabSpec } from '../../core/experiments/spec';
import { parseSpec } from '../../core/experiments/spec-problems';
import { resolveUniverse } from './resolve-universe';
import type { ExperimentRecord } from '../../core/experiments/record';
import type { ArtifactStore, Clock } from '../../ports/artifact-store';
import type { ExperimentTracker } from '../../ports/experiment-tracker';

export interface CreateExperimentDeps {
  tracker: ExperimentTracker;
  /** When given, inputs it does not hold are listed in `missingInputs`. */
  store?: ArtifactStore;
  clock: Clock;
  appVersion: string;
}

export interface CreateExperimentOutcome {
  record: ExperimentRecord;
  /** false when the same spec had been created before. */
  created: boolean;
  /** contentHashes of inputs the store does not hold (executing refuses until they are imported). */
  missingInputs: string[];
}

export async function createExperiment(deps: CreateExperimentDeps, raw: unknown, source?: string): Promise<CreateExperimentOutcome> {
  const parsed = parseSpec(raw, source);
  let spec = parsed;
  if (isLabSpec(parsed)) {
    // A universe is checked against the store first (names, kinds, intervals): a refused one stores nothing.
    if (!deps.store) throw new TypeError('a lab-profile (version 2) spec is created with the artifact store, which resolves its inputs');
    spec = await resolveUniverse(deps.store, parsed, source);
  }
  const prepared = await identifySpec(spec);
  const { record, created } = await deps.tracker.create(prepared, { at: deps.clock.now(), appVersion: deps.appVersion });
  const missingInputs: string[] = [];
  if (deps.store) {
    for (const input of record.spec.inputs) if (!(await deps.store.getByContentHash(input.contentHash))) missingInputs.push(input.contentHash);
  }
  return { record, created, missingInputs };
}
