/**
 * Group commit for a directory store's writes. Each write takes its place in line when it is called; once its bytes
 * are in a temp file it is ready. Whenever no commit is running, every ready write at the head of the line is
 * committed together — one lock hold, one fsync per folder, one index update for the lot — instead of paying those
 * per write. A caller that writes one thing at a time gets groups of one (the plain write); callers with many
 * writes in flight (an import of thousands of files) share the fixed costs.
 *
 * Order is call order: a write never commits before one called earlier (a waiting head holds the line), so which of
 * two writes of the same content is "created" does not depend on which temp file finished first.
 */

/** The outcome of one job in a group: its value, or the error that job alone failed with. */
export type JobOutcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

export interface Place<J, R> {
  /** The job is ready: commits it with the next group; resolves once it is committed (or rejects with its error). */
  submit(job: J): Promise<R>;
  /** Gives up the place (the write ended before it had anything to commit). Harmless after submit. */
  withdraw(): void;
}

interface Slot<J, R> {
  job?: J;
  gone: boolean;
  resolve?: (value: R) => void;
  reject?: (error: unknown) => void;
}

export class GroupCommit<J, R> {
  private line: Array<Slot<J, R>> = [];
  private running = false;

  constructor(
    /** Commits a group (in line order); one outcome per job. A throw fails every job of the group. */
    private readonly commit: (jobs: J[]) => Promise<Array<JobOutcome<R>>>,
    private readonly maxGroup: number,
  ) {}

  /** Takes a place at the end of the line (synchronously: the place is the call's). */
  reserve(): Place<J, R> {
    const slot: Slot<J, R> = { gone: false };
    this.line.push(slot);
    return {
      submit: (job) =>
        new Promise<R>((resolve, reject) => {
          if (slot.gone) throw new Error('GroupCommit: submit after withdraw');
          slot.job = job;
          slot.resolve = resolve;
          slot.reject = reject;
          this.pump();
        }),
      withdraw: () => {
        if (slot.job !== undefined || slot.gone) return;
        slot.gone = true;
        this.pump();
      },
    };
  }

  private pump(): void {
    if (this.running) return;
    while (this.line.length > 0 && this.line[0].gone) this.line.shift();
    const group: Array<Slot<J, R>> = [];
    while (group.length < this.maxGroup && this.line.length > 0 && (this.line[0].job !== undefined || this.line[0].gone)) {
      const slot = this.line.shift();
      if (slot && !slot.gone) group.push(slot);
    }
    if (group.length === 0) return;
    this.running = true;
    void this.run(group);
  }

  private async run(group: Array<Slot<J, R>>): Promise<void> {
    try {
      const outcomes = await this.commit(group.map((s) => s.job as J));
      group.forEach((slot, k) => {
        const o = outcomes[k];
        if (o.ok) slot.resolve?.(o.value);
        else slot.reject?.(o.error);
      });
    } catch (e) {
      for (const slot of group) slot.reject?.(e);
    } finally {
      this.running = false;
      this.pump();
    }
  }
}
