/**
 * Hands batches from a loop that reads a file to a consumer that pulls them (the streaming Parquet writer), one at a
 * time: `push` resolves when the consumer took the batch, so at most one batch waits in between.
 */
export class BatchChannel<T> implements AsyncIterable<T> {
  private waiting: { value: T; taken: () => void } | undefined;
  private ended = false;
  private wake: (() => void) | undefined;

  private dropped = false;

  /** Resolves once the consumer took `value` (at once when the consumer gave up: see drop). */
  push(value: T): Promise<void> {
    if (this.ended) throw new Error('the channel has ended');
    if (this.dropped) return Promise.resolve();
    return new Promise((taken) => {
      this.waiting = { value, taken };
      this.wake?.();
    });
  }

  /** The consumer stopped (it failed): batches pushed from now on are discarded, so the producer never waits forever. */
  drop(): void {
    this.dropped = true;
    this.waiting?.taken();
    this.waiting = undefined;
  }

  end(): void {
    this.ended = true;
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for (;;) {
      while (this.waiting === undefined && !this.ended) await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
      const next = this.waiting;
      if (next === undefined) return;
      this.waiting = undefined;
      next.taken();
      yield next.value;
    }
  }
}
