import type { AsyncDuckDB, AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import { tableFromArrays, type Table } from 'apache-arrow';
import type { OhlcvTable } from '../../core/domain/ohlcv-table';
import { ohlcvSelect, quoteIdent, type ColumnInfo } from '../../core/projection/ohlcv-select';
import type { ProjectionBuilder, ProjectionInfo } from '../../ports/projection-builder';

function float64(table: Table, name: string): Float64Array {
  const col = table.getChild(name);
  if (!col) throw new Error(`projection has no column ${name}`);
  // toArray() of a single-chunk DOUBLE column is a view; slice() owns its bytes.
  return Float64Array.from(col.toArray() as ArrayLike<number>);
}

/** ProjectionBuilder over DuckDB-WASM: projections are in-memory tables, rebuilt from bytes whenever needed. */
export class DuckDBProjections implements ProjectionBuilder {
  private constructor(
    private readonly db: AsyncDuckDB,
    private readonly conn: AsyncDuckDBConnection,
  ) {}

  static async open(db: AsyncDuckDB): Promise<DuckDBProjections> {
    return new DuckDBProjections(db, await db.connect());
  }

  private async describe(source: string): Promise<ColumnInfo[]> {
    const t = await this.conn.query(`DESCRIBE SELECT * FROM ${source}`);
    return t.toArray().map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
  }

  private async normalize(table: string, fileName: string, source: string): Promise<ProjectionInfo> {
    const select = ohlcvSelect(await this.describe(source), source, fileName);
    await this.conn.query(`CREATE OR REPLACE TABLE ${quoteIdent(table)} AS ${select}`);
    const count = await this.conn.query(`SELECT count(*)::DOUBLE AS n FROM ${quoteIdent(table)}`);
    return { table, rows: Number(count.getChild('n')!.get(0)) };
  }

  async fromCsv(table: string, fileName: string, bytes: Uint8Array): Promise<ProjectionInfo> {
    const virtual = `${table}.csv`;
    await this.db.registerFileBuffer(virtual, bytes);
    try {
      return await this.normalize(table, fileName, `read_csv(${sqlString(virtual)}, header = true)`);
    } finally {
      await this.db.dropFile(virtual);
    }
  }

  async fromArrowIpc(table: string, fileName: string, ipc: Uint8Array): Promise<ProjectionInfo> {
    const raw = `${table}__raw`;
    await this.conn.query(`DROP TABLE IF EXISTS ${quoteIdent(raw)}`);
    await this.conn.insertArrowFromIPCStream(ipc, { name: raw, create: true });
    try {
      return await this.normalize(table, fileName, quoteIdent(raw));
    } finally {
      await this.conn.query(`DROP TABLE IF EXISTS ${quoteIdent(raw)}`);
    }
  }

  async fromColumns(table: string, columns: OhlcvTable): Promise<ProjectionInfo> {
    await this.conn.query(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
    await this.conn.insertArrowTable(tableFromArrays({ ...columns }), { name: table, create: true });
    return { table, rows: columns.close.length };
  }

  async ohlcv(table: string): Promise<OhlcvTable> {
    const t = await this.conn.query(`SELECT timestamp, open, high, low, close, volume FROM ${quoteIdent(table)}`);
    return {
      timestamp: float64(t, 'timestamp'),
      open: float64(t, 'open'),
      high: float64(t, 'high'),
      low: float64(t, 'low'),
      close: float64(t, 'close'),
      volume: float64(t, 'volume'),
    };
  }

  async drop(table: string): Promise<void> {
    await this.conn.query(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
  }
}

function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}
