/**
 * Named errors of experiments. They cross the port boundary (and worker hops) as values a caller can branch on:
 * `err instanceof ExperimentNotFoundError`, or `err.name === 'ExperimentNotFoundError'` after structured cloning.
 */
import { ArtifactInUseError } from '../artifacts/errors';
import type { ArtifactUse } from './artifact-use';
import type { SpecProblem } from './spec-problems';

/** A spec that breaks the schema; `problems` name each JSON path and rule. */
export class SpecValidationError extends Error {
  override name = 'SpecValidationError';
  constructor(
    readonly problems: readonly SpecProblem[],
    /** What the spec came from (a file name), prefixed to the message. */
    readonly source?: string,
  ) {
    super(`${source ? `${source}: ` : ''}${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  }
}

export class ExperimentNotFoundError extends Error {
  override name = 'ExperimentNotFoundError';
  constructor(readonly id: string) {
    super(`experiment ${id} is not in the tracker`);
  }
}

/** A status change the lifecycle does not allow (e.g. done → running), or one that lost a race (`from` mismatch). */
export class ExperimentTransitionError extends Error {
  override name = 'ExperimentTransitionError';
  constructor(
    readonly id: string,
    readonly from: string,
    readonly to: string,
    message: string,
  ) {
    super(message);
  }
}

/** An input of the spec cannot be frozen: not stored, quarantined, or not the kind of data the profile reads. */
export class InputRefusedError extends Error {
  override name = 'InputRefusedError';
  constructor(
    readonly contentHash: string,
    readonly code: 'missing' | 'quarantined' | 'wrong-kind' | 'content-mismatch',
    message: string,
  ) {
    super(message);
  }
}

/** The run was cancelled through its AbortSignal. */
export class ExperimentCancelledError extends Error {
  override name = 'ExperimentCancelledError';
}

/**
 * Delete refused: finished experiments hold the artifact in their results (a result table or a frozen input).
 * An ArtifactInUseError whose dependents are the experiments, so callers that handle "in use" handle this too.
 */
export class ArtifactUsedByExperimentError extends ArtifactInUseError {
  override name = 'ArtifactUsedByExperimentError';
  constructor(
    id: string,
    readonly uses: readonly ArtifactUse[],
  ) {
    super(
      id,
      uses.map((u) => u.experimentId),
    );
    const named = uses.map(
      (u) => `the ${u.role === 'input' ? 'input' : `${u.role} result`} of experiment ${u.experimentId}${u.label ? ` (${u.label})` : ''}, ${u.status}`,
    );
    this.message = `cannot delete ${id}: it is ${named.join('; ')}; an experiment's results stay as long as the experiment`;
  }
}
