/**
 * Result tables: the content rules (fills order, nulls, metrics rows), and that what is written to Parquet reads back
 * as the very content its contentHash was computed over.
 */
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { NodeParquetCodec } from '../../../src/adapters/node/node-parquet-codec';
import { contentHash } from '../../../src/core/artifacts/content-hash';
import type { LogicalTable } from '../../../src/core/artifacts/logical-schema';
import type { ClosedTradeRecord, OpenTradeRecord } from '../../../src/core/compat/result';
import { resultHashText } from '../../../src/core/experiments/result-hash';
import { fillsTable, NULLABLE_COLUMNS, summaryOf, tradesTable, TRADES_TABLE_SCHEMA } from '../../../src/core/experiments/result-tables';
import type { CompatStats } from '../../../src/core/stats/types';
import { logicalTableIpc } from '../../../src/handlers/experiments/logical-table-ipc';
import { CANONICAL_PARQUET_V1 } from '../../../src/handlers/import-canonical-parquet';
import { MS_PER_DAY } from '../../../src/core/domain/time';

function trade(entryBar: number, exitBar: number, size: number, extra: Partial<ClosedTradeRecord> = {}): ClosedTradeRecord {
  return {
    size,
    entryBar,
    exitBar,
    entryPrice: 100 + entryBar,
    exitPrice: 100 + exitBar,
    sl: null,
    tp: null,
    pnl: size * (exitBar - entryBar),
    returnPct: (exitBar - entryBar) / (100 + entryBar),
    commissions: 0.5,
    entryTime: entryBar * MS_PER_DAY,
    exitTime: exitBar * MS_PER_DAY,
    tag: null,
    ...extra,
  };
}

/** The logical table an Arrow table (read back from Parquet) holds, in the canonical value forms. */
function logicalFromArrow(bytes: Uint8Array, like: LogicalTable): LogicalTable {
  const table = tableFromIPC(bytes);
  return {
    schema: like.schema,
    columns: like.schema.map((c) => {
      const v = table.getChild(c.name)!;
      return Array.from({ length: table.numRows }, (_, i) => {
        const x = v.get(i) as unknown;
        if (x === null) return null;
        if (c.type === 'int64' || c.type === 'timestamp-ms-utc') return typeof x === 'bigint' ? x : BigInt(x as number);
        return x as number | string | boolean;
      });
    }),
  };
}

describe('result tables', () => {
  it('fills list each trade leg in book order: by bar, exits before entries, open trades after the closed ones', () => {
    const trades = [trade(2, 5, 10), trade(5, 7, -4)];
    const open: OpenTradeRecord[] = [{ size: 3, entryBar: 7, entryPrice: 107, entryTime: 7 * MS_PER_DAY, sl: null, tp: null, tag: null }];
    const t = fillsTable({ trades, openTrades: open });
    const rows = t.columns[0].length;
    const row = (i: number) => t.schema.map((_column, k) => (t.columns[k] as ArrayLike<unknown>)[i]);
    expect(Array.from({ length: rows }, (_, i) => row(i))).toEqual([
      [0, 'entry', 2, 2 * MS_PER_DAY, 10, 102, true],
      [0, 'exit', 5, 5 * MS_PER_DAY, -10, 105, true],
      [1, 'entry', 5, 5 * MS_PER_DAY, -4, 105, true],
      [1, 'exit', 7, 7 * MS_PER_DAY, 4, 107, true],
      [2, 'entry', 7, 7 * MS_PER_DAY, 3, 107, false],
    ]);
  });

  it('keeps "no bracket" and "no tag" as null, never NaN', () => {
    const t = tradesTable([trade(1, 2, 1, { sl: NaN, tp: 120, tag: 'x' }), trade(3, 4, 1)]);
    const col = (name: string) => t.columns[TRADES_TABLE_SCHEMA.findIndex((c) => c.name === name)];
    expect(col('sl')).toEqual([null, null]);
    expect(col('tp')).toEqual([120, null]);
    expect(col('tag')).toEqual(['x', null]);
  });

  it('writes Parquet that reads back as the content it was hashed from (nulls, int64, bool, utf8, empty tables)', async () => {
    const codec = new NodeParquetCodec();
    const tables: Array<[string, LogicalTable, readonly string[]]> = [
      ['trades', tradesTable([trade(1, 2, 1, { sl: 95.5, tag: 'é' }), trade(3, 9, -2)]), NULLABLE_COLUMNS.trades],
      ['fills', fillsTable({ trades: [trade(1, 2, 1)], openTrades: [] }), NULLABLE_COLUMNS.fills],
      ['empty trades', tradesTable([]), NULLABLE_COLUMNS.trades],
    ];
    for (const [what, table, nullable] of tables) {
      const parquet = await codec.writeParquet(logicalTableIpc(table, nullable), CANONICAL_PARQUET_V1);
      const back = logicalFromArrow(await codec.toArrowIpc(parquet), table);
      expect(await contentHash(back), what).toBe(await contentHash(table));
      const fields = tableFromIPC(await codec.toArrowIpc(parquet)).schema.fields;
      expect(
        fields.filter((f) => f.nullable).map((f) => f.name),
        what,
      ).toEqual(table.schema.map((c) => c.name).filter((n) => nullable.includes(n)));
    }
  });

  it('refuses a null in a column that is not nullable', () => {
    const table: LogicalTable = { schema: [{ name: 'x', type: 'float64' }], columns: [[1, null]] };
    expect(() => logicalTableIpc(table)).toThrow('column "x" row 1: null in a column that is not nullable');
  });

  it('summary keeps finite headline numbers only', () => {
    const stats = {
      trades: 3,
      return_pct: 1.5,
      equity_final: 101.5,
      sharpe_ratio: Infinity,
      max_drawdown_pct: null,
      win_rate_pct: 66.6,
      exposure_time_pct: 50,
    } as unknown as CompatStats;
    expect(summaryOf(stats)).toEqual({
      trades: 3,
      return_pct: 1.5,
      equity_final: 101.5,
      sharpe_ratio: null,
      max_drawdown_pct: null,
      win_rate_pct: 66.6,
      exposure_time_pct: 50,
    });
  });

  it('the resultHash text lists the four contentHashes in the fixed order, and refuses anything else', () => {
    const h = (c: string) => c.repeat(64);
    expect(resultHashText({ metrics: h('d'), fills: h('c'), trades: h('b'), equity: h('a') })).toBe(
      `quantlab/experiment-result/v1\nequity=${h('a')}\ntrades=${h('b')}\nfills=${h('c')}\nmetrics=${h('d')}\n`,
    );
    expect(() => resultHashText({ equity: h('A'), trades: h('b'), fills: h('c'), metrics: h('d') })).toThrow(
      /contentHash of equity must be 64 lowercase hex digits/,
    );
  });
});
