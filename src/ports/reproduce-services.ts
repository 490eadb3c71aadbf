/**
 * What reproducing runs and importing bundles needs from the platform: the reproduce panel and the Bundles control
 * (src/ui/reproduce.svelte.ts, src/ui/reproduce/) take these; src/adapters/browser/reproduce-services.ts supplies
 * the browser's. Declared here so adapters implement a port and never reach into the UI.
 *
 * The deps bundles of the handlers (ExecuteExperimentDeps, AdmitInputDeps) are compositions of ports named where
 * their use case is; they are referenced as types only.
 */
import type { ExecuteExperimentDeps } from '../handlers/execute-experiment';
import type { AdmitInputDeps } from '../handlers/reproduce/admit-input';
import type { ArtifactStore, Clock } from './artifact-store';
import type { ExperimentTracker } from './experiment-tracker';
import type { ParquetCodec } from './parquet-codec';

export interface ReproduceServices {
  store: ArtifactStore;
  /** Reads the Parquet of bundles (contentHashes are re-derived from it). */
  codec: Pick<ParquetCodec, 'toArrowIpc'>;
  admit: AdmitInputDeps;
  /** The experiment tracker: imported bundles register their experiment in it. Opened on first use. */
  tracker(): Promise<ExperimentTracker>;
  /** Import times (provenance only). */
  clock: Clock;
  /** The experiment ports (tracker, engine, session, SQL signals), started on the first re-run. */
  execution(): Promise<ExecuteExperimentDeps>;
  /** Tells the rest of the lab (and other tabs) that the artifact store or the experiments changed. */
  changed(): void;
}

export interface ReproduceDeps {
  services(): Promise<ReproduceServices>;
  /** Resolves after the page had a chance to paint (long work yields here). */
  nextFrame(): Promise<void>;
  /** Takes the run link out of the address bar (closing the panel). */
  clearRoute(): void;
}
