// How a failure is told on stderr: one line, shared by the entry and the commands that collect reasons.
import { SchemaError } from '../core/schema/schema-error';

/** The reason for a failure on one line; for bad data, the first violation (file, row, column, rule). */
export function oneLineReason(e: unknown): string {
  if (e instanceof SchemaError && e.violations.length > 0) {
    const more = e.total > 1 ? ` (${e.total - 1} more violation${e.total > 2 ? 's' : ''})` : '';
    return `${e.violations[0].message}${more}`;
  }
  return e instanceof Error ? e.message.split('\n')[0] : String(e);
}
