/**
 * Cuts a stream of OHLCV pieces of any sizes (a Parquet file's row groups) into batches of exactly `rows` rows, the
 * last holding the rest: the canonical Parquet writer needs one row group per batch to write the same bytes as for
 * the whole table. Holds at most one batch plus one piece; a piece that already is a batch passes without a copy.
 */
import { OHLCV_COLUMNS, type OhlcvTable } from './ohlcv-table';

function concat(pieces: readonly OhlcvTable[], rows: number): OhlcvTable {
  if (pieces.length === 1 && pieces[0].timestamp.length === rows) return pieces[0];
  const out = {} as Record<(typeof OHLCV_COLUMNS)[number], Float64Array>;
  for (const name of OHLCV_COLUMNS) {
    const col = new Float64Array(rows);
    let at = 0;
    for (const p of pieces) {
      col.set(p[name], at);
      at += p[name].length;
    }
    out[name] = col;
  }
  const withNames = pieces.some((p) => p.instrument !== undefined);
  return withNames ? { ...out, instrument: pieces.flatMap((p) => p.instrument ?? new Array<string>(p.timestamp.length).fill('')) } : out;
}

function rowsOf(table: OhlcvTable, from: number, to: number): OhlcvTable {
  const cut = {} as Record<(typeof OHLCV_COLUMNS)[number], Float64Array>;
  for (const name of OHLCV_COLUMNS) cut[name] = table[name].subarray(from, to);
  return table.instrument === undefined ? cut : { ...cut, instrument: table.instrument.slice(from, to) };
}

export async function* rebatchOhlcv(pieces: AsyncIterable<OhlcvTable>, rows: number): AsyncGenerator<OhlcvTable> {
  if (!Number.isInteger(rows) || rows < 1) throw new RangeError(`batch rows must be a positive integer, got ${rows}`);
  let held: OhlcvTable[] = [];
  let heldRows = 0;
  for await (const piece of pieces) {
    const n = piece.timestamp.length;
    let at = 0;
    while (at < n) {
      const take = Math.min(rows - heldRows, n - at);
      held.push(at === 0 && take === n ? piece : rowsOf(piece, at, at + take));
      heldRows += take;
      at += take;
      if (heldRows === rows) {
        yield concat(held, rows);
        held = [];
        heldRows = 0;
      }
    }
  }
  if (heldRows > 0) yield concat(held, heldRows);
}
