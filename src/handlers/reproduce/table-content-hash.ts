/**
 * A stored table's contentHash re-derived from its Parquet bytes, for checking what comes from outside (a bundle):
 * Parquet → Arrow (through the ParquetCodec port) → the logical table its record's schema describes → the canonical
 * encoding's SHA-256. The Arrow columns must be the schema's, in its order and of matching types; values are read
 * as they are (nulls as nulls), never converted to fit.
 */
import { DataType, Precision, tableFromIPC, TimeUnit, type Table, type Vector } from 'apache-arrow';
import { contentHash } from '../../core/artifacts/content-hash';
import type { CanonicalSchema, ColumnData, LogicalType } from '../../core/artifacts/logical-schema';
import type { TableContentHash } from '../../core/reproduce/bundle-verify';
import type { ParquetCodec } from '../../ports/parquet-codec';
import { MS_PER_DAY } from '../../core/domain/time';

function typeMatches(type: DataType, logical: LogicalType): boolean {
  switch (logical) {
    case 'float64':
      return DataType.isFloat(type) && type.precision === Precision.DOUBLE;
    case 'int64':
      return DataType.isInt(type) && type.bitWidth === 64 && type.isSigned;
    case 'timestamp-ms-utc':
      return DataType.isTimestamp(type) && type.unit === TimeUnit.MILLISECOND;
    case 'date-days':
      return DataType.isDate(type);
    case 'utf8':
      return DataType.isUtf8(type) || DataType.isLargeUtf8(type);
    case 'bool':
      return DataType.isBool(type);
  }
}

function columnValues(vector: Vector, logical: LogicalType): ColumnData {
  const n = vector.length;
  const out = new Array<number | bigint | string | boolean | null>(n);
  for (let i = 0; i < n; i++) {
    if (!vector.isValid(i)) {
      out[i] = null;
      continue;
    }
    const v: unknown = vector.get(i);
    out[i] = logical === 'date-days' ? (v as number) / MS_PER_DAY : (v as number | bigint | string | boolean);
  }
  return out;
}

function logicalColumns(table: Table, schema: CanonicalSchema, file: string): ColumnData[] {
  const fields = table.schema.fields;
  if (fields.length !== schema.length || fields.some((f, i) => f.name !== schema[i].name)) {
    throw new Error(`${file} has columns ${fields.map((f) => f.name).join(', ')}; its record says ${schema.map((c) => c.name).join(', ')}`);
  }
  return schema.map((c, i) => {
    const type = fields[i].type as DataType;
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- every Arrow DataType subclass prints its name
    if (!typeMatches(type, c.type)) throw new Error(`${file}: column "${c.name}" is ${String(type)}, its record says ${c.type}`);
    return columnValues(table.getChildAt(i)!, c.type);
  });
}

export function parquetTableContentHash(codec: Pick<ParquetCodec, 'toArrowIpc'>): TableContentHash {
  return async (bytes, schema, file) => {
    const table = tableFromIPC(await codec.toArrowIpc(bytes));
    return contentHash({ schema, columns: logicalColumns(table, schema, file) });
  };
}
