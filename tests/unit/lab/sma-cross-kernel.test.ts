import { describe, expect, it, beforeAll } from 'vitest';
import fc from 'fast-check';
import { smaCrossReference, type SmaCrossParams } from '../../../src/core/kernels/sma-cross';
import { loadNodeEngine } from '../../../src/adapters/node/engine-loader';
import type { WasmEngine } from '../../../src/engine/wasm-engine';
import { readSharedCloses } from '../../helpers/shared-data';

const base: SmaCrossParams = { fast: 10, slow: 20, cash: 10_000, commission: 0.002, slippageBps: 5, seed: 1 };

function bits(a: Float64Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');
}

describe('SMA-crossover kernel', () => {
  let engine: WasmEngine;
  beforeAll(async () => {
    engine = await loadNodeEngine();
  });

  it('WASM and TypeScript agree bit for bit on GOOG', () => {
    const { open, close } = readSharedCloses('GOOG.csv');
    const ts = smaCrossReference(open, close, base);
    const wasm = engine.smaCross(open, close, base);
    expect(wasm.trades).toBe(ts.trades);
    expect(bits(wasm.equity)).toBe(bits(ts.equity));
    expect(ts.trades).toBeGreaterThan(50);
  });

  it('without slippage or commission, follows a hand-checked path', () => {
    // fast(1) vs slow(2): the spread is first known at bar 1 (−0.5), turns positive at bar 2 and negative at bar 4.
    const close = new Float64Array([10, 9, 10, 11, 10, 9, 8]);
    const open = new Float64Array([10, 9.5, 9.5, 10.5, 10.5, 9.5, 8.5]);
    const params = { fast: 1, slow: 2, cash: 100, commission: 0, slippageBps: 0, seed: 0 };
    const r = smaCrossReference(open, close, params);
    // Bar 3 open 10.5: buy floor(100/10.5) = 9, cash 5.5. Bar 5 open 9.5: sell 9 (cash 91), short floor(91/9.5) = 9 (cash 176.5).
    expect(Array.from(r.equity)).toEqual([100, 100, 100, 5.5 + 9 * 11, 5.5 + 9 * 10, 176.5 - 9 * 9, 176.5 - 9 * 8]);
    expect(r.trades).toBe(1);
    expect(Array.from(engine.smaCross(open, close, params).equity)).toEqual(Array.from(r.equity));
  });

  it('slippage is seeded: same seed same bits, other seed other bits, and it always costs', () => {
    const { open, close } = readSharedCloses('GOOG.csv');
    const a = engine.smaCross(open, close, base);
    const b = engine.smaCross(open, close, base);
    const c = engine.smaCross(open, close, { ...base, seed: 2 });
    const free = engine.smaCross(open, close, { ...base, slippageBps: 0 });
    expect(bits(a.equity)).toBe(bits(b.equity));
    expect(bits(a.equity)).not.toBe(bits(c.equity));
    expect(a.equity[a.equity.length - 1]).toBeLessThan(free.equity[free.equity.length - 1]);
  });

  it('WASM ≡ TypeScript on random price paths and parameters', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.5, max: 2, noNaN: true }), { minLength: 1, maxLength: 400 }),
        fc.integer({ min: 1, max: 15 }),
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: 0, max: 0.01, noNaN: true }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        fc.nat(),
        (steps, fast, extra, commission, slippageBps, seed) => {
          const close = new Float64Array(steps.length);
          const open = new Float64Array(steps.length);
          let p = 100;
          steps.forEach((s, i) => {
            open[i] = p;
            p *= 0.9 + 0.1 * s;
            close[i] = p;
          });
          const params = { fast, slow: fast + extra, cash: 10_000, commission, slippageBps, seed: seed >>> 0 };
          const ts = smaCrossReference(open, close, params);
          const wasm = engine.smaCross(open, close, params);
          expect(wasm.trades).toBe(ts.trades);
          expect(bits(wasm.equity)).toBe(bits(ts.equity));
        },
      ),
      { numRuns: 300, seed: 20261121 },
    );
  });

  it('rejects invalid parameters with a named reason', () => {
    const x = new Float64Array([1, 2, 3]);
    expect(() => engine.smaCross(x, x, { ...base, slow: 5, fast: 5 })).toThrow(/slow must be an integer > fast/);
    expect(() => smaCrossReference(x, x, { ...base, cash: -1 })).toThrow(/cash/);
    expect(() => smaCrossReference(x, new Float64Array(2), base)).toThrow(/open has 3 values, close has 2/);
  });
});
