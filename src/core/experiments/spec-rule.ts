/**
 * The building blocks every spec profile shares (src/core/experiments/spec.ts, lab-spec.ts): the message rule and the
 * fields written alike in each. Builders return a fresh schema on each call, so the generated JSON Schema inlines
 * each use as before.
 */
import { z } from 'zod';

/** An error callback that says "required: <rule>" for a missing value and "expected <rule>" otherwise. */
export function rule(text: string) {
  return { error: (issue: { input?: unknown }) => (issue.input === undefined ? `required: ${text}` : `expected ${text}`) };
}

const HEX64 = /^[0-9a-f]{64}$/;
const UINT32_MAX = 0xffffffff;
const LABEL_RULE = 'a non-empty label of at most 200 characters';
const SEED_RULE = `an integer in [0, ${UINT32_MAX}]`;

/** A boolean setting, false unless given. */
export const flag = (description: string) => z.boolean(rule('true or false')).default(false).meta({ description });

/** An input's contentHash: 64 lowercase hex digits. */
export function contentHashSchema() {
  return z
    .string(rule('a contentHash (64 lowercase hex digits)'))
    .regex(HEX64, rule('a contentHash (64 lowercase hex digits)'))
    .meta({ description: "SHA-256 of the artifact's canonical content (`quantlab artifacts get` shows it)." });
}

/** An optional label for people, trimmed, 1–200 characters. */
export function labelSchema(description: string) {
  return z.string(rule(LABEL_RULE)).trim().min(1, rule(LABEL_RULE)).max(200, rule(LABEL_RULE)).optional().meta({ description });
}

/** The run's seed: an unsigned 32-bit integer, 0 unless given. */
export function seedSchema(description: string) {
  return z.number(rule(SEED_RULE)).int(rule(SEED_RULE)).min(0, rule(SEED_RULE)).max(UINT32_MAX, rule(SEED_RULE)).default(0).meta({ description });
}
