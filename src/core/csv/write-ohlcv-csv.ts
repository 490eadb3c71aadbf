import type { OhlcvTable } from '../domain/ohlcv-table';

export interface WriteOhlcvCsvOptions {
  /** `iso`: 2004-08-19T00:00:00.000Z (default); `epoch-ms`: integer milliseconds. */
  readonly timestampFormat?: 'iso' | 'epoch-ms';
  readonly delimiter?: string;
  readonly lineEnding?: '\n' | '\r\n';
}

/**
 * Writes a table as CSV that readOhlcvCsv reads back to the same values: numbers in JavaScript's shortest
 * round-trip form (-0 kept), NaN as an empty field (read it back with `missing: 'nan'`), instrument names quoted when they need it (RFC 4180).
 * Timestamps must be whole milliseconds, and within years 0–9999 for `iso`.
 */
export function writeOhlcvCsv(table: OhlcvTable, options: WriteOhlcvCsvOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  const eol = options.lineEnding ?? '\n';
  const iso = (options.timestampFormat ?? 'iso') === 'iso';
  const { timestamp, open, high, low, close, volume, instrument } = table;
  const header = ['timestamp', 'open', 'high', 'low', 'close', 'volume'];
  if (instrument !== undefined) header.push('instrument');
  const lines: string[] = [header.join(delimiter)];
  const num = (x: number): string => {
    if (Number.isNaN(x)) return '';
    if (!Number.isFinite(x)) throw new RangeError(`${x} cannot be written: the reader accepts finite numbers only`);
    return Object.is(x, -0) ? '-0' : String(x);
  };
  for (let i = 0; i < timestamp.length; i++) {
    const t = timestamp[i];
    if (!Number.isInteger(t)) throw new RangeError(`row ${i + 1}: timestamp ${t} is not a whole number of milliseconds`);
    if (iso && (t < -62_167_219_200_000 || t > 253_402_300_799_999)) {
      throw new RangeError(`row ${i + 1}: timestamp ${t} is outside years 0–9999; write it as epoch-ms`);
    }
    const fields = [iso ? new Date(t).toISOString() : String(t), num(open[i]), num(high[i]), num(low[i]), num(close[i]), num(volume[i])];
    if (instrument !== undefined) fields.push(quoteIfNeeded(instrument[i], delimiter));
    lines.push(fields.join(delimiter));
  }
  return lines.join(eol) + eol;
}

function quoteIfNeeded(value: string, delimiter: string): string {
  const needs = value.includes(delimiter) || value.includes('"') || value.includes('\n') || value.includes('\r') || value.trim() !== value;
  return needs ? `"${value.replaceAll('"', '""')}"` : value;
}
