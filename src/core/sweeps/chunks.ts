/**
 * How a sweep's combinations are handed to workers: a queue of index ranges taken in order, each sized when it is
 * taken (dynamic chunks). Chunks only decide who runs what and when; a combination's row depends on nothing but
 * its parameters, the bars and the options, so results are the same for any worker count and chunk sizes.
 *
 * Sizing: the first chunks are small (`initial`), so that progress shows at once and the cost of one run gets
 * measured; then a chunk holds about `targetMs` of work at the measured cost, never more than `max`, and never
 * more than half of a worker's fair share of what is left (guided self-scheduling), so the workers finish
 * together instead of one running a long last chunk.
 */
export interface ChunkPolicy {
  initial: number;
  targetMs: number;
  max: number;
}

export const DEFAULT_CHUNK_POLICY: Readonly<ChunkPolicy> = Object.freeze({ initial: 4, targetMs: 60, max: 1024 });

/** Combinations [from, to). */
export interface ChunkRange {
  from: number;
  to: number;
}

export function chunkSize(policy: ChunkPolicy, remaining: number, workers: number, msPerRun: number | null): number {
  if (remaining <= 0) return 0;
  const wanted = msPerRun !== null && msPerRun > 0 ? Math.round(policy.targetMs / msPerRun) : policy.initial;
  const guided = Math.ceil(remaining / (2 * Math.max(1, workers)));
  return Math.max(1, Math.min(wanted, guided, policy.max, remaining));
}

/** The next combinations to hand out, in index order, and the measured cost of a run so far. */
export class ChunkQueue {
  private next = 0;
  private runs = 0;
  private ms = 0;

  constructor(
    readonly count: number,
    private readonly workers: number,
    private readonly policy: ChunkPolicy = DEFAULT_CHUNK_POLICY,
  ) {
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be an integer >= 0, got ${count}`);
  }

  get remaining(): number {
    return this.count - this.next;
  }

  /** Mean worker time per run over the chunks reported so far; null before the first. */
  get msPerRun(): number | null {
    return this.runs > 0 && this.ms > 0 ? this.ms / this.runs : null;
  }

  take(): ChunkRange | null {
    const size = chunkSize(this.policy, this.remaining, this.workers, this.msPerRun);
    if (size === 0) return null;
    const from = this.next;
    this.next += size;
    return { from, to: this.next };
  }

  /** A chunk of `runs` combinations took `ms` of worker time. */
  report(runs: number, ms: number): void {
    if (runs > 0 && ms >= 0 && Number.isFinite(ms)) {
      this.runs += runs;
      this.ms += ms;
    }
  }
}
