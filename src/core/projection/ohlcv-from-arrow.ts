/**
 * Reads an Arrow table (e.g. decoded from Parquet) as OHLCV columns, resolving column roles with the same rules
 * as the CSV reader and the DuckDB projection. Timestamps may be Arrow timestamps or dates (any unit), integers
 * or floats (epoch s/ms/µs/ns judged from the first row, as the CSV reader does), or ISO-8601 strings.
 */
import { Type, type DataType, type Table } from 'apache-arrow';
import { CsvError, CsvRule } from '../csv/csv-error';
import { resolveColumns } from '../csv/header';
import { guessEpochUnit, parseIsoTimestamp, type EpochUnit } from '../csv/parse-timestamp';
import { OHLCV_COLUMNS, type OhlcvTable } from '../domain/ohlcv-table';

const TO_MS: Record<EpochUnit, (x: number) => number> = {
  s: (x) => x * 1000,
  ms: (x) => x,
  us: (x) => Math.trunc(x / 1000),
  ns: (x) => Math.trunc(x / 1_000_000),
};

function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v === null || v === undefined) return NaN;
  return Number(v);
}

export function ohlcvFromArrow(table: Table, source: string): OhlcvTable {
  return new OhlcvArrowReader(source).read(table);
}

/**
 * Reads a file's Arrow batches (e.g. a Parquet file's row groups) one after another as ohlcvFromArrow reads the whole
 * table: the epoch unit of a numeric timestamp column is judged from the file's first row, and rows in errors are
 * numbered from the file's start.
 */
export class OhlcvArrowReader {
  private rowsRead = 0;
  private epochToMs: ((x: number) => number) | undefined;

  constructor(private readonly source: string) {}

  read(table: Table): OhlcvTable {
    const source = this.source;
    const fields = table.schema.fields;
    const { index } = resolveColumns(
      fields.map((f) => f.name),
      {},
      source,
      0,
    );
    const n = table.numRows;
    const first = this.rowsRead;
    const out = {} as Record<(typeof OHLCV_COLUMNS)[number], Float64Array>;
    for (const role of OHLCV_COLUMNS) {
      const field = fields[index[role]];
      const vector = table.getChildAt(index[role])!;
      const col = new Float64Array(n);
      const typeId = (field.type as DataType).typeId;
      const temporal = typeId === Type.Timestamp || typeId === Type.Date;
      for (let i = 0; i < n; i++) {
        const v: unknown = vector.get(i);
        if (role === 'timestamp' && typeof v === 'string') {
          // Plain or dictionary-encoded strings.
          const t = parseIsoTimestamp(v, 0, v.length);
          if (!Number.isFinite(t)) {
            throw new CsvError({
              source,
              row: first + i + 1,
              column: field.name,
              rule: CsvRule.UnparseableTimestamp,
              value: v,
              description: `cannot read ${JSON.stringify(v)} as a timestamp`,
            });
          }
          col[i] = t;
        } else {
          col[i] = toNumber(v);
          if (role === 'timestamp' && !temporal) {
            // Numeric epochs: the unit is judged from the file's first row, as the CSV reader does.
            this.epochToMs ??= TO_MS[guessEpochUnit(col[i])];
            col[i] = this.epochToMs(col[i]);
          }
        }
      }
      out[role] = col;
    }
    this.rowsRead += n;
    return out;
  }
}
