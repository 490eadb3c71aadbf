/**
 * Re-run what a run link (or a bundle, as its link) describes, and judge the result: ports only, the same code in
 * the CLI and the browser.
 *
 *   inputs     each input's contentHash matched against the store; a missing one ends here with the verdict
 *              `different: input-mismatch` (nothing to run on) — the caller first offers files (admit-input.ts)
 *   create     the experiment from the link's spec (idempotent: the id is the spec's, as where it first ran)
 *   execute    executeExperiment, the very path of every tracked run: freeze, load, run, publish, results
 *   verdict    resultHash and engine build compared with the link's (src/core/reproduce/verdict.ts)
 *
 * A run that fails (an engine error, a cancel) is not a verdict: ReproduceFailedError carries its record.
 */
import type { ExperimentRecord } from '../core/experiments/record';
import type { RunLink } from '../core/reproduce/run-link';
import { reproduceVerdict, type Verdict } from '../core/reproduce/verdict';
import { executeExperiment, type ExecuteExperimentDeps, type ExecuteStage } from './execute-experiment';
import { createExperiment } from './experiments/create-experiment';
import { inputName, neededInputs, type NeededInput } from './reproduce/needed-inputs';

export type ReproduceStage = 'inputs' | 'creating' | ExecuteStage;

export interface ReproduceOptions {
  signal?: AbortSignal;
  onStage?: (stage: ReproduceStage) => void;
}

export interface ReproduceOutcome {
  verdict: Verdict;
  /** The experiment as the re-run left it (done); null when it could not run. */
  experiment: ExperimentRecord | null;
  inputs: NeededInput[];
}

export class ReproduceFailedError extends Error {
  override name = 'ReproduceFailedError';
  constructor(readonly record: ExperimentRecord) {
    super(`the re-run of ${record.id} ended ${record.status}${record.error ? `: ${record.error.message}` : ''}`);
  }
}

export async function reproduceRun(deps: ExecuteExperimentDeps, link: RunLink, options: ReproduceOptions = {}): Promise<ReproduceOutcome> {
  const expected = { resultHash: link.expectedResultHash, engineBuildHash: link.engineBuildHash, inputs: link.inputs.map((i) => i.contentHash) };
  const labels = link.inputs.map((i) => inputName(i));
  options.onStage?.('inputs');
  const inputs = await neededInputs(deps.store, link);
  if (inputs.some((i) => i.status === 'missing')) {
    const actual = { resultHash: null, engineBuildHash: null, inputs: inputs.map((i) => i.record?.contentHash ?? null) };
    return { verdict: reproduceVerdict(expected, actual, labels), experiment: null, inputs };
  }

  options.onStage?.('creating');
  const { record } = await createExperiment(
    { tracker: deps.tracker, store: deps.store, clock: deps.clock, appVersion: deps.appVersion },
    link.spec,
    'run link',
  );
  const { record: ran } = await executeExperiment(deps, record.id, {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onStage ? { onStage: options.onStage } : {}),
  });
  if (ran.status !== 'done' || ran.results === null) throw new ReproduceFailedError(ran);
  const frozen = await Promise.all(ran.results.inputs.map((id) => deps.store.get(id)));
  const actual = {
    resultHash: ran.results.resultHash,
    engineBuildHash: ran.results.engineBuildHash,
    inputs: frozen.map((r) => r?.contentHash ?? null),
  };
  return { verdict: reproduceVerdict(expected, actual, labels), experiment: ran, inputs };
}
