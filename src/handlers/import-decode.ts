/**
 * What the import use case needs from a file decoder: bytes and a name in, OHLCV columns or the reasons they could
 * not be read out. Decoders never validate market rules (that is the handler's job, with the schema rules) and never
 * repair: a field they cannot read is a problem, not a default.
 */
import type { OhlcvTable } from '../core/domain/ohlcv-table';

export interface BarsFileBytes {
  /** The file's name as the user brought it (no directories), e.g. `GOOG.csv`; messages name it. */
  readonly name: string;
  readonly bytes: Uint8Array;
}

export type BarsFileFormat = 'csv' | 'parquet';

/** One reason a file could not be decoded; `code` is the rule (`missing-column`, `not-parquet`, …). */
export interface DecodeProblem {
  readonly code: string;
  /** Names file, row, column and rule. */
  readonly message: string;
  /** 1-based line for CSV, 1-based row for Parquet; null when the problem is not at a row. */
  readonly row: number | null;
  readonly column: string | null;
}

export type DecodedBars =
  | {
      readonly ok: true;
      readonly format: BarsFileFormat;
      readonly table: OhlcvTable;
      /** Source row of each table row (CSV: the line number); absent when rows are numbered 1, 2, … */
      readonly rowNumbers?: ArrayLike<number>;
    }
  | {
      readonly ok: false;
      readonly format: BarsFileFormat | null;
      /** The first problems in file order (a decoder may cap the list). */
      readonly problems: readonly DecodeProblem[];
      /** Every problem found; default problems.length. */
      readonly problemCount?: number;
      /** The error as the decoder raised it (the first problem), for callers that fail fast (e.g. `backtest --data`). */
      readonly error: Error;
      /**
       * The rows that could be read, when the file was read to its end past bad rows: the handler still checks them
       * against the market rules, so every reason of the file is reported at once.
       */
      readonly readable?: { readonly table: OhlcvTable; readonly rowNumbers?: ArrayLike<number> };
    };

export type DecodeBarsFile = (file: BarsFileBytes) => Promise<DecodedBars>;
