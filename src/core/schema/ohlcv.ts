import { OHLCV_COLUMNS, type OhlcvTable } from '../domain/ohlcv-table';
import { SchemaError } from './schema-error';
import { formatNumber, formatTimestamp, formatViolationMessage, type Violation } from './violation';

/** The rules an OHLCV table is checked against; the strings appear in messages as `[rule: …]`. */
export const OhlcvRule = {
  RequiredColumn: 'required-column',
  ColumnType: 'column-type',
  ColumnLength: 'column-length',
  Finite: 'finite',
  PricePositive: 'price>0',
  VolumeNonNegative: 'volume>=0',
  HighAboveOpenClose: 'high>=max(open,close)',
  LowBelowOpenClose: 'low<=min(open,close)',
  HighAboveLow: 'high>=low',
  TimestampIncreasing: 'timestamp-increasing',
  InstrumentPresent: 'instrument-present',
} as const;

export type OhlcvRule = (typeof OhlcvRule)[keyof typeof OhlcvRule];

export type OhlcvViolation = Violation<OhlcvRule>;

export interface OhlcvValidationOptions {
  /** Name used in messages, usually the file name. Default `"table"`. */
  readonly source?: string;
  /** Lines before the first data row in the source (1 for a CSV header); added to reported rows. Default 0. */
  readonly headerLines?: number;
  /** Exact source row of each table row (e.g. the CSV reader's `rowNumbers`); overrides `headerLines`. */
  readonly rowNumbers?: ArrayLike<number>;
  /** How many violations to keep; the rest are only counted. Default 100. */
  readonly maxViolations?: number;
}

export interface OhlcvValidation {
  readonly ok: boolean;
  /** The first `maxViolations` violations, in row order (column-level problems first). */
  readonly violations: readonly OhlcvViolation[];
  /** How many violations there are in all. */
  readonly total: number;
  /** Data rows checked (0 when the columns themselves are unusable). */
  readonly rows: number;
}

const PRICE_COLUMNS = ['open', 'high', 'low', 'close'] as const;

class Collector {
  readonly violations: OhlcvViolation[] = [];
  total = 0;

  constructor(
    private readonly source: string,
    private readonly max: number,
  ) {}

  /** `describe` is only called for kept violations, so counting millions of bad rows stays cheap. */
  add(row: number, column: string, rule: OhlcvRule, value: number | string | null, describe: () => string): void {
    this.total++;
    if (this.violations.length >= this.max) return;
    const message = formatViolationMessage(this.source, row, column, describe(), rule);
    this.violations.push({ row, column, rule, value, message });
  }
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'Array';
  if (typeof value === 'object') return value.constructor?.name ?? 'object';
  return typeof value;
}

/**
 * Checks a columnar OHLCV table. Column-level problems (missing, wrong type, unequal lengths) stop the check
 * because rows cannot be read; otherwise every row is checked against every rule:
 * finite values, prices > 0, high ≥ max(open, close), low ≤ min(open, close), high ≥ low, volume ≥ 0,
 * timestamps strictly increasing per instrument. Row rules that compare prices skip rows with a non-finite
 * price (already reported as `finite`).
 */
export function validateOhlcv(input: unknown, options: OhlcvValidationOptions = {}): OhlcvValidation {
  const source = options.source ?? 'table';
  const max = options.maxViolations ?? 100;
  const out = new Collector(source, max);
  const fail = (): OhlcvValidation => ({ ok: false, violations: out.violations, total: out.total, rows: 0 });

  if (typeof input !== 'object' || input === null) {
    for (const column of OHLCV_COLUMNS) {
      out.add(0, column, OhlcvRule.RequiredColumn, null, () => `required column is missing (input is ${describeType(input)})`);
    }
    return fail();
  }
  const record = input as Record<string, unknown>;
  for (const column of OHLCV_COLUMNS) {
    const value = record[column];
    if (value === undefined) {
      out.add(0, column, OhlcvRule.RequiredColumn, null, () => 'required column is missing');
    } else if (!(value instanceof Float64Array)) {
      const type = describeType(value);
      out.add(0, column, OhlcvRule.ColumnType, type, () => `expected a Float64Array, got ${type}`);
    }
  }
  const instrumentValue = record['instrument'];
  if (instrumentValue !== undefined && !Array.isArray(instrumentValue)) {
    const type = describeType(instrumentValue);
    out.add(0, 'instrument', OhlcvRule.ColumnType, type, () => `expected an array of strings, got ${type}`);
  }
  if (out.total > 0) return fail();

  const table = input as OhlcvTable;
  const n = table.timestamp.length;
  const lengthColumns: [string, number][] = OHLCV_COLUMNS.map((c): [string, number] => [c, table[c].length]);
  if (table.instrument !== undefined) lengthColumns.push(['instrument', table.instrument.length]);
  for (const [column, length] of lengthColumns) {
    if (length !== n) {
      out.add(0, column, OhlcvRule.ColumnLength, length, () => `has ${length} rows but timestamp has ${n}`);
    }
  }
  if (options.rowNumbers !== undefined && options.rowNumbers.length !== n) {
    throw new RangeError(`rowNumbers has ${options.rowNumbers.length} entries for a table of ${n} rows`);
  }
  if (out.total > 0) return fail();

  checkRows(table, out, rowMapper(options), newRowState());
  return { ok: out.total === 0, violations: out.violations, total: out.total, rows: n };
}

function rowMapper(options: OhlcvValidationOptions): (index: number) => number {
  const rowNumbers = options.rowNumbers;
  if (rowNumbers !== undefined) return (i) => rowNumbers[i];
  const offset = options.headerLines ?? 0;
  return (i) => i + 1 + offset;
}

interface LastSeen {
  timestamp: number;
  /** Source row of the bar (as reported). */
  row: number;
}

/** What the row rules remember from one row to the next, so a table can be checked in batches. */
interface RowState {
  // Timestamps must increase within each instrument; rows of different instruments may interleave.
  readonly lastByInstrument: Map<string, LastSeen>;
  last: LastSeen | undefined;
  lastInstrument: string | undefined;
}

function newRowState(): RowState {
  return { lastByInstrument: new Map(), last: undefined, lastInstrument: undefined };
}

/**
 * validateOhlcv over a table that comes in batches (a file read chunk by chunk): the same row rules, violations and
 * messages as validating the whole table at once, with memory for one batch. Batches must have well-formed columns
 * (Float64Arrays of one length, as the CSV reader makes them).
 */
export class OhlcvBatchValidator {
  private readonly out: Collector;
  private readonly state = newRowState();
  private rowCount = 0;

  constructor(options: Pick<OhlcvValidationOptions, 'source' | 'maxViolations'> = {}) {
    this.out = new Collector(options.source ?? 'table', options.maxViolations ?? 100);
  }

  /** Checks the next batch; `rowNumbers` are its rows' source rows. */
  check(batch: OhlcvTable, rowNumbers: ArrayLike<number>): void {
    if (rowNumbers.length !== batch.timestamp.length) {
      throw new RangeError(`rowNumbers has ${rowNumbers.length} entries for a batch of ${batch.timestamp.length} rows`);
    }
    checkRows(batch, this.out, (i) => rowNumbers[i], this.state);
    this.rowCount += batch.timestamp.length;
  }

  result(): OhlcvValidation {
    return { ok: this.out.total === 0, violations: this.out.violations, total: this.out.total, rows: this.rowCount };
  }
}

function checkRows(table: OhlcvTable, out: Collector, rowOf: (index: number) => number, state: RowState): void {
  const { timestamp, open, high, low, close, volume, instrument } = table;
  const n = timestamp.length;
  const lastByInstrument = state.lastByInstrument;
  let last = state.last;
  let lastInstrument = state.lastInstrument;

  for (let i = 0; i < n; i++) {
    const o = open[i];
    const h = high[i];
    const l = low[i];
    const c = close[i];
    const v = volume[i];
    const t = timestamp[i];

    let pricesFinite = true;
    for (const column of PRICE_COLUMNS) {
      const p = table[column][i];
      if (!Number.isFinite(p)) {
        pricesFinite = false;
        out.add(rowOf(i), column, OhlcvRule.Finite, p, () => `${column} (${formatNumber(p)}) is not a finite number`);
      } else if (p <= 0) {
        out.add(rowOf(i), column, OhlcvRule.PricePositive, p, () => `${column} (${formatNumber(p)}) is not positive`);
      }
    }
    if (pricesFinite) {
      const top = o > c ? o : c;
      const bottom = o < c ? o : c;
      if (h < top) {
        out.add(
          rowOf(i),
          'high',
          OhlcvRule.HighAboveOpenClose,
          h,
          () => `high (${formatNumber(h)}) is below max(open, close) (${formatNumber(top)})`,
        );
      }
      if (l > bottom) {
        out.add(
          rowOf(i),
          'low',
          OhlcvRule.LowBelowOpenClose,
          l,
          () => `low (${formatNumber(l)}) is above min(open, close) (${formatNumber(bottom)})`,
        );
      }
      if (h < l) {
        out.add(rowOf(i), 'high', OhlcvRule.HighAboveLow, h, () => `high (${formatNumber(h)}) is below low (${formatNumber(l)})`);
      }
    }

    if (!Number.isFinite(v)) {
      out.add(rowOf(i), 'volume', OhlcvRule.Finite, v, () => `volume (${formatNumber(v)}) is not a finite number`);
    } else if (v < 0) {
      out.add(rowOf(i), 'volume', OhlcvRule.VolumeNonNegative, v, () => `volume (${formatNumber(v)}) is negative`);
    }

    let name: string | undefined;
    if (instrument !== undefined) {
      const raw: unknown = instrument[i];
      if (typeof raw !== 'string' || raw.length === 0) {
        const shown = typeof raw === 'string' ? '""' : describeType(raw);
        out.add(
          rowOf(i),
          'instrument',
          OhlcvRule.InstrumentPresent,
          typeof raw === 'string' ? raw : null,
          () => `instrument is ${shown}, expected a non-empty string`,
        );
        continue; // no instrument: the timestamp order cannot be checked for this row
      }
      name = raw;
    }

    if (!Number.isFinite(t)) {
      out.add(rowOf(i), 'timestamp', OhlcvRule.Finite, t, () => `timestamp (${formatNumber(t)}) is not a finite number`);
      continue;
    }
    if (instrument !== undefined && name !== lastInstrument) {
      last = name === undefined ? undefined : lastByInstrument.get(name);
      lastInstrument = name;
    }
    if (last === undefined) {
      last = { timestamp: t, row: rowOf(i) };
      if (name !== undefined) lastByInstrument.set(name, last);
      continue;
    }
    if (!(t > last.timestamp)) {
      const previous = last.timestamp;
      const previousRow = last.row;
      const of = name === undefined ? '' : ` of instrument ${JSON.stringify(name)}`;
      const what = t === previous ? 'repeats' : 'is before';
      out.add(
        rowOf(i),
        'timestamp',
        OhlcvRule.TimestampIncreasing,
        t,
        () => `timestamp ${formatTimestamp(t)} ${what} the previous timestamp${of} ${formatTimestamp(previous)} at row ${previousRow}`,
      );
    }
    // Compare each row with the one before it (not the running maximum), so one stray row is one violation.
    last.timestamp = t;
    last.row = rowOf(i);
  }
  state.last = last;
  state.lastInstrument = lastInstrument;
}

/** How many violations a SchemaError message lists. */
const SHOWN_IN_ERROR = 5;

/**
 * Validates and throws a SchemaError listing the first few violations (and the total) if there are any;
 * afterwards TypeScript knows `input` is an OhlcvTable.
 */
export function assertValidOhlcv(input: unknown, options: OhlcvValidationOptions = {}): asserts input is OhlcvTable {
  const result = validateOhlcv(input, { ...options, maxViolations: options.maxViolations ?? SHOWN_IN_ERROR });
  if (!result.ok) throw new SchemaError(options.source ?? 'table', result.violations, result.total);
}
