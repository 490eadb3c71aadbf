import { expect } from 'vitest';
import type { LabResult } from '../../../src/core/lab';

type Column = Float64Array | Int32Array;

/** Index of the first byte where two typed arrays differ, −1 when they are byte-identical, −2 for another length. */
export function firstDifference(a: Column, b: Column): number {
  if (a.constructor !== b.constructor || a.byteLength !== b.byteLength) return -2;
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return i;
  return -1;
}

function sameColumn(label: string, wasm: Column, ref: Column): void {
  const at = firstDifference(wasm, ref);
  if (at === -1) return;
  const i = at < 0 ? 0 : Math.floor(at / wasm.BYTES_PER_ELEMENT);
  // The message carries the first difference, so that a shrunk counterexample says where the bits part.
  expect({ column: label, index: i, wasm: wasm[i], ref: ref[i], wasmLength: wasm.length, refLength: ref.length }, `${label} differs`).toStrictEqual({
    column: label,
    index: i,
    wasm: ref[i],
    ref: ref[i],
    wasmLength: ref.length,
    refLength: ref.length,
  });
  expect.unreachable(`${label}: bytes differ at ${at} but values compare equal (NaN payload or signed zero)`);
}

function sameTable(label: string, wasm: object, ref: object): void {
  const w = wasm as Record<string, unknown>;
  const r = ref as Record<string, unknown>;
  expect(Object.keys(w).sort(), `${label} columns`).toEqual(Object.keys(r).sort());
  expect(w.count, `${label}.count`).toBe(r.count);
  for (const key of Object.keys(r)) {
    if (key === 'count') continue;
    sameColumn(`${label}.${key}`, w[key] as Column, r[key] as Column);
  }
}

/**
 * Expect the WASM result to equal the reference's byte for byte: nav, cash, positions and time, every column of
 * fills, closed trades, open trades, orders and the limit logs (Float64Array bytes, so NaN payloads and −0 count), and the
 * metadata apart from `implementation`.
 */
export function expectSameLabResult(wasm: LabResult, ref: LabResult): void {
  sameColumn('nav', wasm.nav, ref.nav);
  sameColumn('cash', wasm.cash, ref.cash);
  sameColumn('positions', wasm.positions, ref.positions);
  sameColumn('time', wasm.time, ref.time);
  sameTable('fills', wasm.fills, ref.fills);
  sameTable('trades', wasm.trades, ref.trades);
  sameTable('openTrades', wasm.openTrades, ref.openTrades);
  sameTable('orders', wasm.orders, ref.orders);
  sameTable('limitOrders', wasm.limitOrders, ref.limitOrders);
  sameTable('limitEvents', wasm.limitEvents, ref.limitEvents);
  expect(wasm.meta.implementation).toBe('wasm');
  expect(ref.meta.implementation).toBe('ts-reference');
  expect({ ...wasm.meta, implementation: null }).toStrictEqual({ ...ref.meta, implementation: null });
  expect(Object.keys(wasm).sort()).toEqual(Object.keys(ref).sort());
}

/** The outcome of a run: its result, or the error it threw (name and message). */
export type Outcome = { ok: true; result: LabResult } | { ok: false; error: string };

export function attempt(run: () => LabResult): Outcome {
  try {
    return { ok: true, result: run() };
  } catch (e) {
    return { ok: false, error: `${(e as Error).name}: ${(e as Error).message}` };
  }
}

export function expectSameOutcome(wasm: Outcome, ref: Outcome): void {
  if (!ref.ok || !wasm.ok) {
    expect(wasm.ok ? 'returned a result' : wasm.error).toBe(ref.ok ? 'returned a result' : ref.error);
    return;
  }
  expectSameLabResult(wasm.result, ref.result);
}
