import { formatViolationMessage } from '../schema/violation';

/** Why a CSV could not be read; appears in messages as `[rule: …]`. */
export const CsvRule = {
  EmptyFile: 'empty-file',
  MissingColumn: 'missing-column',
  DuplicateColumn: 'duplicate-column',
  AmbiguousColumn: 'ambiguous-column',
  FieldCount: 'field-count',
  UnterminatedQuote: 'unterminated-quote',
  UnexpectedQuote: 'unexpected-quote',
  MissingValue: 'missing-value',
  UnparseableNumber: 'unparseable-number',
  UnparseableTimestamp: 'unparseable-timestamp',
} as const;

export type CsvRule = (typeof CsvRule)[keyof typeof CsvRule];

export interface CsvErrorDetails {
  readonly source: string;
  /** 1-based line of the text where the record starts (the header is line 1 unless blank lines precede it). */
  readonly row: number;
  /** Column name as spelled in the header (or the missing column's canonical name). */
  readonly column?: string;
  readonly rule: CsvRule;
  /** The offending field text, when there is one. */
  readonly value?: string;
  /** For a missing column: the header name that looks like a typo of it. */
  readonly suggestion?: string;
  readonly description: string;
  /** Problems found together with this one that also end the reading (every missing column of a header). */
  readonly more?: readonly CsvError[];
}

/** A CSV that cannot become an OHLCV table. Fails at the first problem: later rows would be guesses. */
export class CsvError extends Error {
  override readonly name = 'CsvError';
  readonly source: string;
  readonly row: number;
  readonly column: string | undefined;
  readonly rule: CsvRule;
  readonly value: string | undefined;
  readonly suggestion: string | undefined;
  readonly more: readonly CsvError[];

  constructor(details: CsvErrorDetails) {
    super(formatViolationMessage(details.source, details.row, details.column, details.description, details.rule));
    this.source = details.source;
    this.row = details.row;
    this.column = details.column;
    this.rule = details.rule;
    this.value = details.value;
    this.suggestion = details.suggestion;
    this.more = details.more ?? [];
  }
}

/** A field for a message: quoted, and shortened if long. */
export function quoteField(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}...` : text);
}
