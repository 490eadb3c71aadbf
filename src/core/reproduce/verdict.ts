/**
 * The verdict of a re-run: is what came out the result the link (or bundle) promised?
 *
 *   identical                  the resultHash is the expected one
 *   different: input-mismatch  the data at hand is not the data the run used (an input is missing or hashes to
 *                              something else), so the run could not be repeated as it was
 *   different: engine-build    another resultHash, and another engine build ran: the engine is the likely cause
 *   different: result          another resultHash from the same inputs, spec and engine build
 *
 * The resultHash decides: an identical result from another engine build is `identical` (the message notes the
 * other build). Pure: the caller ran the experiment (or could not) and passes the facts.
 */

export const VERDICT_REASONS = ['input-mismatch', 'engine-build', 'result'] as const;
export type VerdictReason = (typeof VERDICT_REASONS)[number];

export interface RunFacts {
  /** null: there is no result (the run could not take place). */
  resultHash: string | null;
  /** null: no engine ran. */
  engineBuildHash: string | null;
  /** contentHashes of the inputs, in the spec's order; null for an input that was not found. */
  inputs: readonly (string | null)[];
}

export interface Verdict {
  verdict: 'identical' | 'different';
  /** null when identical. */
  reason: VerdictReason | null;
  expected: RunFacts;
  actual: RunFacts;
  /** One line for people. */
  message: string;
}

const short = (h: string | null) => (h === null ? 'none' : h.slice(0, 12));

function inputMismatch(expected: RunFacts, actual: RunFacts, labels: readonly (string | undefined)[]): string | null {
  const n = Math.max(expected.inputs.length, actual.inputs.length);
  const problems: string[] = [];
  for (let i = 0; i < n; i++) {
    const want = expected.inputs[i] ?? null;
    const got = actual.inputs[i] ?? null;
    if (want === got) continue;
    const name = `input ${i + 1}${labels[i] ? ` (${labels[i]})` : ''}`;
    if (got === null) problems.push(`${name} ${short(want)}… was not found`);
    else if (want === null) problems.push(`${name}: the run used ${short(got)}…, which the original run did not`);
    else problems.push(`${name}: expected contentHash ${short(want)}…, got ${short(got)}…`);
  }
  return problems.length === 0 ? null : problems.join('; ');
}

export function reproduceVerdict(expected: RunFacts, actual: RunFacts, labels: readonly (string | undefined)[] = []): Verdict {
  const mismatch = inputMismatch(expected, actual, labels);
  if (mismatch !== null) return { verdict: 'different', reason: 'input-mismatch', expected, actual, message: mismatch };
  if (actual.resultHash === null) throw new TypeError('a verdict on matching inputs needs the result of the run');
  if (actual.resultHash === expected.resultHash) {
    const other = expected.engineBuildHash !== null && actual.engineBuildHash !== expected.engineBuildHash;
    return {
      verdict: 'identical',
      reason: null,
      expected,
      actual,
      message: `resultHash ${actual.resultHash}${other ? ` (from engine build ${short(actual.engineBuildHash)}…; the original ran ${short(expected.engineBuildHash)}…)` : ''}`,
    };
  }
  const got = `resultHash ${short(actual.resultHash)}…, expected ${short(expected.resultHash)}…`;
  if (actual.engineBuildHash !== expected.engineBuildHash) {
    return {
      verdict: 'different',
      reason: 'engine-build',
      expected,
      actual,
      message: `${got}: this lab's engine build is ${short(actual.engineBuildHash)}…, the original ran ${short(expected.engineBuildHash)}…`,
    };
  }
  return { verdict: 'different', reason: 'result', expected, actual, message: `${got} from the same inputs, spec and engine build` };
}

/** `identical` or `different: <reason>`, as the CLI prints it and the UI shows it. */
export function verdictLine(v: Verdict): string {
  return v.verdict === 'identical' ? 'identical' : `different: ${v.reason}`;
}
