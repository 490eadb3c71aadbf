/**
 * What a script sees of a `quantlab` process (runCliProcess, cli-process.ts), asserted: a success that printed one
 * JSON object, or a refusal — exit 2, nothing on stdout, one `quantlab: …` line on stderr.
 */
import { expect } from 'vitest';
import type { CliProcessResult } from './cli-process';

/** Exit 0, nothing on stderr; stdout parsed as JSON. `what` names the run in a failure. */
export function okJson<T = Record<string, unknown>>(r: CliProcessResult, what: string): T {
  expect(r.stderr, what).toBe('');
  expect(r.code, what).toBe(0);
  return JSON.parse(r.stdout.toString('utf8')) as T;
}

/** Exit 2, nothing on stdout, one line on stderr; returns that line. */
export function refused(r: CliProcessResult): string {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout.length).toBe(0);
  const lines = r.stderr.split('\n');
  expect(lines, r.stderr).toHaveLength(2);
  expect(lines[0]).toMatch(/^quantlab: /);
  return lines[0];
}
