import type { ExperimentRecord, ExperimentResults } from '../core/experiments/record';
import { researchRunSpec, type ResearchInput, type ResearchRunParams } from '../core/experiments/research-spec';
import type { ExperimentSpecInput } from '../core/experiments/spec';
import type { ExperimentResultData } from '../handlers/experiments/read-results';
import { errorMessage } from './error-message';

export type RunStatus = 'idle' | 'running' | 'done' | 'failed';

export interface RunDeps {
  /** Creates (or finds) the spec's tracked experiment and executes it; the record as the attempt left it. */
  runExperiment(spec: ExperimentSpecInput): Promise<ExperimentRecord>;
  /** A done experiment's results, read back from its stored artifacts. */
  readResults(results: ExperimentResults): Promise<ExperimentResultData>;
}

/**
 * The Research tab's Run: the panel's numbers become a version-1 spec (core/experiments/research-spec.ts), executed
 * as a tracked experiment — it is listed in Experiments with its status, provenance and results — and what the
 * panel shows is read back from that experiment's artifacts, not kept from the engine's answer.
 */
export class RunState {
  params = $state<ResearchRunParams>({ fast: 10, slow: 30, cash: 10_000, commission: 0.001, slippageBps: 2, seed: 1 });
  status = $state<RunStatus>('idle');
  /** The experiment of the last Run (whatever its status). */
  record = $state.raw<ExperimentRecord | null>(null);
  result = $state.raw<ExperimentResultData | null>(null);
  error = $state<string | null>(null);
  private token = 0;

  constructor(private readonly deps: RunDeps) {}

  reset(): void {
    this.token++;
    this.record = null;
    this.result = null;
    this.error = null;
    this.status = 'idle';
  }

  async run(input: ResearchInput): Promise<void> {
    const token = ++this.token;
    this.status = 'running';
    this.error = null;
    this.record = null;
    this.result = null;
    try {
      const record = await this.deps.runExperiment(researchRunSpec(input, $state.snapshot(this.params)));
      if (token !== this.token) return;
      this.record = record;
      if (record.status !== 'done' || !record.results) {
        throw new Error(`experiment ${record.id} ended ${record.status}${record.error ? `: ${record.error.message}` : ''}`);
      }
      const result = await this.deps.readResults(record.results);
      if (token !== this.token) return;
      this.result = result;
      this.status = 'done';
    } catch (e) {
      if (token !== this.token) return;
      this.error = errorMessage(e);
      this.status = 'failed';
    }
  }
}
