/**
 * A broken rule at one place in the input. Validators return these as values (all of them, capped) instead of
 * throwing at the first, so a user fixes a file in one pass.
 */
export interface Violation<Rule extends string = string> {
  /**
   * Row as the source shows it: 1-based data row plus the header line count the caller gave (so with a one-line
   * header it is the line number an editor or spreadsheet shows). 0 means the whole column (e.g. it is missing).
   */
  readonly row: number;
  readonly column: string;
  readonly rule: Rule;
  /** The offending value as read, or null when there is none (a missing column). */
  readonly value: number | string | null;
  /** Names file, row, column and rule: `GOOG.csv: row 17, column "high": … [rule: high>=max(open,close)]`. */
  readonly message: string;
}

/** `GOOG.csv: row 17, column "high"` — the place part shared by every message. */
export function formatPlace(source: string, row: number, column: string | undefined): string {
  const where: string[] = [];
  if (row > 0) where.push(`row ${row}`);
  if (column !== undefined) where.push(`column ${JSON.stringify(column)}`);
  return where.length === 0 ? source : `${source}: ${where.join(', ')}`;
}

export function formatViolationMessage(source: string, row: number, column: string | undefined, description: string, rule: string): string {
  return `${formatPlace(source, row, column)}: ${description} [rule: ${rule}]`;
}

/** Numbers as JavaScript prints them (shortest round-trip form), so messages show what the file said. */
export function formatNumber(value: number): string {
  return Object.is(value, -0) ? '-0' : String(value);
}

/** Epoch milliseconds as ISO 8601 UTC when representable, for messages. */
export function formatTimestamp(ms: number): string {
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return formatNumber(ms);
  return `${new Date(ms).toISOString()} (${formatNumber(ms)})`;
}
