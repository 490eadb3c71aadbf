/**
 * What an experiments command works on: the artifact store and the experiment tracker of one store directory
 * (`--store DIR`, else $QUANTLAB_STORE, else ./.quantlab), the engine, and this process as a session. Opening the
 * tracker is "a session starting": attempts left queued or running by processes that are gone become interrupted.
 */
import { DirExperimentTracker } from '../../adapters/node/dir-experiment-tracker';
import { nodeCompatRunner, nodeEngineRunners } from '../../adapters/node/engine-runners';
import { nodeSession, nodeSessionAlive } from '../../adapters/node/experiments/session';
import type { ArtifactStore, Clock } from '../../ports/artifact-store';
import type { CompatRunner } from '../../ports/compat-runner';
import type { LabRunner } from '../../ports/lab-runner';
import type { ExperimentTracker } from '../../ports/experiment-tracker';
import { storeDir, storeExists, withStore, type CliContext } from '../artifacts/store-access';

export interface ExperimentsContext extends CliContext {
  /** The engine; default: the WASM engine of engine-wasm/build in this process. */
  readonly runner?: () => Promise<CompatRunner>;
  /** The lab-profile engine (version-2 specs); default: the same WASM engine build. */
  readonly labRunner?: () => Promise<LabRunner>;
  /** This process as a session; default `node/<host>/<pid>`. */
  readonly session?: string;
}

export interface Lab {
  dir: string;
  store: ArtifactStore;
  tracker: ExperimentTracker;
  clock: Clock;
  session: string;
}

const systemClock: Clock = { now: () => Date.now() };

export function labClock(ctx: ExperimentsContext): Clock {
  return ctx.clock ?? systemClock;
}

export function labRunner(ctx: ExperimentsContext): Promise<CompatRunner> {
  return (ctx.runner ?? nodeCompatRunner)();
}

/** The lab-profile engine of version-2 experiments. */
export async function labProfileRunner(ctx: ExperimentsContext): Promise<LabRunner> {
  return ctx.labRunner ? ctx.labRunner() : (await nodeEngineRunners()).lab;
}

/** Runs `work` on the store and tracker at `dir` (created if missing), after interrupting dead attempts. */
export async function withLab<T>(dir: string, ctx: ExperimentsContext, work: (lab: Lab) => Promise<T>): Promise<T> {
  return withStore(dir, ctx, async (store) => {
    const tracker = await DirExperimentTracker.open(dir);
    try {
      const clock = labClock(ctx);
      const session = ctx.session ?? nodeSession();
      await tracker.markInterrupted({ at: clock.now(), sessionAlive: nodeSessionAlive });
      return await work({ dir, store, tracker, clock, session });
    } finally {
      await tracker.close();
    }
  });
}

/** Like withLab, but creates nothing: `work` gets null when there is no store at `dir`. */
export async function withExistingLab<T>(dir: string, ctx: ExperimentsContext, work: (lab: Lab | null) => Promise<T>): Promise<T> {
  if (!storeExists(dir)) return work(null);
  return withLab(dir, ctx, work);
}

export { storeDir };
