import type { ArtifactRecord } from '../core/artifacts/record';
import type { OhlcvTable } from '../core/domain/ohlcv-table';
import type { SmaCrossParams } from '../core/kernels/sma-cross';
import { runSmaCross, type RunSummary } from '../handlers/run-sma-cross';
import type { KernelRunner } from '../ports/kernel-runner';
import { errorMessage } from './error-message';

export type RunStatus = 'idle' | 'running' | 'done' | 'failed';

export interface RunDeps {
  engine(): KernelRunner | null;
  /** Stores the run's equity curve as a results artifact made from `input`; returns its record. */
  publish(input: ArtifactRecord, bars: OhlcvTable, result: RunSummary): Promise<ArtifactRecord>;
}

/** The Run panel: parameters, the last run's summary, and the results artifact it published. */
export class RunState {
  params = $state<SmaCrossParams>({ fast: 10, slow: 30, cash: 10_000, commission: 0.001, slippageBps: 2, seed: 1 });
  status = $state<RunStatus>('idle');
  result = $state.raw<RunSummary | null>(null);
  error = $state<string | null>(null);
  artifact = $state.raw<ArtifactRecord | null>(null);
  publishError = $state<string | null>(null);

  constructor(private readonly deps: RunDeps) {}

  reset(): void {
    this.result = null;
    this.artifact = null;
    this.error = null;
    this.publishError = null;
    this.status = 'idle';
  }

  /**
   * Runs the kernel on `bars` (read from `input`'s projection), then publishes the equity curve. `done` means both
   * happened; a failed publish (e.g. storage full) is reported beside a result that is still shown.
   */
  async run(bars: OhlcvTable, input: ArtifactRecord): Promise<void> {
    const engine = this.deps.engine();
    if (!engine) return;
    this.status = 'running';
    this.error = null;
    this.publishError = null;
    this.artifact = null;
    let result: RunSummary;
    try {
      result = await runSmaCross(engine, bars, $state.snapshot(this.params));
    } catch (e) {
      this.result = null;
      this.error = errorMessage(e);
      this.status = 'failed';
      return;
    }
    this.result = result;
    try {
      this.artifact = await this.deps.publish(input, bars, result);
    } catch (e) {
      this.publishError = `the result was not stored: ${errorMessage(e)}`;
    }
    this.status = 'done';
  }
}
