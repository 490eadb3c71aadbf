/**
 * Maps a table's described columns (from DuckDB's DESCRIBE) to the canonical OHLCV projection:
 * timestamp (epoch ms, DOUBLE), open, high, low, close, volume (DOUBLE), in file order.
 * Pure: it only builds SQL text; the adapter runs it.
 */
export interface ColumnInfo {
  name: string;
  type: string;
}

export class ColumnMappingError extends Error {
  override name = 'ColumnMappingError';
}

const TIME_NAMES = ['timestamp', 'datetime', 'date', 'time', 'ts', 'column0', ''];
const PRICE_FIELDS = ['open', 'high', 'low', 'close'] as const;

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

function findColumn(columns: ColumnInfo[], wanted: string): ColumnInfo | undefined {
  return columns.find((c) => c.name.trim().toLowerCase() === wanted);
}

function suggestion(columns: ColumnInfo[], wanted: string): string {
  let best: ColumnInfo | undefined;
  let bestD = Infinity;
  for (const c of columns) {
    const dist = editDistance(c.name.toLowerCase(), wanted);
    if (dist < bestD) {
      bestD = dist;
      best = c;
    }
  }
  return best && bestD <= 2 ? ` (did you mean "${best.name}"?)` : '';
}

function timestampExpr(col: ColumnInfo): string {
  const q = quoteIdent(col.name);
  const t = col.type.toUpperCase();
  if (t === 'DATE' || t.startsWith('TIMESTAMP')) return `CAST(epoch_ms(CAST(${q} AS TIMESTAMP)) AS DOUBLE)`;
  if (/INT|DOUBLE|FLOAT|DECIMAL|HUGEINT/.test(t)) {
    // Integers below 1e11 are epoch seconds (1e11 s is the year 5138; 1e11 ms is 1973).
    return `CAST(CASE WHEN abs(${q}) < 100000000000 THEN ${q} * 1000 ELSE ${q} END AS DOUBLE)`;
  }
  return `CAST(epoch_ms(CAST(${q} AS TIMESTAMP)) AS DOUBLE)`;
}

/** Builds `SELECT … FROM source` that yields the canonical columns, or throws naming the missing column. */
export function ohlcvSelect(columns: ColumnInfo[], source: string, fileName: string): string {
  const time =
    TIME_NAMES.map((n) => findColumn(columns, n)).find((c) => c !== undefined) ??
    (columns[0] && /^(DATE|TIMESTAMP)/i.test(columns[0].type) ? columns[0] : undefined);
  if (!time) {
    throw new ColumnMappingError(
      `${fileName}: no timestamp column [rule: a column named timestamp, date, time or datetime, or an unnamed first column]; columns are ${columns.map((c) => `"${c.name}"`).join(', ')}`,
    );
  }
  const parts = [`${timestampExpr(time)} AS timestamp`];
  for (const field of PRICE_FIELDS) {
    const col = findColumn(columns, field);
    if (!col) {
      throw new ColumnMappingError(`${fileName}: column "${field}" is missing [rule: required column]${suggestion(columns, field)}`);
    }
    parts.push(`CAST(${quoteIdent(col.name)} AS DOUBLE) AS ${field}`);
  }
  const volume = findColumn(columns, 'volume');
  parts.push(volume ? `CAST(${quoteIdent(volume.name)} AS DOUBLE) AS volume` : `CAST(0 AS DOUBLE) AS volume`);
  return `SELECT ${parts.join(', ')} FROM ${source}`;
}
