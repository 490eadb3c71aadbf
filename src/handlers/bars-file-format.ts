import type { BarsFileFormat } from './import-decode';

/** The format a file name announces, or null. Apart from the decoders, so screening a file name loads no reader. */
export function barsFileFormat(name: string): BarsFileFormat | null {
  const lower = name.toLowerCase();
  return lower.endsWith('.parquet') ? 'parquet' : lower.endsWith('.csv') ? 'csv' : null;
}
