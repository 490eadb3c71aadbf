/**
 * Maps a table's described columns (from DuckDB's DESCRIBE) to the canonical OHLCV projection:
 * timestamp (epoch ms, DOUBLE), open, high, low, close, volume (DOUBLE), in file order.
 * Column roles are resolved by the same rules as the CSV reader (resolveColumns), so a file is read the same way
 * in the browser (DuckDB) and in the CLI. Pure: it only builds SQL text; the adapter runs it.
 */
import { resolveColumns } from '../csv/header';
import { OHLCV_COLUMNS } from '../domain/ohlcv-table';

export interface ColumnInfo {
  name: string;
  type: string;
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Timestamp → epoch ms. Dates and timestamps as they are; text through TIMESTAMPTZ so UTC offsets are honoured
 * (a plain TIMESTAMP cast drops them); numbers as epoch seconds, ms, µs or ns judged by the first row's magnitude
 * with the CSV reader's thresholds (guessEpochUnit), finer units truncated toward zero.
 */
function timestampExpr(col: ColumnInfo, source: string): string {
  const q = quoteIdent(col.name);
  const t = col.type.toUpperCase();
  if (t === 'DATE' || t === 'TIMESTAMP' || t.startsWith('TIMESTAMP_') || t === 'TIMESTAMP WITH TIME ZONE') {
    return `CAST(epoch_ms(${t === 'DATE' ? `CAST(${q} AS TIMESTAMP)` : q}) AS DOUBLE)`;
  }
  if (/INT|DOUBLE|FLOAT|DECIMAL/.test(t)) {
    const first = `(SELECT abs(CAST(${q} AS DOUBLE)) FROM ${source} LIMIT 1)`;
    const x = `CAST(${q} AS DOUBLE)`;
    return `CASE WHEN ${first} < 1e11 THEN ${x} * 1000 WHEN ${first} < 1e14 THEN ${x} WHEN ${first} < 1e17 THEN trunc(${x} / 1000) ELSE trunc(${x} / 1000000) END`;
  }
  return `CAST(epoch_ms(CAST(${q} AS TIMESTAMPTZ)) AS DOUBLE)`;
}

/** Builds `SELECT … FROM source` that yields the canonical columns, or throws a CsvError naming the missing column. */
export function ohlcvSelect(columns: ColumnInfo[], source: string, fileName: string): string {
  // DuckDB names an unnamed first header field `column0`; the shared rules know it as the unnamed first column.
  const header = columns.map((c, i) => (i === 0 && c.name === 'column0' ? '' : c.name));
  const { index } = resolveColumns(header, {}, fileName, 1);
  const parts = OHLCV_COLUMNS.map((role) => {
    const col = columns[index[role]];
    return role === 'timestamp' ? `${timestampExpr(col, source)} AS timestamp` : `CAST(${quoteIdent(col.name)} AS DOUBLE) AS ${role}`;
  });
  return `SELECT ${parts.join(', ')} FROM ${source}`;
}
