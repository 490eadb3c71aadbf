import { describe, expect, it } from 'vitest';
import { LookAheadError, runLab, type Strategy } from '../../../src/core/lab';
import { scripted, timelineOf, type Row } from './lab-fixtures';

const rows: Row[] = [
  [100, 101, 99, 100],
  [101, 102, 100, 101],
  [102, 103, 101, 102],
];

describe('lab engine: bars are revealed one at a time', () => {
  it('a strategy reading the next bar by index throws LookAheadError', () => {
    const peek: Strategy = {
      onBar(ctx) {
        ctx.data.at('close', 'A', ctx.bar + 1);
      },
    };
    expect(() => runLab(timelineOf({ A: rows }), {}, { strategy: peek })).toThrow(LookAheadError);
  });

  it('a negative `ago` (the future) throws LookAheadError', () => {
    const peek: Strategy = {
      onBar(ctx) {
        return ctx.data.close('A', -1) > 0 ? [] : [];
      },
    };
    expect(() => runLab(timelineOf({ A: rows }), {}, { strategy: peek })).toThrow(/never a future one/);
  });

  it('the revealed cursor cannot be moved by a strategy', () => {
    const cheat: Strategy = {
      onBar(ctx) {
        (ctx.data as { bar: number }).bar = ctx.bar + 1;
      },
    };
    expect(() => runLab(timelineOf({ A: rows }), {}, { strategy: cheat })).toThrow(TypeError);
  });

  it('everything up to the current bar is readable, and the account reflects only past fills', () => {
    const seen: number[] = [];
    const r = runLab(
      timelineOf({ A: rows }),
      {},
      {
        strategy: scripted({ 0: [{ instrument: 'A', side: 'buy', quantity: 1 }] }, (ctx) => {
          seen.push(ctx.bar);
          for (let t = 0; t <= ctx.bar; t++) expect(ctx.data.at('close', 0, t)).toBe(rows[t]![3]);
          expect(ctx.data.close('A')).toBe(rows[ctx.bar]![3]);
          expect(ctx.data.time()).toBe(ctx.time);
          // The order placed at bar 0 is only filled at bar 1.
          expect(ctx.position('A')).toBe(ctx.bar === 0 ? 0 : 1);
          expect(ctx.nav()).toBe(ctx.bar === 0 ? 10_000 : 10_000 - 101 + rows[ctx.bar]![3]);
        }),
      },
    );
    expect(seen).toEqual([0, 1, 2]);
    expect(r.fills.bar[0]).toBe(1);
  });

  it('initialize sees no market data', () => {
    let keys: string[] = [];
    runLab(
      timelineOf({ A: rows }),
      {},
      {
        strategy: {
          initialize(ctx) {
            keys = Object.keys(ctx).concat(Object.getOwnPropertyNames(Object.getPrototypeOf(ctx)));
            expect(ctx.instruments).toEqual(['A']);
            expect(ctx.instrument('A')).toBe(0);
            expect(ctx.initialCash).toBe(10_000);
            // The revealed window starts empty: bar −1.
            expect(() => (ctx as unknown as { data: { close(k: number): number } }).data.close(0)).toThrow();
          },
          onBar() {},
        },
      },
    );
    expect(keys.length).toBeGreaterThan(0);
  });
});
