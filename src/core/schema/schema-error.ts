import type { Violation } from './violation';

/**
 * Thrown when data breaks schema rules and the caller asked to fail rather than inspect. Carries the
 * violations (the first few) and the total, so a boundary can turn it back into a value.
 */
export class SchemaError<Rule extends string = string> extends Error {
  override readonly name = 'SchemaError';
  readonly source: string;
  readonly violations: readonly Violation<Rule>[];
  readonly total: number;

  constructor(source: string, violations: readonly Violation<Rule>[], total: number) {
    const shown = violations.map((v) => `  ${v.message}`).join('\n');
    const more = total > violations.length ? `\n  … and ${total - violations.length} more` : '';
    const noun = total === 1 ? 'violation' : 'violations';
    super(`${source}: ${total} schema ${noun}\n${shown}${more}`);
    this.source = source;
    this.violations = violations;
    this.total = total;
  }
}
