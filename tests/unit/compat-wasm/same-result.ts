import { expect } from 'vitest';
import type { BacktestResult, ClosedTradeRecord, OpenTradeRecord } from '../../../src/core/compat';

/** Hex of the IEEE-754 bytes: equal strings mean bit-identical values (NaN payloads and signed zeros included). */
export function bits(a: Float64Array | number[]): string {
  const f = a instanceof Float64Array ? a : Float64Array.from(a);
  return Buffer.from(f.buffer, f.byteOffset, f.byteLength).toString('hex');
}

const CLOSED_NUMBERS = [
  'size',
  'entryBar',
  'exitBar',
  'entryPrice',
  'exitPrice',
  'pnl',
  'returnPct',
  'commissions',
  'entryTime',
  'exitTime',
] as const;
const OPEN_NUMBERS = ['size', 'entryBar', 'entryPrice', 'entryTime'] as const;

function column<T>(rows: T[], key: keyof T): Float64Array {
  return Float64Array.from(rows, (r) => r[key] as number);
}

/** null stays null; a price becomes its bits, so `null` vs `NaN` vs `0` vs `-0` all differ. */
function optionalBits<T>(rows: T[], key: keyof T): (string | null)[] {
  return rows.map((r) => (r[key] === null ? null : bits([r[key] as number])));
}

/** Expect the engine's result to equal the reference's bit for bit, field by field. */
export function expectSameResult(wasm: BacktestResult, ref: BacktestResult, label = ''): void {
  expect(bits(wasm.equity), `${label} equity`).toBe(bits(ref.equity));
  expect(wasm.trades.length, `${label} closed trades`).toBe(ref.trades.length);
  for (const key of CLOSED_NUMBERS) {
    expect(bits(column<ClosedTradeRecord>(wasm.trades, key)), `${label} trades.${key}`).toBe(bits(column<ClosedTradeRecord>(ref.trades, key)));
  }
  for (const key of ['sl', 'tp'] as const) {
    expect(optionalBits<ClosedTradeRecord>(wasm.trades, key), `${label} trades.${key}`).toEqual(optionalBits<ClosedTradeRecord>(ref.trades, key));
  }
  expect(wasm.openTrades.length, `${label} open trades`).toBe(ref.openTrades.length);
  for (const key of OPEN_NUMBERS) {
    expect(bits(column<OpenTradeRecord>(wasm.openTrades, key)), `${label} openTrades.${key}`).toBe(
      bits(column<OpenTradeRecord>(ref.openTrades, key)),
    );
  }
  for (const key of ['sl', 'tp'] as const) {
    expect(optionalBits<OpenTradeRecord>(wasm.openTrades, key), `${label} openTrades.${key}`).toEqual(
      optionalBits<OpenTradeRecord>(ref.openTrades, key),
    );
  }
  expect(bits([wasm.cash]), `${label} cash`).toBe(bits([ref.cash]));
  // Everything else (bars, flags, notes, tags), structurally.
  expect({ ...wasm, equity: null }, `${label} result`).toStrictEqual({ ...ref, equity: null });
}

export type Outcome = { ok: true; result: BacktestResult } | { ok: false; error: unknown };

export function attempt(run: () => BacktestResult): Outcome {
  try {
    return { ok: true, result: run() };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Both runs succeed with bit-identical results, or both throw the same kind of error with the same message. */
export function expectSameOutcome(wasm: Outcome, ref: Outcome, label = ''): void {
  if (!ref.ok) {
    expect(wasm.ok, `${label} the reference threw ${String(ref.error)}, the engine did not`).toBe(false);
    if (!wasm.ok) {
      const e = wasm.error as Error;
      const r = ref.error as Error;
      expect([e.constructor.name, e.message], label).toEqual([r.constructor.name, r.message]);
    }
    return;
  }
  if (!wasm.ok) throw wasm.error;
  expectSameResult(wasm.result, ref.result, label);
}
