import { CsvError, CsvRule } from './csv-error';

const QUOTE = 34;
const LF = 10;
const CR = 13;

export interface RawRecord {
  readonly fields: string[];
  /** Position just after the record's line terminator (or the text's end). */
  readonly next: number;
  /** Line breaks consumed, the terminator included; more than 1 when a quoted field spans lines. */
  readonly lineBreaks: number;
}

export interface RecordContext {
  readonly source: string;
  readonly row: number;
  /** Header names, to name the column in errors (absent while reading the header itself). */
  readonly header?: readonly string[];
}

/**
 * Reads one RFC 4180 record starting at `pos`: fields separated by `delimiter`, optionally in double quotes
 * with `""` for a quote; quoted fields may contain delimiters and line breaks. Ends at LF, CRLF, CR or the end.
 * This is the general path; the reader uses it for the header and for lines that contain a quote.
 */
export function readRecord(text: string, pos: number, delimiter: number, context: RecordContext): RawRecord {
  const fields: string[] = [];
  const end = text.length;
  let lineBreaks = 0;
  for (;;) {
    let field: string;
    if (pos < end && text.charCodeAt(pos) === QUOTE) {
      const parts: string[] = [];
      let from = pos + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0) {
          throw new CsvError({
            ...where(context, fields.length),
            rule: CsvRule.UnterminatedQuote,
            description: 'quoted field is never closed',
          });
        }
        parts.push(text.slice(from, q));
        if (text.charCodeAt(q + 1) === QUOTE) {
          parts.push('"');
          from = q + 2;
          continue;
        }
        pos = q + 1;
        break;
      }
      field = parts.join('');
      lineBreaks += countLineBreaks(field);
      while (pos < end && (text.charCodeAt(pos) === 32 || text.charCodeAt(pos) === 9)) pos++;
      const after = pos < end ? text.charCodeAt(pos) : LF;
      if (after !== delimiter && after !== LF && after !== CR) {
        throw new CsvError({
          ...where(context, fields.length),
          rule: CsvRule.UnexpectedQuote,
          value: field,
          description: `unexpected ${JSON.stringify(text[pos])} after the closing quote of a quoted field`,
        });
      }
    } else {
      let stop = pos;
      while (stop < end) {
        const c = text.charCodeAt(stop);
        if (c === delimiter || c === LF || c === CR) break;
        stop++;
      }
      field = text.slice(pos, stop);
      pos = stop;
    }
    fields.push(field);
    if (pos >= end) return { fields, next: end, lineBreaks };
    const c = text.charCodeAt(pos);
    if (c === delimiter) {
      pos++;
      continue;
    }
    // Line terminator: CRLF, LF or a lone CR.
    pos += c === CR && text.charCodeAt(pos + 1) === LF ? 2 : 1;
    return { fields, next: pos, lineBreaks: lineBreaks + 1 };
  }
}

function where(context: RecordContext, fieldIndex: number): { source: string; row: number; column?: string } {
  const column = context.header?.[fieldIndex];
  return column === undefined ? { source: context.source, row: context.row } : { source: context.source, row: context.row, column };
}

function countLineBreaks(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === LF || (c === CR && s.charCodeAt(i + 1) !== LF)) n++;
  }
  return n;
}

const DELIMITERS = [',', ';', '\t', '|'];

/**
 * The delimiter of the header line starting at `pos`: whichever of `, ; TAB |` occurs most often outside
 * quotes (comma on a tie or when none occurs).
 */
export function sniffDelimiter(text: string, pos: number): string {
  const counts = [0, 0, 0, 0];
  let quoted = false;
  for (let i = pos; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted) {
      const k = DELIMITERS.indexOf(ch);
      if (k >= 0) counts[k]++;
    }
  }
  let best = 0;
  for (let k = 1; k < counts.length; k++) if (counts[k] > counts[best]) best = k;
  return DELIMITERS[best];
}
