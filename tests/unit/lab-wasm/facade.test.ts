import { beforeAll, describe, expect, it } from 'vitest';
import { LabSmaCross, runLab, type LabConfigInput, type LabSources, type LabTimeline, type Strategy } from '../../../src/core/lab';
import { compileNodeEngine } from '../../../src/adapters/node/engine-loader';
import { createEngine, type Engine } from '../../../src/engine/engine-module';
import { LabWasmEngine, type LabExports } from '../../../src/engine/lab';
import { flat, randomMarket, scripted, timelineOf } from '../lab/lab-fixtures';
import { attempt, expectSameLabResult, expectSameOutcome } from './same-result';

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine(await compileNodeEngine());
});

const tl = randomMarket(11, 2, 120, 0.1);
const config: LabConfigInput = {
  allowShort: true,
  commission: { relative: 0.001 },
  slippage: { model: 'random', bps: 10 },
  seed: 9,
  closeAtEnd: true,
};

describe('LabWasmEngine facade', () => {
  it('is wired into createEngine as `lab`, next to the other facades of the same instance', () => {
    expect(engine.lab).toBeInstanceOf(LabWasmEngine);
    const r = engine.lab.runLabWasm(tl, config, { strategy: new LabSmaCross({ fast: 3, slow: 10, weight: 0.4 }) });
    expect(r.meta.implementation).toBe('wasm');
    expect(r.meta.engine).toBe('quantlab-lab');
    expect(r.fills.count).toBeGreaterThan(10);
  });

  it('runLabWasm is a drop-in for runLab: bound, same defaults, same result type', () => {
    const engines: ((t: LabTimeline, c?: LabConfigInput, s?: LabSources) => ReturnType<typeof runLab>)[] = [runLab, engine.lab.runLabWasm];
    const [ref, wasm] = engines.map((run) => run(tl));
    expectSameLabResult(wasm, ref);
    expect(Array.from(wasm.nav)).toEqual(new Array(120).fill(10_000));
  });

  it('results own their buffers: a later run (larger, then smaller) leaves an earlier result untouched', () => {
    const small = timelineOf({ A: flat(100, 5) });
    const first = engine.lab.runLabWasm(tl, config, { strategy: new LabSmaCross({ fast: 2, slow: 5, weight: 0.5 }) });
    const copy = { nav: first.nav.slice(), price: first.fills.price.slice(), trade: first.trades.trade.slice() };
    const big = randomMarket(12, 3, 2_000, 0.05);
    const second = engine.lab.runLabWasm(big, config, { strategy: new LabSmaCross({ fast: 2, slow: 5, weight: 0.3 }) });
    engine.lab.runLabWasm(small, config);
    expect(first.nav).toEqual(copy.nav);
    expect(first.fills.price).toEqual(copy.price);
    expect(first.trades.trade).toEqual(copy.trade);
    expectSameLabResult(second, runLab(big, config, { strategy: new LabSmaCross({ fast: 2, slow: 5, weight: 0.3 }) }));
    // And a run after the big one is still the reference's (tables are reset, not just reused).
    expectSameLabResult(
      engine.lab.runLabWasm(tl, config, { strategy: new LabSmaCross({ fast: 2, slow: 5, weight: 0.5 }) }),
      runLab(tl, config, { strategy: new LabSmaCross({ fast: 2, slow: 5, weight: 0.5 }) }),
    );
  });

  it('a run longer than one slice of the module loop (65 536 bars) carries its state across slices', () => {
    const long = randomMarket(13, 2, 140_000, 0.02);
    const at = (t: number): number => long.time[t];
    const sources = (): LabSources => ({
      strategy: new LabSmaCross({ fast: 50, slow: 400, weight: 0.3 }),
      scheduled: [65_535, 65_536, 131_071, 131_072].map((t) => ({
        timestamp: at(t),
        instrument: 1,
        side: 'buy' as const,
        quantity: 3,
        exits: { timeStopBars: 2 },
      })),
      rebalances: [
        { timestamp: at(65_535), weights: { I0: 0.1 } },
        { timestamp: at(65_536), weights: { I1: 0.2 } },
      ],
    });
    const ref = runLab(long, config, sources());
    const wasm = engine.lab.runLabWasm(long, config, sources());
    expectSameLabResult(wasm, ref);
    expect(ref.fills.count).toBeGreaterThan(100);
  }, 60_000);

  it('rejects what the reference rejects, with the same error', () => {
    const bad: [LabTimeline, LabConfigInput, LabSources][] = [
      [{ ...tl, time: tl.time.slice(0, 10) }, {}, {}],
      [tl, { cash: -1 }, {}],
      [tl, { slippage: { model: 'random' } }, {}],
      [tl, {}, { rebalances: [{ timestamp: 0, weights: { NOPE: 1 } }] }],
      [tl, {}, { scheduled: [{ timestamp: 0, instrument: 'I0', side: 'buy' }] }],
      [tl, {}, { extra: 1 } as LabSources],
    ];
    for (const [t, c, s] of bad) {
      const ref = attempt(() => runLab(t, c, s));
      expect(ref.ok).toBe(false);
      expectSameOutcome(
        attempt(() => engine.lab.runLabWasm(t, c, s)),
        ref,
      );
    }
  });

  it('a strategy error (invalid returned order, look-ahead, a throw) surfaces as in the reference, and the next run is clean', () => {
    const strategies: (() => Strategy)[] = [
      () => scripted({ 3: [{ instrument: 0, side: 'buy', quantity: -1 }] }),
      () => ({ onBar: (ctx) => void ctx.data.close(0, -1) }),
      () => ({
        onBar: (ctx) => {
          if (ctx.bar === 5) throw new TypeError('strategy bug');
        },
      }),
    ];
    for (const make of strategies) {
      const ref = attempt(() => runLab(tl, config, { strategy: make() }));
      expect(ref.ok).toBe(false);
      expectSameOutcome(
        attempt(() => engine.lab.runLabWasm(tl, config, { strategy: make() })),
        ref,
      );
    }
    expectSameLabResult(engine.lab.runLabWasm(tl, config), runLab(tl, config));
  });

  it('names the missing exports of an engine module built without the lab profile', () => {
    expect(() => new LabWasmEngine({ memory: new WebAssembly.Memory({ initial: 1 }) } as unknown as LabExports)).toThrow(
      /lacks the lab exports labPrepare/,
    );
  });
});
