/**
 * `resultHash`: the identity of what an experiment produced, over its result artifacts' contentHashes.
 *
 *   resultHash = SHA-256( UTF-8(
 *                  "quantlab/experiment-result/v1\n" +
 *                  "equity="  + contentHash(equity)  + "\n" +
 *                  "trades="  + contentHash(trades)  + "\n" +
 *                  "fills="   + contentHash(fills)   + "\n" +
 *                  "metrics=" + contentHash(metrics) + "\n" ) ), lowercase hex
 *
 * Fixed order (RESULT_ROLES), each contentHash 64 lowercase hex digits (SHA-256 of the table's canonical encoding,
 * src/core/artifacts/canonical-encoding.ts), ASCII only. Anyone can recompute it with `sha256sum` from the four
 * artifact records. Never edit this in place: a new encoding gets a new version line (…/v2).
 */
import { sha256 } from 'hash-wasm';
import { LAB_RESULT_ROLES, RESULT_ROLES, type ExperimentResultRole, type ResultRole } from './record';

export const RESULT_HASH_HEADER = 'quantlab/experiment-result/v1\n';

/** The exact text hashed into the resultHash. */
export function resultHashText(contentHashes: Readonly<Record<ResultRole, string>>): string {
  let text = RESULT_HASH_HEADER;
  for (const role of RESULT_ROLES) {
    const h = contentHashes[role];
    if (typeof h !== 'string' || !/^[0-9a-f]{64}$/.test(h))
      throw new TypeError(`contentHash of ${role} must be 64 lowercase hex digits, got ${JSON.stringify(h)}`);
    text += `${role}=${h}\n`;
  }
  return text;
}

export function resultHash(contentHashes: Readonly<Record<ResultRole, string>>): Promise<string> {
  return sha256(resultHashText(contentHashes));
}

/**
 * The resultHash of a lab-profile (version 2) experiment: the same rule over its eight tables, under its own
 * header so it can never equal a version-1 hash:
 *   "quantlab/experiment-result/v2\n" + "<role>=<contentHash>\n" for each of LAB_RESULT_ROLES, in that order,
 * then a portfolio run's own tables (record.ts `labResultRolesOf`): a spec without them hashes exactly as before.
 */
export const LAB_RESULT_HASH_HEADER = 'quantlab/experiment-result/v2\n';

export function labResultHashText(
  contentHashes: Readonly<Partial<Record<ExperimentResultRole, string>>>,
  roles: readonly ExperimentResultRole[] = LAB_RESULT_ROLES,
): string {
  let text = LAB_RESULT_HASH_HEADER;
  for (const role of roles) {
    const h = contentHashes[role];
    if (typeof h !== 'string' || !/^[0-9a-f]{64}$/.test(h))
      throw new TypeError(`contentHash of ${role} must be 64 lowercase hex digits, got ${JSON.stringify(h)}`);
    text += `${role}=${h}\n`;
  }
  return text;
}

export function labExperimentResultHash(
  contentHashes: Readonly<Partial<Record<ExperimentResultRole, string>>>,
  roles: readonly ExperimentResultRole[] = LAB_RESULT_ROLES,
): Promise<string> {
  return sha256(labResultHashText(contentHashes, roles));
}
