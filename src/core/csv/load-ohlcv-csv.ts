import type { Interval } from '../domain/interval';
import { inferInterval } from '../schema/infer-interval';
import { assertValidOhlcv, type OhlcvValidationOptions } from '../schema/ohlcv';
import { readOhlcvCsv, type OhlcvCsv, type ReadOhlcvCsvOptions } from './read-ohlcv-csv';

export interface LoadedOhlcvCsv extends OhlcvCsv {
  /** Bar interval inferred from the timestamps; undefined for fewer than two distinct timestamps. */
  readonly interval: Interval | undefined;
}

/**
 * Read, validate and infer the interval: what a command-line import needs. Throws CsvError when the text
 * cannot be read and SchemaError (first violations, with rows as line numbers of the text) when it breaks rules.
 */
export function loadOhlcvCsv(text: string, options: ReadOhlcvCsvOptions & Pick<OhlcvValidationOptions, 'maxViolations'> = {}): LoadedOhlcvCsv {
  const csv = readOhlcvCsv(text, options);
  assertValidOhlcv(csv.table, {
    source: options.source ?? 'input.csv',
    rowNumbers: csv.rowNumbers,
    ...(options.maxViolations === undefined ? {} : { maxViolations: options.maxViolations }),
  });
  return { ...csv, interval: inferInterval(csv.table) };
}
