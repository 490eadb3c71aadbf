/**
 * Vitest global setup: brings dist-cli/ up to date with the source before any test runs, so the subprocess tests
 * (cli-process.ts) run the built bin on the code under test, never a stale build or the slow tsx fallback.
 */
import { buildCli, cliBuildIsCurrent } from '../../scripts/build-cli.mjs';

export default async function setup(): Promise<void> {
  if (!cliBuildIsCurrent()) await buildCli();
}
