/**
 * The spec's JSON Schema (draft 2020-12), generated from the zod schema so the two cannot drift: the committed
 * docs/experiment-spec.schema.json is this output (`quantlab experiments schema` prints it; a test compares them).
 * Input form: keys with defaults are optional and show their default.
 */
import { z } from 'zod';
import { ExperimentSpecSchema } from './spec';

export function experimentSpecJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ExperimentSpecSchema, { io: 'input', target: 'draft-2020-12' });
}

/** The schema as the committed file holds it: two-space indentation and a final newline. */
export function experimentSpecJsonSchemaText(): string {
  return `${JSON.stringify(experimentSpecJsonSchema(), null, 2)}\n`;
}
