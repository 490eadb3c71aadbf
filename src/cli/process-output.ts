/**
 * stdout or stderr of the `quantlab` process. Writes to a pipe are asynchronous in Node: a process that calls
 * process.exit right after a large write loses everything beyond the pipe's buffer (64 KiB). So the CLI never
 * exits that way: runCli waits for `flushed()` on both streams, sets process.exitCode and lets the process end.
 *
 * A reader that goes away (`quantlab … | head -c 10`: EPIPE) ends the output quietly: later writes are dropped
 * and the command still finishes what it was doing, so a store being written is never cut short.
 */
export class ProcessOutput {
  private last: Promise<void> = Promise.resolve();
  private gone = false;
  /** A write error other than EPIPE (the output did not reach its destination). */
  failure: NodeJS.ErrnoException | undefined;

  constructor(private readonly stream: NodeJS.WritableStream) {
    // Without a listener a write error is an uncaught exception with a stack trace.
    stream.on('error', (e: NodeJS.ErrnoException) => this.fail(e));
  }

  readonly write = (s: string): void => {
    if (this.gone || s === '') return;
    this.last = new Promise((resolve) => {
      this.stream.write(s, (e) => {
        if (e) this.fail(e);
        resolve();
      });
    });
  };

  /** Resolves once everything written so far has been handed to the operating system (or dropped after EPIPE). */
  flushed(): Promise<void> {
    return this.last;
  }

  private fail(e: NodeJS.ErrnoException): void {
    this.gone = true;
    if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') this.failure ??= e;
  }
}
