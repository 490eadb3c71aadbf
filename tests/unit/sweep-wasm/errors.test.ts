import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SmaCrossParams } from '../../../src/core/compat';
import { NodeSweepPool } from '../../../src/adapters/node/sweep-pool';
import type { Engine } from '../../../src/engine/engine-module';
import { SweepEngine, type SweepOptions } from '../../../src/engine/sweep-engine';
import { loadSharedBars } from '../compat/load-csv';
import { barsOf } from '../compat/scripted';
import { loadEngine, thrown, thrownAsync } from './harness';

// A sweep rejects what the facades reject, with their error (class and message), naming the combination.

/** Workers start by loading the engine facades through tsx: seconds on a busy machine. */
const POOL_TIMEOUT = 120_000;

const GOOD: SmaCrossParams[] = [
  { fast: 5, slow: 20 },
  { fast: 10, slow: 30 },
  { fast: 2, slow: 7 },
];

describe('sweep errors are the facades’ errors', () => {
  const goog = loadSharedBars('GOOG.csv');
  let engine: Engine;
  let pool: NodeSweepPool;
  beforeAll(async () => {
    engine = await loadEngine();
    engine.sweep.prepare(goog);
    pool = await NodeSweepPool.create({ workers: 2, chunk: 2 });
    await pool.prepare(goog);
  }, POOL_TIMEOUT);
  afterAll(async () => {
    await pool.close();
  });

  /** The facade's error for one combination (parameters validated first, then bars, then options). */
  const facadeError = (params: SmaCrossParams, options: SweepOptions = {}): Error => {
    const { riskFreeRate: _rf, ...backtest } = options;
    const error = thrown(() => engine.compat.run(goog, { name: 'sma-cross', params }, backtest));
    expect(error, `the facade should reject ${JSON.stringify(params)} ${JSON.stringify(options)}`).not.toBeNull();
    return error!;
  };

  const expectSameError = (actual: Error | null, expected: Error, combination?: number): void => {
    expect(actual).not.toBeNull();
    expect([actual!.constructor.name, actual!.message]).toEqual([expected.constructor.name, expected.message]);
    if (combination !== undefined) expect((actual as Error & { combination?: number }).combination).toBe(combination);
  };

  it('rejects invalid parameters, at the lowest bad combination, before anything runs', async () => {
    const bad: SmaCrossParams[] = [
      { fast: 0, slow: 20 },
      { fast: 10, slow: 20.5 },
      { fast: 10, slow: 20, sl: 1 },
      { fast: 10, slow: 20, tp: Number.NaN },
      { fast: -3, slow: 2 },
      { fast: 10, slow: Number.POSITIVE_INFINITY },
      { fast: 10, slow: 20, sl: -0.1 },
    ];
    for (const params of bad) {
      const expected = facadeError(params);
      const grid = [...GOOD, params, { fast: 0, slow: 0 }];
      expectSameError(
        thrown(() => engine.sweep.run('sma-cross', grid)),
        expected,
        GOOD.length,
      );
      expectSameError(await thrownAsync(() => pool.run('sma-cross', grid)), expected, GOOD.length);
    }
  });

  it('rejects invalid options and risk-free rates with the facades’ messages, after the parameters', async () => {
    const badOptions: SweepOptions[] = [
      { cash: 0 },
      { cash: Number.POSITIVE_INFINITY },
      { margin: 1.5 },
      { margin: 0 },
      { commission: { relative: 0.2 } },
      { commission: { fixed: -1 } },
    ];
    for (const options of badOptions) {
      const expected = facadeError(GOOD[0], options);
      expectSameError(
        thrown(() => engine.sweep.run('sma-cross', GOOD, options)),
        expected,
      );
      expectSameError(await thrownAsync(() => pool.run('sma-cross', GOOD, options)), expected);
      // A bad parameter is reported first, as the facade validates its strategy before its options.
      const paramsFirst = facadeError({ fast: 0, slow: 1 }, options);
      expectSameError(
        thrown(() => engine.sweep.run('sma-cross', [{ fast: 0, slow: 1 }], options)),
        paramsFirst,
        0,
      );
    }
    for (const riskFreeRate of [1, -1, Number.NaN, 2]) {
      const r = engine.compat.run(goog, { name: 'sma-cross', params: GOOD[0] });
      const expected = thrown(() =>
        engine.stats.computeStats({
          equity: r.equity,
          time: goog.time,
          close: goog.close,
          trades: r.trades,
          firstTradingBar: r.firstTradingBar,
          riskFreeRate,
        }),
      );
      expectSameError(
        thrown(() => engine.sweep.run('sma-cross', GOOD, { riskFreeRate })),
        expected!,
      );
      expectSameError(await thrownAsync(() => pool.run('sma-cross', GOOD, { riskFreeRate })), expected!);
    }
  });

  it('reports an order the broker rejects, for the lowest failing combination, with the facade’s message', async () => {
    // tp = 1e-17 of the close is the close itself, so "SL < LIMIT < TP" fails on the first entry; a spread wider than
    // the take-profit does the same; a window beyond i32 passes the TypeScript check but not the engine's.
    const cases: [SmaCrossParams, SweepOptions][] = [
      [{ fast: 10, slow: 20, tp: 1e-17 }, {}],
      [{ fast: 3, slow: 9, tp: 0.001 }, { spread: 0.002 }],
      [{ fast: 3e9, slow: 9 }, {}],
    ];
    for (const [params, options] of cases) {
      const expected = facadeError(params, options);
      const grid = [...GOOD, params, ...GOOD, params];
      expectSameError(
        thrown(() => engine.sweep.run('sma-cross', grid, options)),
        expected,
        GOOD.length,
      );
      expectSameError(await thrownAsync(() => pool.run('sma-cross', grid, options)), expected, GOOD.length);
    }
    // Failing combinations leave nothing behind: the same sweep without them runs as usual.
    const ok = engine.sweep.run('sma-cross', GOOD);
    expect(ok.count).toBe(GOOD.length);
    expect(Array.from((await pool.run('sma-cross', GOOD)).stats)).toEqual(Array.from(ok.stats));
  });

  it('reports the lowest failing combination also when a later chunk fails first', { timeout: POOL_TIMEOUT }, async () => {
    const bad: SmaCrossParams = { fast: 10, slow: 20, tp: 1e-17 };
    const grid: SmaCrossParams[] = Array.from({ length: 40 }, (_, k) => (k === 13 || k === 31 ? bad : { fast: 2 + (k % 9), slow: 12 + k }));
    const expected = facadeError(bad);
    for (const workers of [1, 3]) {
      const p = await NodeSweepPool.create({ workers, chunk: 3 });
      try {
        await p.prepare(goog);
        expectSameError(await thrownAsync(() => p.run('sma-cross', grid)), expected, 13);
      } finally {
        await p.close();
      }
    }
  });

  it('validates bars on prepare as the facade does', async () => {
    const nanBars = barsOf([
      [1, 1, 1, 1],
      [1, 1, 1, Number.NaN],
    ]);
    const expected = thrown(() => engine.compat.run(nanBars, { name: 'sma-cross', params: { fast: 1, slow: 2 } }));
    expectSameError(
      thrown(() => engine.sweep.prepare(nanBars)),
      expected!,
    );
    expectSameError(await thrownAsync(() => pool.prepare(nanBars)), expected!);
    const empty = barsOf([]);
    expectSameError(
      thrown(() => engine.sweep.prepare(empty)),
      thrown(() => engine.compat.run(empty, { name: 'sma-cross', params: { fast: 1, slow: 2 } }))!,
    );
  });

  it('rejects an unknown strategy as the facade does', () => {
    const expected = thrown(() => engine.compat.run(goog, { name: 'toString' } as never));
    expectSameError(
      thrown(() => engine.sweep.run('toString' as never, [])),
      expected!,
    );
  });

  it('refuses a module built without the sweep', () => {
    const fake = { memory: new WebAssembly.Memory({ initial: 1 }), scratch: () => 0 } as unknown as ConstructorParameters<typeof SweepEngine>[0];
    expect(() => new SweepEngine(fake)).toThrow(/lacks the sweep exports sweepBarsBuffer/);
  });
});
