/**
 * ProjectionBuilder over DuckDB-WASM (which runs in its own worker). Projections are in-memory tables built from
 * an artifact's stored Parquet: parquet-wasm turns the bytes into an Arrow IPC stream, DuckDB ingests it. DuckDB's
 * own Parquet reader is an extension it would download, so it is never used (see stack-notes).
 */
import type { AsyncDuckDB, AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import type { Table } from 'apache-arrow';
import type { OhlcvTable } from '../../core/domain/ohlcv-table';
import { ohlcvSelect, quoteIdent, type ColumnInfo } from '../../core/projection/ohlcv-select';
import type { ParquetCodec } from '../../ports/parquet-codec';
import type { ColumnSummary, PreviewCell, ProjectionBuilder, ProjectionInfo, ProjectionPreview } from '../../ports/projection-builder';

function float64(table: Table, name: string): Float64Array {
  const col = table.getChild(name);
  if (!col) throw new Error(`projection has no column ${name}`);
  // toArray() of a single-chunk DOUBLE column is a view on DuckDB's result: copy it into bytes we own.
  return Float64Array.from(col.toArray() as ArrayLike<number>);
}

function isTemporal(type: string): boolean {
  const t = type.toUpperCase();
  return t === 'DATE' || t.startsWith('TIMESTAMP');
}

function cell(v: unknown): PreviewCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number(v);
  // Dates, decimals and nested values of DuckDB print themselves through their own toString.
  // eslint-disable-next-line @typescript-eslint/no-base-to-string
  return String(v);
}

/** DuckDB's Arrow rows carry no static type: read each field as unknown and convert it explicitly. */
const rowsOf = (t: Table): Record<string, unknown>[] => t.toArray() as Record<string, unknown>[];

// eslint-disable-next-line @typescript-eslint/no-base-to-string -- as in cell(): DuckDB values print themselves
const nullableText = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const nullableNumber = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export class DuckDBProjections implements ProjectionBuilder {
  private constructor(
    private readonly conn: AsyncDuckDBConnection,
    private readonly parquet: Pick<ParquetCodec, 'toArrowIpc'>,
  ) {}

  static async open(db: AsyncDuckDB, parquet: Pick<ParquetCodec, 'toArrowIpc'>): Promise<DuckDBProjections> {
    return new DuckDBProjections(await db.connect(), parquet);
  }

  private async describe(table: string): Promise<ColumnInfo[]> {
    const t = await this.conn.query(`DESCRIBE ${quoteIdent(table)}`);
    return rowsOf(t).map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
  }

  private async count(table: string): Promise<number> {
    const t = await this.conn.query(`SELECT count(*)::DOUBLE AS n FROM ${quoteIdent(table)}`);
    return Number(t.getChild('n')!.get(0));
  }

  async fromParquet(table: string, parquet: Uint8Array): Promise<ProjectionInfo> {
    const ipc = await this.parquet.toArrowIpc(parquet);
    await this.drop(table);
    await this.conn.insertArrowFromIPCStream(ipc, { name: table, create: true });
    return { table, rows: await this.count(table) };
  }

  async ohlcv(table: string): Promise<OhlcvTable> {
    // The column rules of every other reader (ohlcvSelect): a stored TIMESTAMP becomes epoch ms, prices DOUBLE.
    const select = ohlcvSelect(await this.describe(table), quoteIdent(table), table);
    const t = await this.conn.query(`${select} ORDER BY timestamp`);
    return {
      timestamp: float64(t, 'timestamp'),
      open: float64(t, 'open'),
      high: float64(t, 'high'),
      low: float64(t, 'low'),
      close: float64(t, 'close'),
      volume: float64(t, 'volume'),
    };
  }

  async preview(table: string, limit: number): Promise<ProjectionPreview> {
    const described = await this.describe(table);
    const columns = described.map((c) => ({ name: c.name, type: c.type, temporal: isTemporal(c.type) }));
    const exprs = columns.map((c, i) => (c.temporal ? `CAST(epoch_ms(${quoteIdent(c.name)}) AS DOUBLE)` : quoteIdent(c.name)) + ` AS c${i}`);
    const n = Math.max(0, Math.floor(limit));
    const t = await this.conn.query(`SELECT ${exprs.join(', ')} FROM ${quoteIdent(table)} LIMIT ${n}`);
    const rows = rowsOf(t).map((r) => columns.map((_, i) => cell(r[`c${i}`])));
    return { columns, rows };
  }

  async summarize(table: string): Promise<ColumnSummary[]> {
    const t = await this.conn.query(
      `SELECT column_name, column_type, min, max, avg, std, approx_unique::DOUBLE AS approx_unique, count::DOUBLE AS count,
              null_percentage::DOUBLE AS null_percentage
       FROM (SUMMARIZE ${quoteIdent(table)})`,
    );
    return rowsOf(t).map((r) => ({
      name: String(r.column_name),
      type: String(r.column_type),
      min: nullableText(r.min),
      max: nullableText(r.max),
      avg: nullableText(r.avg),
      std: nullableText(r.std),
      approxUnique: nullableNumber(r.approx_unique),
      count: Number(r.count),
      nullPercent: nullableNumber(r.null_percentage),
    }));
  }

  async list(): Promise<ProjectionInfo[]> {
    const t = await this.conn.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY table_name`);
    const names = rowsOf(t).map((r) => String(r.table_name));
    const out: ProjectionInfo[] = [];
    for (const table of names) out.push({ table, rows: await this.count(table) });
    return out;
  }

  async drop(table: string): Promise<void> {
    await this.conn.query(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
  }

  async dropAll(): Promise<string[]> {
    const names = (await this.list()).map((p) => p.table);
    for (const table of names) await this.drop(table);
    return names;
  }
}
