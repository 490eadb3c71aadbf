/** A signal query's answer (signalQuerySql: columns t, p as DOUBLE) read back from Arrow; NULL becomes NaN. */
import type { Table } from 'apache-arrow';
import type { SignalRows } from '../../core/experiments/sql-signal';

function doubles(table: Table, name: string): Float64Array {
  const column = table.getChild(name);
  if (!column) throw new TypeError(`the signal query's answer has no column ${name}`);
  const out = new Float64Array(table.numRows);
  for (let i = 0; i < out.length; i++) {
    const v: unknown = column.get(i);
    out[i] = v === null || v === undefined ? Number.NaN : Number(v);
  }
  return out;
}

export function signalRowsFromArrow(table: Table): SignalRows {
  return { timestamp: doubles(table, 't'), position: doubles(table, 'p') };
}
